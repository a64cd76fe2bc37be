import { describe, expect, it } from 'vitest';
import { openDb, query } from '@/lib/db/client';
import { importOpened } from '@/etl/pipeline';
import type { Cell } from '@/lib/import/types';
import { headerRecipientType } from '@/etl/datasets/award-recipient';
import { dbWithUnits, metaOf, sheetsOf } from './etl-helpers';

const opts = (fileName: string) => ({ fileName, importedBy: 'test', period: '2023' });

const run = async (db: Awaited<ReturnType<typeof openDb>>, rows: Cell[][], name = 'kt.xlsx') => importOpened(db, sheetsOf({ S: rows }), metaOf(rows), opts(name));
const stored = async (db: Awaited<ReturnType<typeof openDb>>, batch: number | null) =>
  query(db, 'SELECT recipient_name, recipient_type, unit_name, award_name FROM v_awards WHERE batch_id = $b ORDER BY award_id', { b: batch });

describe('award recipients: type read from the header and the form, tied to units', () => {
  it('reads the type from the recipient header («Họ và tên», «Họ tên» → cá nhân; «Tên tập thể», «Tập thể/Đơn vị được khen» → tập thể)', () => {
    expect(headerRecipientType('Họ và tên')).toBe('individual');
    expect(headerRecipientType('HỌ TÊN')).toBe('individual');
    expect(headerRecipientType('Tên tập thể')).toBe('collective');
    expect(headerRecipientType('Tập thể được khen')).toBe('collective');
    expect(headerRecipientType('Đơn vị được khen')).toBe('collective');
    expect(headerRecipientType('Tên tập thể/cá nhân')).toBeNull();
  });

  it('a «Họ và tên» list with no «Loại» column loads as individuals, and says how it read them', async () => {
    const db = await dbWithUnits();
    const r = await run(db, [
      ['STT', 'Họ và tên', 'Đơn vị', 'Hình thức khen thưởng'],
      [1, 'Nguyễn Văn An', 'Phòng Quản lý ngân sách', 'Giấy khen Giám đốc Sở'],
      [2, 'Trần Thị Bình', 'Văn phòng Sở', 'Bằng khen UBND tỉnh'],
    ]);
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('loaded');
    expect((await stored(db, r.batchId)).map((x) => x.recipient_type)).toEqual(['individual', 'individual']);
    const note = r.warnings.find((w) => w.code === 'recipient_read')!;
    expect(note.message).toContain('Đã hiểu 2 dòng (dòng 2–3) là cá nhân theo tên cột «Họ và tên»');
    // Kept with the batch.
    expect(await query(db, "SELECT count(*)::INTEGER AS n FROM import_issues WHERE batch_id = $b AND message LIKE '%Đã hiểu 2 dòng%'", { b: r.batchId })).toEqual([{ n: 1 }]);
  });

  it('a «Tên tập thể» / «Đơn vị được khen» list loads as collectives tied to the units they name', async () => {
    for (const header of ['Tên tập thể', 'Đơn vị được khen', 'Tập thể được khen']) {
      const db = await dbWithUnits();
      const r = await run(db, [
        [header, 'Hình thức khen thưởng'],
        ['Phòng Quản lý ngân sách', 'Giấy khen Giám đốc Sở'],
        ['P. TCĐT', 'Bằng khen UBND tỉnh'],
      ]);
      expect(r.errors, header).toEqual([]);
      expect(await stored(db, r.batchId), header).toEqual([
        { recipient_name: 'Phòng Quản lý ngân sách', recipient_type: 'collective', unit_name: 'Phòng Quản lý ngân sách', award_name: 'Giấy khen của Thủ trưởng cơ quan chuyên môn và tương đương thuộc Ủy ban nhân dân cấp tỉnh' },
        { recipient_name: 'P. TCĐT', recipient_type: 'collective', unit_name: 'Phòng Tài chính đầu tư', award_name: 'Bằng khen của Bộ, ban, ngành, tỉnh' },
      ]);
    }
  });

  it('a form given only to individuals or only to collectives decides the type under a mixed header', async () => {
    const db = await dbWithUnits();
    const r = await run(db, [
      ['Tên tập thể/cá nhân', 'Danh hiệu'],
      ['Nguyễn Văn An', 'LĐTT'],
      ['Phòng Tài chính đầu tư', 'TTLĐXS'],
    ]);
    expect(r.errors).toEqual([]);
    expect((await stored(db, r.batchId)).map((x) => [x.recipient_type, x.unit_name])).toEqual([
      ['individual', null],
      ['collective', 'Phòng Tài chính đầu tư'],
    ]);
    const notes = r.warnings.filter((w) => w.code === 'recipient_read').map((w) => w.message);
    expect(notes.some((m) => /1 dòng \(dòng 2\) là cá nhân theo danh hiệu/.test(m))).toBe(true);
    expect(notes.some((m) => /1 dòng \(dòng 3\) là tập thể theo danh hiệu/.test(m))).toBe(true);
  });

  it('contradictions are errors naming row and form: LĐTT to a collective, TTLĐXS to a person', async () => {
    const db = await dbWithUnits();
    const r = await run(db, [
      ['Họ và tên', 'Danh hiệu', 'Loại'],
      ['I. TẬP THỂ'],
      ['Phòng Quản lý ngân sách', 'Lao động tiên tiến', ''],
      ['II. CÁ NHÂN'],
      ['Nguyễn Văn An', 'Tập thể lao động xuất sắc', ''],
      ['Trần Thị Bình', 'TTLĐXS', 'Cá nhân'],
    ]);
    expect(r.status).toBe('rejected');
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'Danh hiệu', 'recipient_form_mismatch'],
      [5, 'Danh hiệu', 'recipient_form_mismatch'],
      [6, 'Danh hiệu', 'recipient_form_mismatch'],
    ]);
    expect(r.errors[0].message).toContain('«Lao động tiên tiến» chỉ tặng cho cá nhân, nhưng «Phòng Quản lý ngân sách» là tập thể');
    expect(r.errors[1].message).toContain('«Tập thể lao động xuất sắc» chỉ tặng cho tập thể, nhưng «Nguyễn Văn An» là cá nhân');
    const h = await run(db, [['Họ và tên', 'Danh hiệu'], ['Nguyễn Văn An', 'TTLĐXS']], 'h.xlsx');
    expect(h.errors[0]).toMatchObject({ row: 2, code: 'recipient_form_mismatch' });
    expect(h.errors[0].message).toContain('cột «Họ và tên» là danh sách cá nhân');
    const f = await run(db, [['Tên tập thể/cá nhân', 'Danh hiệu'], ['Phòng Quản lý ngân sách', 'LĐTT']], 'f.xlsx');
    expect(f.errors[0]).toMatchObject({ row: 2, code: 'recipient_form_mismatch' });
    expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM awards')).toEqual([{ n: 0 }]);
  });

  it('surnames are not signs: Hồ is not «hộ», Tô not «tổ», Đoàn not «đoàn thể»', async () => {
    const db = await dbWithUnits();
    const r = await run(db, [['Họ và tên', 'Hình thức khen thưởng'], ['Hồ Thị Lan', 'Bằng khen UBND tỉnh'], ['Tô Văn Nam', 'Giấy khen Giám đốc Sở'], ['Đoàn Minh Đức', 'Giấy khen Giám đốc Sở']]);
    expect(r.errors).toEqual([]);
    expect((await stored(db, r.batchId)).map((x) => x.recipient_type)).toEqual(['individual', 'individual', 'individual']);
  });

  it('when two readings fit, refuses and asks for «Loại»', async () => {
    const db = await dbWithUnits();
    const r = await run(db, [['Họ và tên', 'Hình thức khen thưởng'], ['Phòng Quản lý ngân sách', 'Bằng khen UBND tỉnh']]);
    expect(r.status).toBe('rejected');
    expect(r.errors[0]).toMatchObject({ row: 2, column: 'Loại', code: 'recipient_type_ambiguous' });
    expect(r.errors[0].message).toContain('Không tự chọn: hãy ghi cột «Loại» (Cá nhân hoặc Tập thể)');
  });

  it('no row loads with an empty unit without the preview saying so and counting them', async () => {
    const db = await dbWithUnits();
    const r = await run(db, [
      ['Tên tập thể/cá nhân', 'Đơn vị', 'Danh hiệu'],
      ['Nguyễn Văn An', '', 'LĐTT'],
      ['Trần Thị Bình', 'Cục Thuế tỉnh', 'LĐTT'],
      ['Lê Văn Cường', 'Cục Thuế tỉnh', 'CSTĐCS'],
      ['Ban Quản lý dự án tỉnh', '', 'TTLĐTT'],
    ]);
    expect(r.status).toBe('loaded');
    expect(r.rowsLoaded).toBe(4);
    const w = (code: string) => r.warnings.filter((x) => x.code === code).map((x) => x.message);
    expect(w('unit_unknown')).toEqual([
      expect.stringContaining('đơn vị «Cục Thuế tỉnh» không có trong danh mục (2 dòng: dòng 3–4)'),
      expect.stringContaining('tên đơn vị «Ban Quản lý dự án tỉnh» của tập thể được khen không khớp đơn vị nào trong danh mục (1 dòng: dòng 5)'),
    ]);
    expect(w('unit_empty')).toEqual([expect.stringContaining('4 dòng sẽ nhập mà không gắn với đơn vị nào trong danh mục: 1 dòng không ghi đơn vị (dòng 2); 3 dòng có tên đơn vị chưa nhận ra')]);
    expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM v_awards WHERE unit_id IS NULL AND batch_id = $b', { b: r.batchId })).toEqual([{ n: 4 }]);
  });

  it('decodes the CANHAN/TAPTHE template codes; one row carries one award', async () => {
    const db = await dbWithUnits();
    const r = await run(db, [
      ['STT', 'Tên đơn vị / tập thể', 'Mã phân loại tập thể', 'Mã hình thức khen thưởng', 'Mã danh hiệu thi đua\n(nếu có)'],
      [1, 'Phòng Quản lý ngân sách', '1660638226', '', '1647933151'],
      [2, 'Văn phòng Sở', '1660638226', '1650360491', ''],
    ]);
    expect(r.errors).toEqual([]);
    expect((await stored(db, r.batchId)).map((x) => [x.recipient_type, x.award_name])).toEqual([
      ['collective', 'Tập thể lao động xuất sắc'],
      ['collective', 'Bằng khen của Bộ, ban, ngành, tỉnh'],
    ]);
    const bad = await run(db, [
      ['Tên đơn vị / tập thể', 'Mã hình thức khen thưởng', 'Mã danh hiệu thi đua (nếu có)'],
      ['Thanh tra Sở', '1650360184', ''],
      ['Văn phòng Sở', '1650360491', '1647933198'],
    ], 'bad.xlsx');
    expect(bad.errors.map((e) => [e.row, e.code])).toEqual([[2, 'award_unknown'], [3, 'award_two']]);
    expect(bad.errors[0].message).toContain('mã 1650360184 là «Huân chương Lao động» nhưng không ghi hạng');
  });

  it('the level is the deciding authority\'s from the catalogue (Điều 80): a «Cấp khen» that disagrees is reported, not stored', async () => {
    const db = await dbWithUnits();
    const r = await run(db, [
      ['Tên tập thể', 'Danh hiệu', 'Cấp khen'],
      ['Phòng Quản lý ngân sách', 'TTLĐXS', 'Cơ sở'],
      ['Văn phòng Sở', 'TTLĐTT', 'Cơ sở'],
    ]);
    expect(r.status).toBe('loaded');
    expect(await query(db, 'SELECT award_level FROM v_awards WHERE batch_id = $b ORDER BY award_id', { b: r.batchId })).toEqual([{ award_level: 'province' }, { award_level: 'grassroots' }]);
    const w = r.warnings.filter((x) => x.code === 'level_differs');
    expect(w.map((x) => x.row)).toEqual([2]);
    expect(w[0].message).toContain('(Bộ, ban, ngành, tỉnh: Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân cấp tỉnh)');
  });

  it('a district-level form decided after 30/6/2025 is refused (the district level ended 01/7/2025, Điều 80 khoản 2)', async () => {
    const db = await dbWithUnits();
    const r = await run(db, [
      ['Họ và tên', 'Hình thức khen thưởng', 'Ngày quyết định'],
      ['Nguyễn Văn An', 'Giấy khen của Chủ tịch UBND huyện', '15/08/2025'],
      ['Trần Thị Bình', 'Giấy khen của Chủ tịch UBND huyện', '20/06/2025'],
    ]);
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[2, 'award_not_valid']]);
    expect(r.errors[0].message).toContain('đến 30/06/2025');
  });
});
