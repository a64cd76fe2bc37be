import { describe, expect, it } from 'vitest';
import { query } from '@/lib/db/client';
import { importOpened, undoBatch } from '@/etl/pipeline';
import type { Cell } from '@/lib/import/types';
import { batchUnitReadings } from '@/lib/units/readings';
import { addOfficeAlias, listAliases, removeOfficeAlias, updateOfficeAlias } from '@/lib/upload/aliases';
import type { SessionUser } from '@/lib/auth/types';
import { dbWithUnits, importOptions, metaOf, sheetsOf } from './etl-helpers';
import { DISTRICTS, DIVISIONS, TAY_NINH_UNITS } from './unit-names-fixture';

/**
 * Unit names as offices write them, against the units file of a provincial finance department
 * (Sở Tài chính Tây Ninh) with its divisions and the district finance offices.
 */
const office: SessionUser = { userId: 2, username: 'vanphong', role: 'office' };

function activities(units: string[]): Cell[][] {
  return [
    ['SỞ TÀI CHÍNH TỈNH TÂY NINH'],
    ['BÁO CÁO HOẠT ĐỘNG TUYÊN TRUYỀN NĂM 2024'],
    [],
    ['STT', 'Ngày thực hiện', 'Đơn vị thực hiện', 'Hình thức', 'Nội dung', 'Số người tham gia'],
    ...units.map((u, i) => [i + 1, `${String((i % 28) + 1).padStart(2, '0')}/03/2024`, u, 'Hội nghị', `Hội nghị phổ biến số ${i + 1}`, 20] as Cell[]),
  ];
}

const VARIANTS: [string, string][] = [
  ['P.TC-KH H. Châu Thành', 'Phòng Tài chính - Kế hoạch huyện Châu Thành'],
  ['Phòng TCKH huyện Châu Thành', 'Phòng Tài chính - Kế hoạch huyện Châu Thành'],
  ['PHÒNG TÀI CHÍNH - KẾ HOẠCH HUYỆN TÂN CHÂU', 'Phòng Tài chính - Kế hoạch huyện Tân Châu'],
  ['Phòng Tài chính – Kế hoạch huyện Gò Dầu', 'Phòng Tài chính - Kế hoạch huyện Gò Dầu'],
  ['Phòng Tài chính Kế hoạch Gò Dầu', 'Phòng Tài chính - Kế hoạch huyện Gò Dầu'],
  ['Phòng TC-KH Hòa Thành', 'Phòng Tài chính - Kế hoạch thị xã Hòa Thành'],
  ['Phòng TC-KH TX Trảng Bàng', 'Phòng Tài chính - Kế hoạch thị xã Trảng Bàng'],
  ['P.TCKH Tp. Tây Ninh', 'Phòng Tài chính - Kế hoạch thành phố Tây Ninh'],
  ['Phòng TC-KH thành phố Tây Ninh', 'Phòng Tài chính - Kế hoạch thành phố Tây Ninh'],
  ['VP Sở', 'Văn phòng Sở'],
  ['TTr', 'Thanh tra Sở'],
  ['P. QLNS', 'Phòng Quản lý ngân sách'],
  ['Phòng HCSN', 'Phòng Tài chính hành chính sự nghiệp'],
  ['P.TCĐT', 'Phòng Tài chính đầu tư'],
  ['Phòng TCDN', 'Phòng Tài chính doanh nghiệp'],
  ['phong tai chinh doanh nghiep', 'Phòng Tài chính doanh nghiệp'],
];

describe('unit names as offices write them (import)', () => {
  it('loads an activity list written with every variant to exactly the right units, and keeps the readings with the batch', async () => {
    const db = await dbWithUnits(TAY_NINH_UNITS, 'don-vi.xlsx');
    const rows = activities(VARIANTS.map((v) => v[0]));
    const r = await importOpened(db, sheetsOf({ HD: rows }), metaOf(rows), importOptions('hoat-dong.xlsx'));
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('loaded');
    const stored = await query(db, 'SELECT unit_raw, unit_name FROM activities JOIN v_units USING (unit_id) ORDER BY source_row');
    expect(stored.map((s) => [s.unit_raw, s.unit_name])).toEqual(VARIANTS);
    const readings = await batchUnitReadings(db, r.batchId!);
    const chau = readings.find((x) => x.text === 'P.TC-KH H. Châu Thành');
    expect(chau).toMatchObject({ unitName: 'Phòng Tài chính - Kế hoạch huyện Châu Thành', rule: 'viết tắt P. = Phòng; TC-KH = Tài chính - Kế hoạch; H. = huyện' });
    expect(readings.find((x) => x.text === 'Phòng TC-KH Hòa Thành')?.rule).toContain('không ghi «thị xã»');
    expect(readings.map((x) => x.text).sort()).toEqual(r.unitReadings!.map((x) => x.text).sort());
    expect(readings).toHaveLength(VARIANTS.length);
  });

  it('loads a wide score sheet whose column headers are the district offices as written', async () => {
    const db = await dbWithUnits(TAY_NINH_UNITS, 'don-vi.xlsx');
    const heads = ['Phòng TC-KH thành phố Tây Ninh', 'P.TC-KH TX Hòa Thành', 'Phòng TCKH H. Châu Thành'];
    const rows: Cell[][] = [
      ['SỞ TÀI CHÍNH TỈNH TÂY NINH'],
      [`BẢNG TỔNG HỢP ĐIỂM THI ĐUA ${DISTRICTS.toUpperCase()} NĂM 2024`],
      [],
      ['STT', 'Nội dung tiêu chí', 'Điểm chuẩn', ...heads.flatMap((h) => [h, h])],
      ['STT', 'Nội dung tiêu chí', 'Điểm chuẩn', 'Tự chấm', 'Khối chấm', 'Tự chấm', 'Khối chấm', 'Tự chấm', 'Khối chấm'],
      ['1', 'Hoàn thành nhiệm vụ', 60, 58, 57, 55, 54, 60, 59],
      ['2', 'Công tác thi đua', 40, 38, 38, 36, 35, 38, 37],
    ];
    const r = await importOpened(db, sheetsOf({ Diem: rows }), metaOf(rows), importOptions('diem-khoi.xlsx'));
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('loaded');
    const totals = await query(db, 'SELECT unit_name, total_points FROM v_score_totals ORDER BY total_points DESC');
    expect(totals).toEqual([
      { unit_name: 'Phòng Tài chính - Kế hoạch huyện Châu Thành', total_points: 96 },
      { unit_name: 'Phòng Tài chính - Kế hoạch thành phố Tây Ninh', total_points: 95 },
      { unit_name: 'Phòng Tài chính - Kế hoạch thị xã Hòa Thành', total_points: 89 },
    ]);
  });

  it('refuses a name that fits several units, naming every candidate, and stores nothing', async () => {
    const db = await dbWithUnits(TAY_NINH_UNITS, 'don-vi.xlsx');
    const more: Cell[][] = [
      TAY_NINH_UNITS[3],
      [1, 'Phòng Tài chính - Kế hoạch huyện Châu Thành tỉnh Long An', null, 'Phòng TC-KH huyện', DISTRICTS, 2024],
      [2, 'Thanh tra tỉnh', null, 'Cơ quan cấp tỉnh', null, 2024],
    ];
    expect((await importOpened(db, sheetsOf({ DV: more }), metaOf(more), importOptions('them.xlsx'))).status).toBe('loaded');
    const rows = activities(['Phòng TC-KH Châu Thành', 'P. QLNS', 'Thanh tra', 'Phòng TC-KH Châu Thành']);
    const r = await importOpened(db, sheetsOf({ HD: rows }), metaOf(rows), importOptions('mo-ho.xlsx'));
    expect(r.status).toBe('rejected');
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([
      [5, 'unit_ambiguous'],
      [7, 'unit_ambiguous'],
      [8, 'unit_ambiguous'],
    ]);
    expect(r.errors[0].message).toContain('«Phòng Tài chính - Kế hoạch huyện Châu Thành», «Phòng Tài chính - Kế hoạch huyện Châu Thành tỉnh Long An»');
    expect(r.errors[1].message).toContain('«Thanh tra Sở», «Thanh tra tỉnh»');
    expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM activities')).toEqual([{ n: 0 }]);
    expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM import_unit_readings')).toEqual([{ n: 0 }]);
  });

  it('an award list of collectives with unknown names loads with one counted warning per name', async () => {
    const db = await dbWithUnits(TAY_NINH_UNITS, 'don-vi.xlsx');
    const rows: Cell[][] = [
      ['DANH SÁCH KHEN THƯỞNG NĂM 2024'],
      ['STT', 'Tên tập thể', 'Danh hiệu', 'Số quyết định', 'Năm'],
      ['I', 'TẬP THỂ'],
      [1, 'Phòng TC-KH huyện Tân Biên', 'Tập thể lao động xuất sắc', '12/QĐ-UBND', 2024],
      [2, 'P.TC-KH H. Châu Thành', 'Tập thể lao động xuất sắc', '12/QĐ-UBND', 2024],
      [3, 'Phòng TC-KH huyện Tân Biên', 'Giấy khen', '13/QĐ-STC', 2024],
    ];
    const r = await importOpened(db, sheetsOf({ KT: rows }), metaOf(rows), importOptions('khen.xlsx'));
    expect(r.status).toBe('loaded');
    const unknown = r.warnings.filter((w) => w.code === 'unit_unknown');
    // Grouped by cause: one line per unknown name with its rows, then how many rows have no unit.
    expect(unknown.map((w) => w.row)).toEqual([4]);
    expect(unknown[0].message).toContain('«Phòng TC-KH huyện Tân Biên»');
    expect(unknown[0].message).toContain('(2 dòng: dòng 4, dòng 6)');
    expect(r.warnings.filter((w) => w.code === 'unit_empty').map((w) => w.message)).toEqual([expect.stringContaining('2 dòng sẽ nhập mà không gắn với đơn vị nào')]);
    const stored = await query(db, 'SELECT source_row, unit_id IS NULL AS no_unit, unit_raw FROM awards ORDER BY source_row');
    expect(stored).toEqual([
      { source_row: 4, no_unit: true, unit_raw: 'Phòng TC-KH huyện Tân Biên' },
      { source_row: 5, no_unit: false, unit_raw: 'P.TC-KH H. Châu Thành' },
      { source_row: 6, no_unit: true, unit_raw: 'Phòng TC-KH huyện Tân Biên' },
    ]);
    // Mapped later on /tai-len/don-vi, the kept rows follow the name.
    const [chau] = await query(db, "SELECT unit_id FROM units WHERE name = 'Phòng Tài chính - Kế hoạch huyện Châu Thành'");
    const mapped = await addOfficeAlias(db, { name: 'Phòng TC-KH huyện Tân Biên', unitId: Number(chau.unit_id) }, office);
    expect(mapped.attached).toBe(2);
  });
});

describe('aliases and undo', () => {
  it('creates, edits and removes an alias with who and when', async () => {
    const db = await dbWithUnits(TAY_NINH_UNITS, 'don-vi.xlsx');
    const [qlns] = await query(db, "SELECT unit_id FROM units WHERE name = 'Phòng Quản lý ngân sách'");
    const [hcsn] = await query(db, "SELECT unit_id FROM units WHERE name = 'Phòng Tài chính hành chính sự nghiệp'");
    await expect(addOfficeAlias(db, { name: 'P. Ngân sách', unitId: Number(qlns.unit_id) }, { ...office, role: 'viewer' })).rejects.toThrow(/không có quyền/);
    await expect(addOfficeAlias(db, { name: 'Văn phòng Sở', unitId: Number(qlns.unit_id) }, office)).rejects.toThrow(/đã là tên của đơn vị «Văn phòng Sở»/);
    await addOfficeAlias(db, { name: 'P. Ngân sách', unitId: Number(qlns.unit_id) }, office);
    let mine = (await listAliases(db)).filter((a) => a.source === 'office');
    expect(mine).toMatchObject([{ alias: 'P. Ngân sách', unit_name: 'Phòng Quản lý ngân sách', created_by: 'vanphong', updated_by: null }]);
    expect(mine[0].created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await updateOfficeAlias(db, { aliasKey: mine[0].alias_key, unitId: Number(hcsn.unit_id) }, { ...office, username: 'quantri', role: 'admin' });
    mine = (await listAliases(db)).filter((a) => a.source === 'office');
    expect(mine).toMatchObject([{ alias: 'P. Ngân sách', unit_name: 'Phòng Tài chính hành chính sự nghiệp', created_by: 'vanphong', updated_by: 'quantri' }]);
    await removeOfficeAlias(db, mine[0].alias_key, office);
    expect((await listAliases(db)).filter((a) => a.source === 'office')).toEqual([]);
    // Aliases from the units file are listed too, and cannot be removed by the page.
    await removeOfficeAlias(db, 'qlns', office);
    expect((await listAliases(db)).some((a) => a.alias === 'QLNS')).toBe(true);
  });

  it('undoing a units batch restores the units fields and aliases as they were', async () => {
    const db = await dbWithUnits(TAY_NINH_UNITS, 'don-vi.xlsx');
    const before = await query(db, 'SELECT unit_id, name, abbreviation, kind, headcount FROM units ORDER BY unit_id');
    const aliasesBefore = await query(db, 'SELECT alias_key, alias, unit_id FROM unit_aliases ORDER BY alias_key');
    const update: Cell[][] = [
      ['STT', 'Tên đơn vị', 'Tên viết tắt', 'Loại đơn vị', 'Khối thi đua', 'Năm', 'Tên gọi khác', 'Biên chế'],
      [1, 'Phòng Quản lý ngân sách', 'P.NS', 'Phòng thuộc Sở', DIVISIONS, 2025, 'Phòng Ngân sách', 12],
      [2, 'Phòng Tài chính - Kế hoạch huyện Tân Biên', null, 'Phòng TC-KH huyện', DISTRICTS, 2025, null, 9],
    ];
    const r = await importOpened(db, sheetsOf({ DV: update }), metaOf(update), importOptions('don-vi-2025.xlsx'));
    expect(r.status).toBe('loaded');
    expect(await query(db, "SELECT abbreviation, headcount FROM units WHERE name = 'Phòng Quản lý ngân sách'")).toEqual([{ abbreviation: 'P.NS', headcount: 12 }]);
    await undoBatch(db, r.batchId!, 'test');
    expect(await query(db, 'SELECT unit_id, name, abbreviation, kind, headcount FROM units ORDER BY unit_id')).toEqual(before);
    expect(await query(db, 'SELECT alias_key, alias, unit_id FROM unit_aliases ORDER BY alias_key')).toEqual(aliasesBefore);
  });

  it('refuses to undo a units batch whose new unit is used by loaded rows', async () => {
    const db = await dbWithUnits(TAY_NINH_UNITS, 'don-vi.xlsx');
    const add: Cell[][] = [TAY_NINH_UNITS[3], [1, 'Phòng Tài chính - Kế hoạch huyện Tân Biên', null, 'Phòng TC-KH huyện', DISTRICTS, 2025]];
    const u = await importOpened(db, sheetsOf({ DV: add }), metaOf(add), importOptions('tan-bien.xlsx'));
    const rows = activities(['Phòng TC-KH Tân Biên']);
    expect((await importOpened(db, sheetsOf({ HD: rows }), metaOf(rows), importOptions('hd.xlsx'))).status).toBe('loaded');
    await expect(undoBatch(db, u.batchId!, 'test')).rejects.toThrow(/đang dùng đơn vị do lần nhập này thêm vào: «Phòng Tài chính - Kế hoạch huyện Tân Biên» \(1 dòng\)/);
  });
});
