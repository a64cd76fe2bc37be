import { beforeAll, describe, expect, it } from 'vitest';
import { loadSample } from '@/etl/sample-load';
import { openDb, query, type Db } from '@/lib/db/client';
import { parseDashboardFilters, type DashboardFilters } from '@/lib/filters/dashboard';
import { parseAwardListFilters } from '@/lib/filters/lists';
import { makePeriod, parsePeriod } from '@/lib/periods';
import { blocRanking } from '@/lib/queries/bloc';
import { listAwards } from '@/lib/queries/lists';
import { expectBlocPageAgreesWithReview } from './scoring-agreement';
import { activitiesByChannel, activitiesByUnit, activityKpis, awardsByKindAndLevel, blocLeaders, comparison } from '@/lib/queries/overview';

/** The query functions on the sample data equal direct SQL on the analyst views. */
let db: Db;
const TODAY = '2026-11-27';
const f = (period: string, extra: Record<string, string> = {}): DashboardFilters => parseDashboardFilters({ period, ...extra }, makePeriod('year', 2022)).filters;

beforeAll(async () => {
  db = await openDb(':memory:');
  const results = await loadSample(db);
  expect(results.every((r) => r.result.status === 'loaded')).toBe(true);
}, 300_000);

describe('dashboard on the sample data', () => {
  it('the bloc page and the review agree on ranks, previous period and colours for every bloc and score period', async () => {
    const parts = await query<{ bloc_id: number; period: string }>(db, `SELECT DISTINCT bloc_id, period FROM v_scores ORDER BY ALL`);
    expect(parts.length).toBe(15);
    for (const p of parts) await expectBlocPageAgreesWithReview(db, Number(p.bloc_id), parsePeriod(p.period)!);
  }, 120_000);

  it('activities of 2022-H1 by unit and channel equal v_activities', async () => {
    const h1 = f('2022-H1');
    const w = comparison(h1.period, TODAY).current;
    const [k, units, channels] = await Promise.all([activityKpis(db, h1, w), activitiesByUnit(db, h1, w, 1000), activitiesByChannel(db, h1, w)]);
    const where = `activity_date BETWEEN DATE '2022-01-01' AND DATE '2022-06-30'`;
    const [v] = await query(db, `SELECT count(*)::INTEGER AS n, sum(participants)::INTEGER AS p FROM v_activities WHERE ${where}`);
    expect([k.activities, k.participants]).toEqual([v.n, v.p]);
    expect(k.activities).toBeGreaterThan(0);
    const byUnit = await query(db, `SELECT unit_name, count(*)::INTEGER AS n FROM v_activities WHERE ${where} GROUP BY ALL ORDER BY n DESC, unit_name`);
    expect(units.map((u) => [u.unit_name, u.activities])).toEqual(byUnit.map((r) => [r.unit_name, r.n]));
    const byChannel = await query(db, `SELECT channel, count(*)::INTEGER AS n FROM v_activities WHERE ${where} GROUP BY ALL ORDER BY n DESC, channel`);
    expect(channels.map((c) => [c.channel, c.activities])).toEqual(byChannel.map((r) => [r.channel, r.n]));
  });

  it('awards of 2022 against 2021 equal v_awards', async () => {
    const y = f('2022');
    const cmp = comparison(y.period, TODAY);
    const [cur, prev] = await Promise.all([awardsByKindAndLevel(db, y, cmp.current), awardsByKindAndLevel(db, y, cmp.previous)]);
    const count = async (year: number) =>
      (await query(db, `SELECT award_kind, award_level, count(*)::INTEGER AS awards FROM v_awards WHERE award_year = $y GROUP BY ALL ORDER BY award_kind, award_level NULLS LAST`, { y: year }));
    expect(cur).toEqual(await count(2022));
    expect(prev).toEqual(await count(2021));
  });

  it('the leader of each bloc and each bloc ranking equal v_score_totals', async () => {
    for (const period of ['2022', '2022-H1', '2021']) {
      const p = f(period).period;
      const leaders = await blocLeaders(db, { bloc: null, unit: null }, p);
      expect(leaders.length).toBeGreaterThan(0);
      for (const l of leaders) {
        const view = await query(
          db,
          `SELECT unit_id, unit_name, total_points, rank FROM v_score_totals WHERE bloc_id = $b AND period = $p ORDER BY rank, unit_name`,
          { b: l.bloc_id, p: l.period },
        );
        expect([l.leader_unit_id, l.leader_points]).toEqual([view[0].unit_id, view[0].total_points]);
        const ranking = await blocRanking(db, l.bloc_id, p);
        expect(ranking.map((r) => [r.unit_name, r.total_points, r.rank])).toEqual(view.map((v) => [v.unit_name, v.total_points, v.rank]));
      }
    }
  });

  it('the accent-insensitive award search finds what folded SQL on v_awards finds', async () => {
    const page = await listAwards(db, parseAwardListFilters({ q: 'nguyen' }).filters);
    const [v] = await query(db, `SELECT count(*)::INTEGER AS n FROM v_awards WHERE replace(strip_accents(lower(recipient_name || ' ' || coalesce(unit_name, '') || ' ' || award_name || ' ' || coalesce(decision_no, ''))), 'đ', 'd') LIKE '%nguyen%'`);
    expect(page.total).toBe(v.n);
    expect(page.total).toBeGreaterThan(0);
  });
});
