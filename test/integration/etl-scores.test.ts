import { describe, expect, it } from 'vitest';
import { query } from '@/lib/db/client';
import { importOpened } from '@/etl/pipeline';
import type { Cell } from '@/lib/import/types';
import { dbWithUnits, importOptions, metaOf, sheetsOf } from './etl-helpers';

// Wide: criteria as rows, a Tự chấm / Khối chấm pair per unit under a merged unit header.
function wideSheet(total: Cell[] | null, rank: Cell[] | null): Cell[][] {
  const rows: Cell[][] = [
    ['SỞ TÀI CHÍNH', null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['BẢNG TỔNG HỢP ĐIỂM THI ĐUA KHỐI THI ĐUA CÁC PHÒNG THUỘC SỞ 6 THÁNG ĐẦU NĂM 2023'],
    [],
    ['STT', 'Nội dung tiêu chí', 'Điểm chuẩn', 'P. QLNS', 'P. QLNS', 'Thanh tra Sở', 'Thanh tra Sở', 'VP', 'VP'],
    ['STT', 'Nội dung tiêu chí', 'Điểm chuẩn', 'Tự chấm', 'Khối chấm', 'Tự chấm', 'Khối chấm', 'Tự chấm', 'Khối chấm'],
    ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)'],
    ['I', 'Công tác chuyên môn', 60, 58, 57, 55, 54, 60, 57],
    ['1', 'Hoàn thành nhiệm vụ', 40, 39, 38, 37, 36, 40, 38],
    ['2', 'Cải cách hành chính', 20, '19', '19', 18, 18, 20, 19],
    ['II', 'Công tác thi đua', 40, 38, 38, 36, 36, 38, 37.5],
    ['1', 'Tổ chức phong trào', 25, 24, 24, 23, 23, 24, '23,5'],
    ['2', 'Khen thưởng', 15, 14, 14, 13, 13, 14, 14],
    ['III', 'Điểm thưởng', 5, 2, 2, 0, 0, 1, 1],
    ['IV', 'Điểm trừ', 5, 0, 0, 1, 1, 0, 0.5],
  ];
  if (total) rows.push(total);
  if (rank) rows.push(rank);
  rows.push([], [null, null, null, 'KT. GIÁM ĐỐC'], [null, null, null, 'PHÓ GIÁM ĐỐC']);
  return rows;
}

describe('score sheets', () => {
  it('loads a wide sheet: groups are not criteria, bonus/penalty kept, totals and ranks agree', async () => {
    const db = await dbWithUnits();
    // QLNS: 57+2=... assessed leaves 38+19+24+14 = 95, +2 bonus = 97; TTr: 36+18+23+13 = 90 +0 -1 = 89; VP: 38+19+23.5+14 = 94.5 +1 -0.5 = 95
    const rows = wideSheet(['', 'TỔNG CỘNG', 100, 98, 97, 90, 89, 99, 95], ['', 'XẾP HẠNG', null, null, 1, null, 3, null, 2]);
    const r = await importOpened(db, sheetsOf({ Diem: rows }), metaOf(rows), importOptions('diem.xlsx'));
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('loaded');
    expect(r.dataset).toBe('scores');
    expect(r.period).toBe('2023-H1');
    expect(r.bloc).toBe('Khối các phòng thuộc Sở');
    expect(r.rowsLoaded).toBe(18);
    const totals = await query(db, 'SELECT unit_name, total_points, rank FROM v_score_totals ORDER BY rank, unit_name');
    expect(totals).toEqual([
      { unit_name: 'Phòng Quản lý ngân sách', total_points: 97, rank: 1 },
      { unit_name: 'Văn phòng Sở', total_points: 95, rank: 2 },
      { unit_name: 'Thanh tra Sở', total_points: 89, rank: 3 },
    ]);
    const kinds = await query(db, "SELECT criterion_kind, count(*)::INTEGER n FROM v_scores GROUP BY 1 ORDER BY 1");
    expect(kinds).toEqual([
      { criterion_kind: 'bonus', n: 3 },
      { criterion_kind: 'criterion', n: 12 },
      { criterion_kind: 'penalty', n: 3 },
    ]);
    const groups = await query(db, "SELECT DISTINCT criterion_group FROM scores WHERE criterion_kind = 'criterion' ORDER BY 1");
    expect(groups).toEqual([{ criterion_group: 'I Công tác chuyên môn' }, { criterion_group: 'II Công tác thi đua' }]);
  });

  it('rejects a TỔNG CỘNG row that disagrees, naming the unit and both totals', async () => {
    const db = await dbWithUnits();
    const rows = wideSheet(['', 'TỔNG CỘNG', 100, 98, 97, 90, 90, 99, 95], null);
    const r = await importOpened(db, sheetsOf({ Diem: rows }), metaOf(rows), importOptions('diem.xlsx'));
    expect(r.status).toBe('rejected');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toContain('dòng TỔNG CỘNG của Thanh tra Sở không khớp với tổng tính lại (điểm các tiêu chí + điểm thưởng − điểm trừ) — điểm khối chấm: bảng ghi 90, tính lại được 89');
    expect(r.errors[0].column).toBe('Thanh tra Sở');
    expect(await query(db, 'SELECT count(*)::INTEGER n FROM scores')).toEqual([{ n: 0 }]);
  });

  it('rejects a wrong XẾP HẠNG row and a second sheet for the same bloc and period', async () => {
    const db = await dbWithUnits();
    const wrongRank = wideSheet(null, ['', 'XẾP HẠNG', null, null, 1, null, 2, null, 3]);
    const r = await importOpened(db, sheetsOf({ Diem: wrongRank }), metaOf(wrongRank), importOptions('d.xlsx'));
    expect(r.status).toBe('rejected');
    expect(r.errors.map((e) => e.column)).toEqual(['Thanh tra Sở', 'VP']);
    expect(r.errors[0].message).toContain('ghi Thanh tra Sở hạng «2», nhưng theo tổng điểm 89 thì đúng là hạng 3');
    const ok = wideSheet(null, null);
    const first = await importOpened(db, sheetsOf({ Diem: ok }), metaOf(ok), importOptions('d1.xlsx'));
    expect(first.status).toBe('loaded');
    const again = wideSheet(null, ['', 'XẾP HẠNG', null, null, 1, null, 3, null, 2]);
    const second = await importOpened(db, sheetsOf({ Diem: again }), metaOf(again), importOptions('d2.xlsx'));
    expect(second.status).toBe('rejected');
    expect(second.errors[0].message).toContain(`đã có trong lần nhập #${first.batchId}; hãy hủy lần nhập đó trước khi nhập bảng điểm mới`);
  });

  it('loads a long sheet with --period/--bloc flags and rejects points above the maximum', async () => {
    const db = await dbWithUnits();
    const long: Cell[][] = [
      ['Đơn vị', 'STT', 'Tiêu chí', 'Điểm tối đa', 'Tự chấm', 'Thẩm định'],
      ['QLNS', '1', 'Hoàn thành nhiệm vụ', 60, 58, 57],
      ['QLNS', '2', 'Thi đua', 40, 39, '38,5'],
      ['QLNS', '', 'Điểm thưởng', 5, 1, 1],
      ['TTr', '1', 'Hoàn thành nhiệm vụ', 60, 58, 57],
      ['TTr', '2', 'Thi đua', 40, 39, 38.5],
      ['TTr', '', 'Điểm thưởng', 5, 1, 1],
    ];
    const r = await importOpened(db, sheetsOf({ L: long }), metaOf(long), importOptions('long.csv', { period: '2022', bloc: 'khối các phòng thuộc sở' }));
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('loaded');
    expect(await query(db, 'SELECT unit_name, total_points, rank FROM v_score_totals ORDER BY unit_name')).toEqual([
      { unit_name: 'Phòng Quản lý ngân sách', total_points: 96.5, rank: 1 },
      { unit_name: 'Thanh tra Sở', total_points: 96.5, rank: 1 },
    ]);
    const bad = long.map((row, i) => (i === 2 ? ['QLNS', '2', 'Thi đua', 40, 39, 41] : row));
    const r2 = await importOpened(db, sheetsOf({ L: bad }), metaOf(bad), importOptions('long2.csv', { period: '2023', bloc: 'Khối các phòng thuộc Sở' }));
    expect(r2.status).toBe('rejected');
    expect(r2.errors[0].message).toContain('vượt điểm tối đa 40');
    expect(r2.errors[0].row).toBe(3);
  });

  it('says clearly when the period or the bloc is unknown', async () => {
    const db = await dbWithUnits();
    const long: Cell[][] = [
      ['Đơn vị', 'Tiêu chí', 'Điểm tối đa', 'Khối chấm'],
      ['QLNS', 'Hoàn thành nhiệm vụ', 60, 57],
    ];
    const r = await importOpened(db, sheetsOf({ L: long }), metaOf(long), importOptions('x.csv', { bloc: 'Khối Phòng Tài chính' }));
    expect(r.status).toBe('rejected');
    const messages = r.errors.map((e) => e.message).join('\n');
    expect(messages).toContain('Không xác định được kỳ chấm điểm');
  });
});
