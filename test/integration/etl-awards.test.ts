import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { query, type Db } from '@/lib/db/client';
import { importFile, importOpened } from '@/etl/pipeline';
import type { Cell } from '@/lib/import/types';
import { dbWithUnits, importOptions, metaOf, sheetsOf } from './etl-helpers';

const AWARDS: Cell[][] = [
  ['SỞ TÀI CHÍNH', null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
  ['DANH SÁCH KHEN THƯỞNG NĂM 2022'],
  ['STT', 'Họ và tên', 'Chức vụ, đơn vị công tác', 'Hình thức khen thưởng', 'Số, ngày quyết định'],
  ['(1)', '(2)', '(3)', '(4)', '(5)'],
  ['I. TẬP THỂ', 'I. TẬP THỂ', 'I. TẬP THỂ', 'I. TẬP THỂ', 'I. TẬP THỂ'],
  [1, 'Phòng Quản lý ngân sách', null, 'TTLĐXS', '125/QĐ-STC ngày 20/12/2022'],
  [2, 'Thanh tra Sở', null, 'Bằng khen UBND tỉnh', '3150/QĐ-UBND ngày 25/12/2022'],
  ['II. CÁ NHÂN'],
  [1, 'Nguyễn Văn An', 'Trưởng phòng, Phòng Quản lý ngân sách', 'LĐTT', '125/QĐ-STC ngày 20/12/2022'],
  [2, 'Trần Thị Bình', 'Chuyên viên, Văn phòng Sở', 'CSTĐCS', '126/QĐ-STC ngày 20/12/2022'],
  [3, 'Lê Văn Cường', 'Chuyên viên, Chi cục Thuế khu vực', 'Giấy khen Giám đốc Sở', '127/QĐ-STC'],
  ['Tổng cộng: 5'],
  [null, null, null, 'Nơi nhận:'],
  [null, null, null, '- Như trên;'],
];

describe('awards', () => {
  it('loads sections, combined decision columns, catalogue names and levels; unknown units kept raw with a warning', async () => {
    const db = await dbWithUnits();
    const r = await importOpened(db, sheetsOf({ DS: AWARDS }), metaOf(AWARDS), importOptions('kt.xlsx'));
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('loaded');
    expect(r.rowsLoaded).toBe(5);
    expect(r.warnings.map((w) => w.row)).toContain(11);
    const rows = await query(
      db,
      `SELECT recipient_name, recipient_type, unit_name, award_name, award_kind, award_level, decision_no,
              strftime(decision_date, '%Y-%m-%d') AS decision_date, award_year, unit_id IS NULL AS unknown_unit
       FROM v_awards ORDER BY award_id`,
    );
    expect(rows).toEqual([
      { recipient_name: 'Phòng Quản lý ngân sách', recipient_type: 'collective', unit_name: 'Phòng Quản lý ngân sách', award_name: 'Tập thể lao động xuất sắc', award_kind: 'title', award_level: 'province', decision_no: '125/QĐ-STC', decision_date: '2022-12-20', award_year: 2022, unknown_unit: false },
      { recipient_name: 'Thanh tra Sở', recipient_type: 'collective', unit_name: 'Thanh tra Sở', award_name: 'Bằng khen của Bộ, ban, ngành, tỉnh', award_kind: 'commendation', award_level: 'province', decision_no: '3150/QĐ-UBND', decision_date: '2022-12-25', award_year: 2022, unknown_unit: false },
      { recipient_name: 'Nguyễn Văn An', recipient_type: 'individual', unit_name: 'Phòng Quản lý ngân sách', award_name: 'Lao động tiên tiến', award_kind: 'title', award_level: 'grassroots', decision_no: '125/QĐ-STC', decision_date: '2022-12-20', award_year: 2022, unknown_unit: false },
      { recipient_name: 'Trần Thị Bình', recipient_type: 'individual', unit_name: 'Văn phòng Sở', award_name: 'Chiến sĩ thi đua cơ sở', award_kind: 'title', award_level: 'grassroots', decision_no: '126/QĐ-STC', decision_date: '2022-12-20', award_year: 2022, unknown_unit: false },
      { recipient_name: 'Lê Văn Cường', recipient_type: 'individual', unit_name: 'Chuyên viên, Chi cục Thuế khu vực', award_name: 'Giấy khen của Thủ trưởng cơ quan chuyên môn và tương đương thuộc Ủy ban nhân dân cấp tỉnh', award_kind: 'commendation', award_level: 'department', decision_no: '127/QĐ-STC', decision_date: null, award_year: 2022, unknown_unit: true },
    ]);
  });

  it('rejects unknown award names (with the closest), missing recipient types and duplicated rows', async () => {
    const db = await dbWithUnits();
    const bad: Cell[][] = [
      ['Tên tập thể/cá nhân', 'Danh hiệu', 'Năm'],
      ['Nguyễn Văn An', 'Huy hiệu vàng', 2022],
      ['Nguyễn Văn Bảy', 'Bằng khen UBND tỉnh', 2022],
      ['Ông Nguyễn Văn Tám', 'LĐTT', 2022],
      ['Ông Nguyễn Văn Tám', 'Lao động tiên tiến', 2022],
    ];
    const r = await importOpened(db, sheetsOf({ S: bad }), metaOf(bad), importOptions('bad.xlsx'));
    expect(r.status).toBe('rejected');
    expect(r.errors.map((e) => e.row)).toEqual([2, 3, 5]);
    expect(r.errors[0].message).toMatch(/^Dòng 2, cột «Danh hiệu»: không nhận ra danh hiệu\/hình thức khen thưởng «Huy hiệu vàng»\. Có phải là /);
    // A mixed header, a form for people and collectives alike, a bare name: nothing decides.
    expect(r.errors[1].message).toContain('cá nhân, tập thể hay hộ gia đình');
    expect(r.errors[2].message).toContain('trùng với dòng 4');
    expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM awards')).toEqual([{ n: 0 }]);
  });

  it('reads an xlsx written by Excel tools (merged two-row header, date cells) through the reader', async () => {
    const db = await dbWithUnits();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['DANH SÁCH KHEN THƯỞNG']);
    ws.addRow(['STT', 'Họ và tên', 'Danh hiệu', 'Quyết định', null, 'Loại']);
    ws.addRow([null, null, null, 'Số', 'Ngày', null]);
    ws.mergeCells('A2:A3');
    ws.mergeCells('B2:B3');
    ws.mergeCells('C2:C3');
    ws.mergeCells('D2:E2');
    ws.mergeCells('F2:F3');
    ws.addRow([1, 'Nguyễn Văn An', 'LĐTT', '12/QĐ-STC', new Date(Date.UTC(2023, 11, 20)), 'Cá nhân']);
    ws.addRow([2, 'Phòng Tài chính đầu tư', 'TTLĐXS', '13/QĐ-STC', 45280, 'Tập thể']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-awards-'));
    const file = path.join(dir, 'kt.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await importFile(db, { path: file }, importOptions('kt.xlsx'));
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('loaded');
    const rows = await query(db, "SELECT recipient_type, decision_no, strftime(decision_date, '%Y-%m-%d') AS d, award_year FROM v_awards ORDER BY award_id");
    expect(rows).toEqual([
      { recipient_type: 'individual', decision_no: '12/QĐ-STC', d: '2023-12-20', award_year: 2023 },
      { recipient_type: 'collective', decision_no: '13/QĐ-STC', d: '2023-12-20', award_year: 2023 },
    ]);
    const again = await importFile(db, { path: file }, importOptions('kt-copy.xlsx'));
    expect(again.status).toBe('duplicate');
    expect(again.duplicateOf).toBe(r.batchId);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('maps the headers of the real blank templates and says there are no data rows', async () => {
    const db = await dbWithUnits();
    const dir = path.join(process.cwd(), 'test', 'fixtures', 'real-templates');
    for (const f of ['CANHAN.xlsx', 'TAPTHE.xlsx', 'MauTDKT_20231004.xlsx']) {
      const r = await importFile(db, { path: path.join(dir, f) }, importOptions(f));
      expect(r.status, f).toBe('rejected');
      expect(r.dataset, f).toBe('awards');
      expect(r.errors.map((e) => e.code), f).toEqual(['no_data']);
      expect(r.errors[0].message, f).toContain('không có dòng dữ liệu nào');
      expect(r.headerMapping.some((m) => m.field === 'recipient'), f).toBe(true);
    }
    // NHANDULIEU.xlsx carries four example recipients without an award: each row is named.
    const r = await importFile(db, { path: path.join(dir, 'NHANDULIEU.xlsx') }, importOptions('NHANDULIEU.xlsx'));
    expect(r.status).toBe('rejected');
    expect(r.sheet).toBe('DANHSACH');
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[4, 'award_missing'], [5, 'award_missing'], [6, 'award_missing'], [7, 'award_missing']]);
    expect(await query(db, "SELECT count(*)::INTEGER AS n FROM import_batches WHERE dataset = 'awards'")).toEqual([{ n: 0 }]);
  });
});

describe('awards: the year of an annual title decided early the next year', () => {
  // Luật Thi đua, khen thưởng 06/2022/QH15, Chương II: danh hiệu thi đua are considered at the
  // year-end review and decided early the next year (etl/datasets/year-column.ts).
  const LIST = (title: string, withYear = false): Cell[][] => [
    [title],
    ['STT', 'Họ và tên', 'Đơn vị công tác', 'Danh hiệu thi đua/Hình thức khen thưởng', 'Số quyết định', 'Ngày quyết định', ...(withYear ? ['Năm'] : [])],
    [1, 'Nguyễn Văn An', 'Phòng Quản lý ngân sách', 'Lao động tiên tiến', '15/QĐ-STC', '15/01/2024', ...(withYear ? [2024] : [])],
    [2, 'Trần Thị Bình', 'Văn phòng Sở', 'Chiến sĩ thi đua cơ sở', '16/QĐ-STC', '20/03/2024', ...(withYear ? [2024] : [])],
    [3, 'Hoàng Văn Em', 'Phòng Quản lý ngân sách', 'Chiến sĩ thi đua cơ sở', '17/QĐ-STC', '31/03/2024', ...(withYear ? [2024] : [])],
    [4, 'Lê Văn Cường', 'Văn phòng Sở', 'Giấy khen Giám đốc Sở', '18/QĐ-STC', '15/01/2024', ...(withYear ? [2024] : [])],
    [5, 'Phạm Thị Dung', 'Văn phòng Sở', 'Lao động tiên tiến', '19/QĐ-STC', '01/04/2024', ...(withYear ? [2024] : [])],
  ];
  const years = (db: Db) =>
    query<{ recipient_name: string; award_year: number }>(db, 'SELECT recipient_name, award_year FROM v_awards ORDER BY award_id');

  it('no «Năm» column, no year in the title: titles decided in January–March count for the year before, the preview says so', async () => {
    const db = await dbWithUnits();
    const rows = LIST('DANH SÁCH KHEN THƯỞNG');
    const r = await importOpened(db, sheetsOf({ DS: rows }), metaOf(rows), importOptions('kt-q1.xlsx'));
    expect(r.errors).toEqual([]);
    expect((await years(db)).map((x) => Number(x.award_year))).toEqual([2023, 2023, 2023, 2024, 2024]);
    const notes = r.warnings.filter((w) => w.code === 'award_year_previous');
    expect(notes).toHaveLength(1);
    expect(notes[0].message).toContain('3 dòng (dòng 3–5) cho năm 2023');
    expect(notes[0].message).toContain('tháng 1–3/2024');
  });

  it('a «Năm» column or a year in the title wins: no shift, no note', async () => {
    for (const [title, withYear] of [['DANH SÁCH KHEN THƯỞNG', true], ['DANH SÁCH KHEN THƯỞNG NĂM 2024', false]] as const) {
      const db = await dbWithUnits();
      const rows = LIST(title, withYear);
      const r = await importOpened(db, sheetsOf({ DS: rows }), metaOf(rows), importOptions(`kt-${withYear}.xlsx`));
      expect(r.errors).toEqual([]);
      expect((await years(db)).map((x) => Number(x.award_year))).toEqual([2024, 2024, 2024, 2024, 2024]);
      expect(r.warnings.filter((w) => w.code === 'award_year_previous')).toEqual([]);
    }
  });
});
