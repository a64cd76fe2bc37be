import { describe, expect, it } from 'vitest';
import { query } from '@/lib/db/client';
import { importOpened, listBatches, undoBatch } from '@/etl/pipeline';
import type { Cell } from '@/lib/import/types';
import { dbWithUnits, importOptions, metaOf, sheetsOf } from './etl-helpers';

const ACTIVITIES: Cell[][] = [
  ['UBND TỈNH QUẢNG BÌNH', null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
  ['SỞ TÀI CHÍNH', null, 'Độc lập - Tự do - Hạnh phúc'],
  ['BÁO CÁO HOẠT ĐỘNG TUYÊN TRUYỀN NĂM 2023'],
  [],
  ['STT', 'Ngày thực hiện', 'Đơn vị\nthực hiện', 'Hình thức', 'Nội dung', 'Số người\ntham gia'],
  ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)'],
  [1, new Date(Date.UTC(2023, 2, 15)), 'P. QLNS', 'Cổng thông tin điện tử', 'Tin bài về thi đua', '1.250'],
  [2, '20/12/2023', 'phòng quản lý ngân sách', 'Hội nghị', 'Hội nghị sơ kết', 45],
  [3, 45000, 'TTr', 'Zalo', 'Bài đăng nhóm Zalo', null],
  [4, '2023-06-01', 'Văn phòng Sở', 'Hội thi', 'Hội thi tìm hiểu pháp luật', '30'],
  ['Tổng cộng', null, null, null, null, 1325],
  [],
  [null, null, null, 'KT. GIÁM ĐỐC'],
  [null, null, null, 'PHÓ GIÁM ĐỐC'],
];

describe('import pipeline: units and activities', () => {
  it('loads units, aliases, blocs and membership', async () => {
    const db = await dbWithUnits();
    expect(await query(db, 'SELECT count(*)::INTEGER n FROM v_units')).toEqual([{ n: 5 }]);
    expect(await query(db, "SELECT count(*)::INTEGER n FROM v_bloc_members WHERE bloc_name = 'Khối các phòng thuộc Sở' AND year = 2023")).toEqual([{ n: 4 }]);
    const kinds = await query(db, 'SELECT unit_kind, count(*)::INTEGER n FROM v_units GROUP BY 1 ORDER BY 1');
    expect(kinds).toEqual([{ unit_kind: 'district_office', n: 1 }, { unit_kind: 'division', n: 4 }]);
  });

  it('loads a messy activities sheet with title block, column numbers, footer and signature', async () => {
    const db = await dbWithUnits();
    const r = await importOpened(db, sheetsOf({ Sheet1: ACTIVITIES }), metaOf(ACTIVITIES), importOptions('hd.xlsx'));
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('loaded');
    expect(r.dataset).toBe('activities');
    expect(r.rowsLoaded).toBe(4);
    const rows = await query(db, "SELECT strftime(activity_date, '%Y-%m-%d') d, unit_name, channel, participants FROM v_activities ORDER BY activity_date, channel");
    expect(rows).toEqual([
      { d: '2023-03-15', unit_name: 'Phòng Quản lý ngân sách', channel: 'portal', participants: 1250 },
      // A Zalo group is social media, apart from the eGov system.
      { d: '2023-03-15', unit_name: 'Thanh tra Sở', channel: 'social', participants: 0 },
      { d: '2023-06-01', unit_name: 'Văn phòng Sở', channel: 'contest', participants: 30 },
      { d: '2023-12-20', unit_name: 'Phòng Quản lý ngân sách', channel: 'seminar', participants: 45 },
    ]);
  });

  it('rejects a file with errors and writes nothing; names rows, columns and closest units', async () => {
    const db = await dbWithUnits();
    const bad: Cell[][] = [
      ['Ngày', 'Đơn vị', 'Hình thức', 'Nội dung', 'Số người tham gia'],
      ['31/02/2022', 'P. QLNS', 'Hội nghị', 'A', 1],
      ['01/02/2022', 'PHÒNG QUẢN LÝ NGÂN SÁCH', 'Hội nghị', 'B', -3],
      ['01/02/2022', 'Phòng Kế toán', 'Hội nghị', 'C', 2],
      ['02/02/2022', 'QLNS', 'Hội nghị', 'D', 2],
      ['02/02/2022', 'qlns', 'hội nghị', 'd', 2],
    ];
    const before = await listBatches(db);
    const r = await importOpened(db, sheetsOf({ S: bad }), metaOf(bad), importOptions('bad.csv'));
    expect(r.status).toBe('rejected');
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Ngày'],
      [3, 'Số người tham gia'],
      [4, 'Đơn vị'],
      [6, null],
    ]);
    expect(r.errors[0].message).toBe('Dòng 2, cột «Ngày»: «31/02/2022» không phải ngày hợp lệ. Hãy nhập ngày dạng dd/mm/yyyy, ví dụ 20/12/2022.');
    expect(r.errors[2].message).toContain('«Phòng Kế toán»');
    expect(r.errors[3].message).toContain('trùng với dòng 5');
    expect(await listBatches(db)).toEqual(before);
    expect(await query(db, 'SELECT count(*)::INTEGER n FROM activities')).toEqual([{ n: 0 }]);
  });

  it('says duplicate for the same file, skips the same rows from another file, and undoes', async () => {
    const db = await dbWithUnits();
    const first = await importOpened(db, sheetsOf({ S: ACTIVITIES }), metaOf(ACTIVITIES), importOptions('a.xlsx'));
    expect(first.status).toBe('loaded');
    const more = [...ACTIVITIES.slice(0, 10), [5, '21/12/2023', 'VP', 'Văn nghệ', 'Hội diễn văn nghệ', 80]];
    const second = await importOpened(db, sheetsOf({ S: more }), metaOf(more), importOptions('b.xlsx'));
    expect(second.status).toBe('loaded');
    expect(second.rowsLoaded).toBe(1);
    expect(second.rowsSkipped).toBe(4);
    expect(await query(db, 'SELECT count(*)::INTEGER n, sum(participants)::INTEGER p FROM v_activities')).toEqual([{ n: 5, p: 1405 }]);
    await undoBatch(db, first.batchId!, 'test');
    expect(await query(db, 'SELECT count(*)::INTEGER n FROM v_activities')).toEqual([{ n: 1 }]);
    const batches = await listBatches(db);
    expect(batches.find((b) => b.batch_id === first.batchId)?.status).toBe('undone');
  });
});
