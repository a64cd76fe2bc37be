import { describe, expect, it } from 'vitest';
import { openDb } from '@/lib/db/client';
import { parseDashboardFilters, type DashboardFilters } from '@/lib/filters/dashboard';
import { parseActivityListFilters, parseAwardListFilters } from '@/lib/filters/lists';
import { makePeriod, parsePeriod } from '@/lib/periods';
import { blocCriteriaHeat, blocMembers, blocRanking, blocTrend } from '@/lib/queries/bloc';
import { importWarnings, missingScorePeriods, unresolvedUnitNames } from '@/lib/queries/data-quality';
import { listActivities, listAwards } from '@/lib/queries/lists';
import { dataExtent, unitOptions } from '@/lib/queries/options';
import {
  activitiesByChannel,
  activitiesByUnit,
  activityKpis,
  activitySeries,
  averageBlocScore,
  awardsByForm,
  awardsByKindAndLevel,
  blocLeaders,
  blocRankings,
  comparison,
  delta,
  perStaff,
} from '@/lib/queries/overview';
import { unitCriteria, unitKpis, unitScoreHistory } from '@/lib/queries/unit';
import { fixtureDb } from './dashboard-fixture';

function filters(period: string, extra: Record<string, string> = {}): DashboardFilters {
  return parseDashboardFilters({ period, ...extra }, makePeriod('year', 2022)).filters;
}
const TODAY = '2026-11-27';

describe('overview queries on the hand-made fixture', () => {
  it('counts activities, participants, exemplars and participation per staff for 2022-H1 against 2021-H2', async () => {
    const db = await fixtureDb();
    const f = filters('2022-H1');
    const cmp = comparison(f.period, TODAY);
    expect(cmp.previousPeriod.id).toBe('2021-H2');
    expect(cmp.partial).toBe(false);
    const [cur, prev] = await Promise.all([activityKpis(db, f, cmp.current), activityKpis(db, f, cmp.previous)]);
    // a1..a5 (the undone batch's 1000 participants are not counted): 10+30+5+100+7. Per staff:
    // attendance only — the seminar's 30 (unit 1); the portal posts' 10 and 5 readers are not
    // attendance, the event and the contest are of units without a headcount — over 10 + 20 staff.
    expect(cur).toEqual({ activities: 5, participants: 152, exemplars: 2, attendance_with_headcount: 30, exemplars_proposed: 0, headcount: 30 });
    expect(perStaff(cur)).toBe(1);
    expect(prev).toMatchObject({ activities: 2, participants: 24 });
    expect(delta(cur.activities, prev.activities)).toEqual({ abs: 3, rel: 1.5 });
  });

  it('applies unit, bloc, movement and channel filters', async () => {
    const db = await fixtureDb();
    const w = (f: DashboardFilters) => comparison(f.period, TODAY).current;
    const byUnit = filters('2022-H1', { unit: '1' });
    expect((await activityKpis(db, byUnit, w(byUnit))).activities).toBe(2);
    const byBloc = filters('2022-H1', { bloc: '1' });
    expect((await activityKpis(db, byBloc, w(byBloc))).activities).toBe(4); // the unresolved row is in no bloc
    const byMovement = filters('2022', { movement: '2' });
    expect((await activityKpis(db, byMovement, w(byMovement))).participants).toBe(5);
    const byChannel = filters('2022', { channel: 'portal' });
    expect((await activityKpis(db, byChannel, w(byChannel))).activities).toBe(2);
  });

  it('gives zero, not an error, for an empty period and no relative change from zero', async () => {
    const db = await fixtureDb();
    const f = filters('2019');
    const k = await activityKpis(db, f, comparison(f.period, TODAY).current);
    expect(k).toEqual({ activities: 0, participants: 0, exemplars: 0, attendance_with_headcount: 0, exemplars_proposed: 0, headcount: null });
    expect(perStaff(k)).toBeNull();
    expect(delta(3, 0)).toEqual({ abs: 3, rel: null });
  });

  it('compares a period that is not over "to date"', () => {
    const cmp = comparison(parsePeriod('2026')!, TODAY);
    expect(cmp.partial).toBe(true);
    expect(cmp.current.end).toBe(TODAY);
    expect(cmp.previous.end).toBe('2025-11-27');
    expect(cmp.current.wholeYear).toBe(false);
  });

  it('splits activities by month, channel and unit', async () => {
    const db = await fixtureDb();
    const f = filters('2022-H1');
    const w = comparison(f.period, TODAY).current;
    expect(await activitySeries(db, f, w)).toEqual([
      { bucket: '2022-01-01', activities: 1, participants: 10 },
      { bucket: '2022-02-01', activities: 1, participants: 30 },
      { bucket: '2022-03-01', activities: 1, participants: 7 },
      { bucket: '2022-04-01', activities: 1, participants: 5 },
      { bucket: '2022-06-01', activities: 1, participants: 100 },
    ]);
    const quarters = filters('2022', { grain: 'quarter' });
    expect((await activitySeries(db, quarters, comparison(quarters.period, TODAY).current)).map((r) => [r.bucket, r.activities])).toEqual([
      ['2022-01-01', 3],
      ['2022-04-01', 2],
      ['2022-07-01', 1],
    ]);
    const halves = filters('2022', { grain: 'half' });
    expect((await activitySeries(db, halves, comparison(halves.period, TODAY).current)).map((r) => r.activities)).toEqual([5, 1]);
    expect(await activitiesByChannel(db, f, w)).toEqual([
      { channel: 'portal', activities: 2, participants: 15 },
      { channel: 'contest', activities: 1, participants: 7 },
      { channel: 'event', activities: 1, participants: 100 },
      { channel: 'seminar', activities: 1, participants: 30 },
    ]);
    const units = await activitiesByUnit(db, f, w);
    expect(units[0]).toEqual({ unit_id: 1, unit_name: 'Phòng Quản lý ngân sách', unit_kind: 'division', activities: 2, participants: 40 });
    expect(units.find((u) => u.unit_id === null)?.unit_name).toBe('P. QLNS cũ');
  });

  it('counts awards by kind and level: whole years by award_year, shorter periods by decision date', async () => {
    const db = await fixtureDb();
    const y = filters('2022');
    const cmp = comparison(y.period, TODAY);
    expect(await awardsByKindAndLevel(db, y, cmp.current)).toEqual([
      { award_kind: 'commendation', award_level: 'department', awards: 1 },
      { award_kind: 'commendation', award_level: 'province', awards: 1 },
      { award_kind: 'title', award_level: 'department', awards: 1 },
    ]);
    expect((await awardsByKindAndLevel(db, y, cmp.previous)).reduce((s, r) => s + r.awards, 0)).toBe(2);
    const h1 = filters('2022-H1');
    expect((await awardsByKindAndLevel(db, h1, comparison(h1.period, TODAY).current)).reduce((s, r) => s + r.awards, 0)).toBe(2);
    expect((await awardsByForm(db, y, cmp.current)).map((r) => r.award_name).sort()).toEqual(['Bằng khen', 'Chiến sĩ thi đua cơ sở', 'Giấy khen']);
  });

  it('finds the leading unit and average score of each bloc in the chosen score period', async () => {
    const db = await fixtureDb();
    const year = await blocLeaders(db, { bloc: null, unit: null }, makePeriod('year', 2022));
    expect(year).toEqual([
      expect.objectContaining({ bloc_id: 1, period: '2022', inside: true, members: 3, average_points: 90.33, leader_unit_id: 1, leader_points: 92, leaders: 2 }),
    ]);
    expect(averageBlocScore(year)).toEqual({ value: 90.33, scaled: false });
    expect(year[0].max_total).toBe(100);
    // Two blocs on different scales are averaged on a 100-point scale.
    expect(averageBlocScore([{ ...year[0], max_total: 100 }, { ...year[0], bloc_id: 2, average_points: 900, max_total: 1000 }])).toEqual({ value: 90.17, scaled: true });
    const h1 = await blocLeaders(db, { bloc: null, unit: null }, parsePeriod('2022-H1')!);
    expect(h1[0]).toMatchObject({ period: '2022-H1', leader_unit_id: 2, leader_name: 'Phòng Tài chính doanh nghiệp', leader_points: 45, leaders: 1 });
    // A quarter falls inside both 2022-H1 and 2022: the latest covering period is shown (and labelled).
    const q1 = await blocLeaders(db, { bloc: null, unit: null }, parsePeriod('2022-Q1')!);
    expect(q1[0]).toMatchObject({ period: '2022', inside: false });
    expect(await blocLeaders(db, { bloc: null, unit: null }, makePeriod('year', 2019))).toEqual([]);
    expect((await blocRankings(db, { bloc: 1 }, makePeriod('year', 2021))).map((r) => [r.unit_id, r.rank])).toEqual([
      [2, 1],
      [1, 2],
      [3, 3],
    ]);
  });
});

describe('bloc and unit queries', () => {
  it('ranks members with the change of rank since the previous score period of the same length', async () => {
    const db = await fixtureDb();
    const rows = await blocRanking(db, 1, makePeriod('year', 2022));
    expect(rows.map((r) => [r.unit_id, r.total_points, r.rank, r.previous_period, r.previous_rank])).toEqual([
      [1, 92, 1, '2021', 2],
      [3, 92, 1, '2021', 3],
      [2, 87, 3, '2021', 1],
    ]);
    expect((await blocMembers(db, 1, 2022)).length).toBe(3);
    const heat = await blocCriteriaHeat(db, 1, makePeriod('year', 2022));
    expect(heat.filter((h) => h.unit_id === 2).map((h) => [h.criterion, h.assessed_points])).toEqual([
      ['Công tác chuyên môn', 50],
      ['Công tác thi đua', 38],
      ['Điểm trừ', 1],
    ]);
    expect((await blocTrend(db, 1)).length).toBe(9);
  });

  it('gives a unit its history, criteria and KPIs', async () => {
    const db = await fixtureDb();
    const hist = await unitScoreHistory(db, 1);
    expect(hist.map((h) => [h.period, h.total_points, h.rank, h.members])).toEqual([
      ['2021', 80, 2, 3],
      ['2022-H1', 40, 2, 3],
      ['2022', 92, 1, 3],
    ]);
    const crit = await unitCriteria(db, 1, makePeriod('year', 2022));
    expect(crit.map((c) => [c.criterion, c.assessed_points, c.bloc_average])).toEqual([
      ['Công tác chuyên môn', 55, 54.33],
      ['Công tác thi đua', 35, 35.67],
      ['Điểm thưởng', 2, 2],
    ]);
    expect(await unitKpis(db, 1, { start: '2022-01-01', end: '2022-12-31', yearFrom: 2022, yearTo: 2022 })).toEqual({ activities: 2, participants: 40, awards: 1 });
  });
});

describe('lists', () => {
  it('searches without accents, filters, sorts and paginates activities', async () => {
    const db = await fixtureDb();
    const found = await listActivities(db, parseActivityListFilters({ q: 'nguyen' }).filters);
    expect(found.rows.map((r) => r.activity_id).sort()).toEqual([1, 3]);
    expect((await listActivities(db, parseActivityListFilters({ q: 'bai dang' }).filters)).rows.map((r) => r.activity_id)).toEqual([6]);
    expect((await listActivities(db, parseActivityListFilters({ q: 'NGUYỄN văn' }).filters)).total).toBe(2);
    const paged = await listActivities(db, parseActivityListFilters({ sort: 'participants', dir: 'desc', size: '25', page: '1' }).filters);
    expect(paged.total).toBe(9);
    expect(paged.rows[0].participants).toBe(100);
    const p2 = parseActivityListFilters({ period: '2022', sort: 'date', dir: 'asc' }).filters;
    expect((await listActivities(db, { ...p2, pageSize: 2, page: 2 })).rows.map((r) => r.activity_id)).toEqual([5, 3]);
  });

  it('searches awards by name, decision number and unit; filters by kind and level', async () => {
    const db = await fixtureDb();
    expect((await listAwards(db, parseAwardListFilters({ q: 'nguyen' }).filters)).rows.map((r) => r.award_id)).toEqual([1]);
    expect((await listAwards(db, parseAwardListFilters({ q: '3150' }).filters)).rows.map((r) => r.award_id)).toEqual([3]);
    expect((await listAwards(db, parseAwardListFilters({ q: 'don vi la' }).filters)).rows.map((r) => r.award_id)).toEqual([5]);
    expect((await listAwards(db, parseAwardListFilters({ period: '2022', kind: 'commendation' }).filters)).total).toBe(2);
    expect((await listAwards(db, parseAwardListFilters({ level: 'department', sort: 'name', dir: 'asc' }).filters)).rows.map((r) => r.award_id)).toEqual([5, 4, 2]);
  });
});

describe('data quality', () => {
  it('lists unresolved names, warnings of loaded imports, and review periods without score sheets', async () => {
    const db = await fixtureDb();
    expect(await unresolvedUnitNames(db)).toEqual([
      { dataset: 'activities', unit_raw: 'P. QLNS cũ', rows: 1, batches: 1, first_date: '2022-03-01', last_date: '2022-03-01' },
      { dataset: 'awards', unit_raw: 'Đơn vị lạ', rows: 1, batches: 1, first_date: '2021-06-01', last_date: '2021-06-01' },
    ]);
    const warnings = await importWarnings(db);
    expect(warnings.map((w) => [w.batch_id, w.row_no, w.column_name])).toEqual([[1, 7, 'Đơn vị']]);
    const missing = await missingScorePeriods(db, TODAY);
    expect(missing.map((m) => [m.period, m.members, m.scored])).toEqual([['2021-H1', 3, 0]]);
    expect(missing[0].missing_units).toBe('Phòng Quản lý ngân sách; Phòng Tài chính doanh nghiệp; Văn phòng Sở');
  });
});

describe('empty database', () => {
  it('reports no data, without errors, so the pages can say what to do next', async () => {
    const db = await openDb(':memory:');
    expect(await dataExtent(db)).toEqual({ latest_year: null, activities: 0, awards: 0, scores: 0, units: 0 });
    const f = filters('2022');
    const w = comparison(f.period, TODAY).current;
    expect(await activitySeries(db, f, w)).toEqual([]);
    expect(await blocLeaders(db, f, f.period)).toEqual([]);
    expect(await unitOptions(db)).toEqual([]);
    expect((await listAwards(db, parseAwardListFilters({}).filters)).total).toBe(0);
    expect(await missingScorePeriods(db, TODAY)).toEqual([]);
  });
});

describe('the fast paths equal the analyst views', () => {
  it('score totals restricted to whole partitions rank exactly like v_score_totals', async () => {
    const db = await fixtureDb();
    const { query } = await import('@/lib/db/client');
    const { scoreTotalsSql } = await import('@/lib/scoring/sql');
    const cols = `bloc_id, unit_id, strftime(period_start, '%Y-%m-%d') AS ps, strftime(period_end, '%Y-%m-%d') AS pe, total_points, rank, self_total_points, period`;
    const view = await query(db, `SELECT ${cols} FROM v_score_totals ORDER BY ALL`);
    const fast = await query(db, `SELECT ${cols} FROM ${scoreTotalsSql('true')} t ORDER BY ALL`);
    expect(fast).toEqual(view);
    expect(view.length).toBe(9);
  });

  it('activity and award aggregates equal direct SQL on v_activities and v_awards', async () => {
    const db = await fixtureDb();
    const { query } = await import('@/lib/db/client');
    const f = filters('2022');
    const w = comparison(f.period, TODAY).current;
    const k = await activityKpis(db, f, w);
    const [v] = await query(
      db,
      `SELECT count(*)::INTEGER AS n, sum(participants)::INTEGER AS p, count(DISTINCT exemplar)::INTEGER AS e FROM v_activities WHERE year(activity_date) = 2022`,
    );
    expect([k.activities, k.participants, k.exemplars]).toEqual([v.n, v.p, v.e]);
    const units = await activitiesByUnit(db, f, w);
    const direct = await query(db, `SELECT unit_name, count(*)::INTEGER AS n FROM v_activities WHERE year(activity_date) = 2022 GROUP BY ALL ORDER BY n DESC, unit_name`);
    expect(units.map((u) => [u.unit_name, u.activities])).toEqual(direct.map((d) => [d.unit_name, d.n]));
    const awards = await awardsByKindAndLevel(db, f, w);
    const [a] = await query(db, `SELECT count(*)::INTEGER AS n FROM v_awards WHERE award_year = 2022`);
    expect(awards.reduce((s, r) => s + r.awards, 0)).toBe(a.n);
  });
});
