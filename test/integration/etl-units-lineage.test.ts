import { describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { importOpened, undoBatch } from '@/etl/pipeline';
import type { Cell } from '@/lib/import/types';
import { unitLineage, unitYearlySeries } from '@/lib/queries/unit-lineage';
import { metaOf, sheetsOf } from './etl-helpers';

/**
 * Units through time: the 2025 changes recorded in a units file — Sở Kế hoạch và Đầu tư merged
 * into Sở Tài chính from 01/3/2025; Long An merged into Tây Ninh and the district level ended
 * from 01/7/2025 — are stored as validity intervals and successors, and a successor's yearly
 * series folds in its predecessors' history.
 */

const opts = (fileName: string) => ({ fileName, importedBy: 'test' });

const UNITS_2025: Cell[][] = [
  ['UBND TỈNH TÂY NINH'],
  ['SỞ TÀI CHÍNH'],
  ['DANH SÁCH ĐƠN VỊ'],
  ['STT', 'Tên đơn vị', 'Loại đơn vị', 'Tỉnh', 'Hiệu lực từ', 'Hiệu lực đến', 'Sáp nhập vào', 'Ngày sáp nhập'],
  [1, 'Sở Tài chính tỉnh Tây Ninh', 'Sở, ban, ngành', 'Tây Ninh', null, null, null, null],
  [2, 'Sở Kế hoạch và Đầu tư tỉnh Tây Ninh', 'Sở, ban, ngành', 'Tây Ninh', null, null, 'Sở Tài chính tỉnh Tây Ninh', '01/03/2025'],
  [3, 'Sở Tài chính tỉnh Long An', 'Sở, ban, ngành', 'Long An', null, null, 'Sở Tài chính tỉnh Tây Ninh', '01/07/2025'],
  [4, 'Phòng Tài chính - Kế hoạch huyện Bến Lức', 'Phòng TC-KH huyện', 'Long An', '01/01/2020', '30/06/2025', null, null],
];

async function loaded(): Promise<{ db: Db; batchId: number }> {
  const db = await openDb(':memory:');
  const r = await importOpened(db, sheetsOf({ 'Đơn vị': UNITS_2025 }), metaOf(UNITS_2025), opts('don-vi-2025.xlsx'));
  expect(r.errors).toEqual([]);
  expect(r.status).toBe('loaded');
  return { db, batchId: r.batchId! };
}

const idOf = async (db: Db, name: string) => Number((await query<{ unit_id: number }>(db, 'SELECT unit_id FROM units WHERE name = $n', { n: name }))[0].unit_id);

describe('units through time', () => {
  it('stores validity intervals, provinces and successors with the day before the merger as the last day', async () => {
    const { db } = await loaded();
    const rows = await query(
      db,
      `SELECT u.unit_name, u.province, strftime(u.valid_from, '%Y-%m-%d') AS valid_from, strftime(u.valid_to, '%Y-%m-%d') AS valid_to,
              s.name AS successor, strftime(u.merged_on, '%Y-%m-%d') AS merged_on
       FROM v_units u LEFT JOIN units s ON s.unit_id = u.successor_id ORDER BY u.unit_id`,
    );
    expect(rows).toEqual([
      { unit_name: 'Sở Tài chính tỉnh Tây Ninh', province: 'Tây Ninh', valid_from: null, valid_to: null, successor: null, merged_on: null },
      { unit_name: 'Sở Kế hoạch và Đầu tư tỉnh Tây Ninh', province: 'Tây Ninh', valid_from: null, valid_to: '2025-02-28', successor: 'Sở Tài chính tỉnh Tây Ninh', merged_on: '2025-03-01' },
      { unit_name: 'Sở Tài chính tỉnh Long An', province: 'Long An', valid_from: null, valid_to: '2025-06-30', successor: 'Sở Tài chính tỉnh Tây Ninh', merged_on: '2025-07-01' },
      { unit_name: 'Phòng Tài chính - Kế hoạch huyện Bến Lức', province: 'Long An', valid_from: '2020-01-01', valid_to: '2025-06-30', successor: null, merged_on: null },
    ]);
  });

  it('v_unit_lineage folds predecessors into the successor; the yearly series counts their activities and awards', async () => {
    const { db } = await loaded();
    const stc = await idOf(db, 'Sở Tài chính tỉnh Tây Ninh');
    const khdt = await idOf(db, 'Sở Kế hoạch và Đầu tư tỉnh Tây Ninh');
    const lineage = await query<{ unit_id: number; root_unit_id: number; root_unit_name: string; merged_from: string | null }>(
      db,
      'SELECT unit_id, root_unit_id, root_unit_name, merged_from FROM v_unit_lineage ORDER BY unit_id',
    );
    expect(lineage.map((l) => [Number(l.unit_id), Number(l.root_unit_id), l.merged_from])).toEqual([
      [stc, stc, 'Sở Kế hoạch và Đầu tư tỉnh Tây Ninh; Sở Tài chính tỉnh Long An'],
      [khdt, stc, null],
      [khdt + 1, stc, null],
      [khdt + 2, khdt + 2, null],
    ]);
    expect(await unitLineage(db, stc)).toMatchObject({ root_unit_id: stc, merged_from: 'Sở Kế hoạch và Đầu tư tỉnh Tây Ninh; Sở Tài chính tỉnh Long An', province: 'Tây Ninh' });

    const acts: Cell[][] = [
      ['STT', 'Ngày', 'Đơn vị', 'Hình thức', 'Nội dung', 'Số người tham gia'],
      [1, '10/05/2024', 'Sở Kế hoạch và Đầu tư tỉnh Tây Ninh', 'Hội nghị', 'Hội nghị phát động thi đua', 40],
      [2, '11/05/2024', 'Sở Tài chính tỉnh Long An', 'Hội nghị', 'Hội nghị sơ kết', 30],
      [3, '12/05/2024', 'Sở Tài chính tỉnh Tây Ninh', 'Hội nghị', 'Hội nghị tổng kết', 20],
      [4, '10/05/2025', 'Sở Tài chính tỉnh Tây Ninh', 'Hội nghị', 'Hội nghị phát động', 90],
      [5, '10/05/2024', 'Phòng Tài chính - Kế hoạch huyện Bến Lức', 'Hội nghị', 'Hội nghị huyện', 15],
    ];
    const a = await importOpened(db, sheetsOf({ HD: acts }), metaOf(acts), opts('hd.xlsx'));
    expect(a.errors).toEqual([]);
    const awards: Cell[][] = [
      ['DANH SÁCH KHEN THƯỞNG NĂM 2024'],
      ['STT', 'Họ và tên', 'Đơn vị công tác', 'Danh hiệu thi đua/Hình thức khen thưởng', 'Số quyết định'],
      [1, 'Nguyễn Văn An', 'Sở Kế hoạch và Đầu tư tỉnh Tây Ninh', 'Lao động tiên tiến', '10/QĐ-SKHĐT'],
      [2, 'Trần Thị Bình', 'Sở Tài chính tỉnh Tây Ninh', 'Lao động tiên tiến', '11/QĐ-STC'],
    ];
    const w = await importOpened(db, sheetsOf({ KT: awards }), metaOf(awards), opts('kt.xlsx'));
    expect(w.errors).toEqual([]);

    expect(await unitYearlySeries(db, stc)).toEqual([
      { year: 2024, activities: 3, participants: 90, awards: 2, merged_activities: 2, merged_awards: 1 },
      { year: 2025, activities: 1, participants: 90, awards: 0, merged_activities: 0, merged_awards: 0 },
    ]);
    // A predecessor's own page keeps its own history only.
    expect(await unitYearlySeries(db, khdt)).toEqual([{ year: 2024, activities: 1, participants: 40, awards: 1, merged_activities: 0, merged_awards: 0 }]);
  });

  it('refuses an interval that ends before it starts; undo restores the interval, province and successor', async () => {
    const bad: Cell[][] = [
      ['STT', 'Tên đơn vị', 'Loại đơn vị', 'Hiệu lực từ', 'Hiệu lực đến'],
      [1, 'Sở Tài chính tỉnh Tây Ninh', 'Sở, ban, ngành', '01/07/2025', '30/06/2025'],
    ];
    const { db } = await loaded();
    const r = await importOpened(db, sheetsOf({ DV: bad }), metaOf(bad), opts('bad.xlsx'));
    expect(r.status).toBe('rejected');
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[2, 'interval_invalid']]);

    const later: Cell[][] = [
      ['STT', 'Tên đơn vị', 'Loại đơn vị', 'Tỉnh', 'Sáp nhập vào', 'Ngày sáp nhập'],
      [1, 'Phòng Tài chính - Kế hoạch huyện Bến Lức', 'Phòng TC-KH huyện', 'Tây Ninh', 'Sở Tài chính tỉnh Tây Ninh', '01/07/2025'],
    ];
    const before = await query(db, 'SELECT * FROM v_units ORDER BY unit_id');
    const l = await importOpened(db, sheetsOf({ DV: later }), metaOf(later), opts('later.xlsx'));
    expect(l.status).toBe('loaded');
    const changed = await query<{ province: string; successor_id: number }>(db, "SELECT province, successor_id FROM units WHERE name LIKE 'Phòng Tài chính%'");
    expect(changed[0].province).toBe('Tây Ninh');
    expect(changed[0].successor_id).not.toBeNull();
    await undoBatch(db, l.batchId!, 'test');
    expect(await query(db, 'SELECT * FROM v_units ORDER BY unit_id')).toEqual(before);
  });
});
