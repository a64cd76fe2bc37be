import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { openDb } from '@/lib/db/client';
import { DATASETS } from '@/lib/domain';
import { importFile } from '@/etl/pipeline';
import { matchHeaderText } from '@/etl/headers/synonyms';
import { buildTemplate, TEMPLATE_COLUMNS } from '@/lib/upload/templates';
import { sha256OfFile } from '@/app/(app)/tai-len/_components/sha256';

describe('upload: blank templates', () => {
  it.each(DATASETS)('%s: every header is one the import recognises exactly, for the intended field', (dataset) => {
    for (const c of TEMPLATE_COLUMNS[dataset]) {
      expect(matchHeaderText(dataset, c.header), c.header).toMatchObject({ field: c.field, score: 3 });
    }
  });

  it.each(DATASETS)('%s: workbook has the header row, drop-down lists and a Vietnamese instruction sheet', async (dataset) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate(dataset)) as unknown as ArrayBuffer);
    const data = wb.getWorksheet('Dữ liệu')!;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(TEMPLATE_COLUMNS[dataset].map((c) => c.header));
    expect(data.rowCount).toBe(1);
    const help = wb.getWorksheet('Hướng dẫn')!;
    expect(String(help.getCell('A1').value)).toMatch(/^MẪU NHẬP: /);
    const helpText = help.getSheetValues().flat().join(' ');
    expect(helpText).toContain('dd/mm/yyyy');
    expect(helpText).toContain('Xác nhận nhập');
  });

  it('a filled activities template imports as is', async () => {
    const db = await openDb(':memory:');
    const units = await importFile(db, { path: path.resolve('data/sample/don-vi-khoi-thi-dua.xlsx') }, { fileName: 'don-vi.xlsx', importedBy: 't' });
    expect(units.status).toBe('loaded');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate('activities')) as unknown as ArrayBuffer);
    const data = wb.getWorksheet('Dữ liệu')!;
    data.addRow([1, '15/03/2025', 'Phòng Quản lý ngân sách', 'Cổng thông tin điện tử', 'Tin bài về phong trào thi đua', 0]);
    data.addRow([2, '20/04/2025', 'Văn phòng Sở', 'Hội nghị, tọa đàm', 'Hội nghị sơ kết phong trào', 45, 'Thi đua thực hiện thắng lợi nhiệm vụ tài chính']);
    // Exemplar, its kind, the proposal mark and the reach: the template's last columns.
    data.addRow([3, '21/04/2025', 'Văn phòng Sở', 'Mạng xã hội', 'Giới thiệu gương sáng', 0, '', 'Tổ thu ngân sách', 'Mô hình mới', 'x', 8200]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await importFile(db, { bytes }, { fileName: 'mau-hoat-dong.xlsx', importedBy: 't' });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ status: 'loaded', dataset: 'activities', rowsLoaded: 3, sheet: 'Dữ liệu' });
    expect(r.preview.map((p) => p.channel)).toEqual(['portal', 'seminar', 'social']);
    expect(r.preview[2]).toMatchObject({ participants: 0, reach: 8200, exemplar_kind: 'new_model', exemplar_proposed: true });
  });
});

describe('upload: browser sha256 fallback (plain-http LANs have no crypto.subtle)', () => {
  it('matches node:crypto across its 4 MB steps, with and without crypto.subtle', async () => {
    for (const n of [0, 1, 64, 100_003, 9 * 1024 * 1024 + 7]) {
      const bytes = randomBytes(n);
      const expected = createHash('sha256').update(bytes).digest('hex');
      expect(await sha256OfFile(new Blob([bytes])), `length ${n}, subtle`).toBe(expected);
      vi.stubGlobal('crypto', undefined);
      try {
        const steps: number[] = [];
        expect(await sha256OfFile(new Blob([bytes]), (r) => steps.push(r)), `length ${n}, fallback`).toBe(expected);
        if (n > 4 * 1024 * 1024) expect({ steps: steps.length, last: steps.at(-1) }).toEqual({ steps: 3, last: 1 });
      } finally {
        vi.unstubAllGlobals();
      }
    }
  });
});
