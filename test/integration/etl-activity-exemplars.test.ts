import { describe, expect, it } from 'vitest';
import { openDb, query } from '@/lib/db/client';
import { importOpened } from '@/etl/pipeline';
import { exportQuery } from '@/etl/export/datasets';
import type { Cell } from '@/lib/import/types';
import { parseDashboardFilters } from '@/lib/filters/dashboard';
import { makePeriod } from '@/lib/periods';
import { parseActivityListFilters } from '@/lib/filters/lists';
import { listActivities } from '@/lib/queries/lists';
import { activityKpis, comparison } from '@/lib/queries/overview';
import { metaOf, sheetsOf, UNITS_ROWS } from './etl-helpers';

/** Reach and typed exemplars from a spreadsheet to the views, the list, the export and the overview KPI. */
const ROWS: Cell[][] = [
  ['STT', 'Ngày', 'Đơn vị', 'Hình thức', 'Nội dung', 'Số người tham gia', 'Lượt xem', 'Điển hình tiên tiến', 'Loại điển hình', 'Đề nghị Hội đồng TĐKT tỉnh'],
  [1, '10/03/2023', 'QLNS', 'Cổng thông tin điện tử', 'Tin bài gương người tốt việc tốt', 0, 15000, 'Nguyễn Văn A', null, 'x'],
  [2, '11/03/2023', 'TTr', 'Hội nghị', 'Hội nghị biểu dương', 120, null, 'Tổ kiểm tra số 2', 'Mô hình mới', null],
  [3, '12/03/2023', 'VP', 'Zalo', 'Bài đăng', 0, 800, null, null, null],
];

describe('activities: reach apart from attendance, exemplars typed', () => {
  it('reach never adds to participants; kinds and the proposal flag reach v_activities, the list, the export and the KPI', async () => {
    const db = await openDb(':memory:');
    await importOpened(db, sheetsOf({ 'Đơn vị': UNITS_ROWS }), metaOf(UNITS_ROWS), { fileName: 'u.xlsx', importedBy: 't' });
    const r = await importOpened(db, sheetsOf({ HD: ROWS }), metaOf(ROWS), { fileName: 'hd.xlsx', importedBy: 't' });
    expect(r.errors).toEqual([]);
    expect(r.preview.map((p) => [p.participants, p.reach, p.exemplar_kind, p.exemplar_proposed])).toEqual([
      [0, 15000, 'good_deed', true],
      [120, null, 'new_model', null],
      [0, 800, null, null],
    ]);
    const v = await query(db, 'SELECT sum(participants)::INTEGER AS p, sum(reach)::INTEGER AS r FROM v_activities');
    expect(v[0]).toEqual({ p: 120, r: 15800 });

    const f = parseDashboardFilters({ period: '2023' }, makePeriod('year', 2023)).filters;
    const k = await activityKpis(db, f, comparison(f.period, '2026-12-01').current);
    expect([k.participants, k.exemplars, k.exemplars_proposed]).toEqual([120, 2, 1]);

    const list = await listActivities(db, parseActivityListFilters({ period: '2023', sort: 'date', dir: 'asc' }).filters);
    expect(list.rows.map((x) => [x.reach, x.exemplar_kind, x.exemplar_proposed])).toEqual([
      [15000, 'good_deed', true],
      [null, 'new_model', null],
      [800, null, null],
    ]);
    const ex = exportQuery('activities', null);
    const out = await query(db, ex.sql, ex.params);
    expect(out.map((x) => [Number(x.participants), x.reach === null ? null : Number(x.reach), x.exemplar_kind])).toEqual([
      [0, 15000, 'good_deed'],
      [120, null, 'new_model'],
      [0, 800, null],
    ]);
  });
});
