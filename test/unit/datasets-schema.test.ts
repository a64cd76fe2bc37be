import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '@/lib/db/client';
import { DATASETS, type Dataset } from '@/lib/domain';
import { DATASET_SCHEMAS, neededColumnsText } from '@/lib/datasets';
import { datasetColumnsMarkdown, README_BEGIN, README_END } from '@/lib/datasets/docs';
import { matchHeaderText } from '@/etl/headers/synonyms';
import { detectTable } from '@/etl/detect/table';
import { importOpened } from '@/etl/pipeline';
import { TEMPLATE_COLUMNS } from '@/lib/upload/templates';
import type { Cell } from '@/lib/import/types';
import { metaOf, sheetsOf } from '../integration/etl-helpers';

const opts = (fileName: string, extra = {}) => ({ fileName, importedBy: 'test', ...extra });

describe('dataset schemas (lib/datasets): one description per dataset', () => {
  it('the lib base layer imports nothing from etl/ or app/', () => {
    const dir = path.resolve('lib/datasets');
    for (const f of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      expect(text, f).not.toMatch(/from '@\/(etl|app)\//);
    }
  });

  it.each(DATASETS)('%s: every synonym maps to its own field exactly', (d) => {
    for (const f of DATASET_SCHEMAS[d].fields) {
      // 'Ngày sinh' etc. are kept as `category` (read, not stored); every one still maps to its field.
      for (const s of f.synonyms) expect(matchHeaderText(d, s), `${d}: «${s}»`).toMatchObject({ field: f.field, score: 3 });
    }
  });

  it.each(DATASETS)('%s: the template marks as required exactly the fields the schema requires', (d) => {
    const required = DATASET_SCHEMAS[d].fields.filter((f) => f.need === 'required' && f.template).map((f) => f.field);
    expect(TEMPLATE_COLUMNS[d].filter((c) => c.required).map((c) => c.field)).toEqual(required);
    for (const c of TEMPLATE_COLUMNS[d]) if (DATASET_SCHEMAS[d].fields.find((f) => f.field === c.field)!.need === 'conditional') expect(c.need).toMatch(/^Có, /);
  });

  it.each(DATASETS)('%s: a header row with one alternative of recognisedBy is found as this dataset', (d) => {
    for (const alt of DATASET_SCHEMAS[d].recognisedBy) {
      const header: Cell[] = alt.map((f) => DATASET_SCHEMAS[d].fields.find((x) => x.field === f)!.label);
      // The wide score sheet's alternative: units across the columns.
      if (d === 'scores' && !alt.includes('unit')) header.push('Phòng Quản lý ngân sách');
      const t = detectTable([{ rowNumber: 1, cells: header }], d);
      expect(t?.dataset, `${d}: ${header.join(', ')}`).toBe(d);
    }
  });

  it('the README section is the schema rendered (documentation cannot drift)', () => {
    const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
    const start = readme.indexOf(README_BEGIN);
    const end = readme.indexOf(README_END);
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start + README_BEGIN.length, end).trim()).toBe(datasetColumnsMarkdown());
  });
});

describe('what the import really needs, as the schema says', () => {
  it('a file without a recognisable header names the columns of recognisedBy', async () => {
    const db = await openDb(':memory:');
    const rows: Cell[][] = [['STT', 'Ghi chú'], [1, 'x']];
    const r = await importOpened(db, sheetsOf({ S: rows }), metaOf(rows), opts('x.xlsx', { dataset: 'activities' as Dataset }));
    expect(r.status).toBe('rejected');
    expect(r.errors[0].message).toContain(`Cần các cột: ${neededColumnsText('activities')}.`);
    expect(neededColumnsText('activities')).toBe('«Ngày», «Đơn vị», «Nội dung»');
  });

  it('units: «Khối thi đua» is optional; «Năm» is needed only on a row that names a bloc (conditional)', async () => {
    const db = await openDb(':memory:');
    const rows: Cell[][] = [
      ['Tên đơn vị', 'Loại đơn vị', 'Khối thi đua', 'Năm'],
      ['Phòng Quản lý ngân sách', 'Phòng thuộc Sở', null, null],
      ['Văn phòng Sở', 'Phòng thuộc Sở', 'Khối các phòng thuộc Sở', null],
    ];
    const r = await importOpened(db, sheetsOf({ S: rows }), metaOf(rows), opts('dv.xlsx'));
    expect(r.status).toBe('rejected');
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[3, 'Năm']]);
    const ok = rows.slice(0, 2);
    const r2 = await importOpened(db, sheetsOf({ S: ok }), metaOf(ok), opts('dv2.xlsx'));
    expect(r2).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
  });

  it('activities: «Hình thức» and «Số người tham gia» are recommended: empty means «Khác» (with a warning) and 0', async () => {
    const db = await openDb(':memory:');
    const units: Cell[][] = [['Tên đơn vị', 'Loại đơn vị'], ['Văn phòng Sở', 'Phòng thuộc Sở']];
    expect((await importOpened(db, sheetsOf({ S: units }), metaOf(units), opts('dv.xlsx'))).status).toBe('loaded');
    const rows: Cell[][] = [['Ngày', 'Đơn vị', 'Nội dung'], ['15/03/2025', 'Văn phòng Sở', 'Tin bài']];
    const r = await importOpened(db, sheetsOf({ S: rows }), metaOf(rows), opts('hd.xlsx'));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
    expect(r.preview[0]).toMatchObject({ channel: 'other', participants: 0 });
  });
});
