import { z } from 'zod';
import { listValue } from '@duckdb/node-api';
import { reused } from '@/lib/db/cache';
import { query, type Db } from '@/lib/db/client';
import { ATTENDANCE_CHANNELS } from '@/lib/domain';
import type { DashboardFilters } from '@/lib/filters/dashboard';
import { previousPeriod, toDateWindow, type Grain, type Period } from '@/lib/periods';
import { blocPeriodFields, date, num, numOrNull, str, strOrNull } from './rows';
import { BLOC_MEMBER_UNITS, LOADED_ACTIVITIES, LOADED_AWARDS, OVERLAPPING_WINDOW, Where } from './scope';
import { scoreTotalsSql } from '@/lib/scoring/sql';

/**
 * Overview queries. Every function takes the database first so tests pass an in-memory one,
 * aggregates in SQL (one row per bucket, never raw facts), and runs on its own connection so a
 * page can fire them together with Promise.all.
 */

export interface Window {
  start: string;
  end: string;
  /** True for a whole year that is over: awards then count by award_year, else by decision date. */
  wholeYear: boolean;
  year: number;
}

interface Comparison {
  current: Window;
  previous: Window;
  previousPeriod: Period;
  /** The period is not over: both windows are cut to the same number of days ("to date"). */
  partial: boolean;
}

export function comparison(period: Period, today: string): Comparison {
  const prev = previousPeriod(period);
  const w = toDateWindow(period, prev, today);
  return {
    current: { start: period.start, end: w.currentEnd, wholeYear: period.grain === 'year' && !w.partial, year: period.year },
    previous: { start: prev.start, end: w.previousEnd, wholeYear: prev.grain === 'year' && !w.partial, year: prev.year },
    previousPeriod: prev,
    partial: w.partial,
  };
}

/** Activities in a window under the unit/bloc/movement/channel filters. */
function activityWhere(f: DashboardFilters, w: Window): Where {
  const where = new Where().add('activity_date BETWEEN $start::DATE AND $end::DATE', { start: w.start, end: w.end });
  if (f.bloc !== null) where.add(BLOC_MEMBER_UNITS, { bloc: f.bloc, blocYear: w.year });
  return where.when(f.unit, 'unit_id = $unit', 'unit').when(f.movement, 'movement_id = $movement', 'movement').when(f.channel, 'channel = $channel', 'channel');
}

/** Awards in a window: whole years by award_year (decision dates are often missing), else by decision date. */
function awardWhere(f: DashboardFilters, w: Window): Where {
  const where = w.wholeYear
    ? new Where().add('award_year = $year', { year: w.year })
    : new Where().add('decision_date BETWEEN $start::DATE AND $end::DATE', { start: w.start, end: w.end });
  if (f.bloc !== null) where.add(BLOC_MEMBER_UNITS, { bloc: f.bloc, blocYear: w.year });
  return where.when(f.unit, 'unit_id = $unit', 'unit').when(f.movement, 'movement_id = $movement', 'movement');
}

const ActivityKpiRow = z.object({
  activities: num,
  participants: num,
  exemplars: num,
  attendance_with_headcount: num,
  exemplars_proposed: num,
  headcount: numOrNull,
});
type ActivityKpis = z.infer<typeof ActivityKpiRow>;

/**
 * Activities, participants, distinct advanced examples promoted, and participation per staff:
 * attendance (ATTENDANCE_CHANNELS only — readers reached by a post are not participants) of
 * units whose headcount is known, over the headcount of those units that ran at least one
 * activity in the window.
 */
export const activityKpis = reused('activityKpis', async function activityKpis(db: Db, f: DashboardFilters, w: Window): Promise<ActivityKpis> {
  const where = activityWhere(f, w);
  const rows = await query(
    db,
    `WITH a AS (SELECT unit_id, channel, participants, exemplar, exemplar_proposed FROM ${LOADED_ACTIVITIES} ${where.sql()}),
          hc AS (SELECT unit_id, headcount FROM units WHERE headcount > 0 AND unit_id IN (SELECT unit_id FROM a))
     SELECT count(*)::INTEGER AS activities,
            coalesce(sum(participants), 0)::BIGINT AS participants,
            count(DISTINCT nullif(trim(exemplar), ''))::INTEGER AS exemplars,
            coalesce(sum(participants) FILTER (WHERE list_contains($attendance, channel) AND unit_id IN (SELECT unit_id FROM hc)), 0)::BIGINT AS attendance_with_headcount,
            count(DISTINCT nullif(trim(exemplar), '')) FILTER (WHERE exemplar_proposed)::INTEGER AS exemplars_proposed,
            (SELECT sum(headcount) FROM hc)::BIGINT AS headcount
     FROM a`,
    { ...where.params, attendance: listValue([...ATTENDANCE_CHANNELS]) },
    ActivityKpiRow,
  );
  return rows[0];
});

const AwardCountRow = z.object({ award_kind: str, award_level: strOrNull, awards: num });
export type AwardCount = z.infer<typeof AwardCountRow>;

/** Awards counted by kind (title / commendation) and level of the issuer. */
export const awardsByKindAndLevel = reused('awardsByKindAndLevel', async function awardsByKindAndLevel(db: Db, f: DashboardFilters, w: Window): Promise<AwardCount[]> {
  const where = awardWhere(f, w);
  return query(
    db,
    `SELECT award_kind, award_level, count(*)::INTEGER AS awards FROM ${LOADED_AWARDS} ${where.sql()}
     GROUP BY ALL ORDER BY award_kind, award_level NULLS LAST`,
    where.params,
    AwardCountRow,
  );
});

const AwardFormRow = z.object({ award_name: str, award_kind: str, awards: num });
/** Awards by form/title (canonical name), most frequent first. */
export const awardsByForm = reused('awardsByForm', async function awardsByForm(db: Db, f: DashboardFilters, w: Window, limit: number = 12) {
  const where = awardWhere(f, w);
  return query(
    db,
    `SELECT award_name, any_value(award_kind) AS award_kind, count(*)::INTEGER AS awards FROM ${LOADED_AWARDS} ${where.sql()}
     GROUP BY award_name ORDER BY awards DESC, award_name LIMIT $limit`,
    { ...where.params, limit },
    AwardFormRow,
  );
});

const SeriesRow = z.object({ bucket: date, activities: num, participants: num });
type SeriesPoint = z.infer<typeof SeriesRow>;

const TRUNC: Record<Grain, string> = { year: 'year', half: 'half', quarter: 'quarter', month: 'month' };

/** Activities and participants per bucket of the grain (bucket = its first day). */
export const activitySeries = reused('activitySeries', async function activitySeries(db: Db, f: DashboardFilters, w: Window): Promise<SeriesPoint[]> {
  const where = activityWhere(f, w);
  // The bucket expression comes from a fixed map, never from the URL.
  const bucket =
    TRUNC[f.grain] === 'half'
      ? `make_date(year(activity_date), CASE WHEN month(activity_date) <= 6 THEN 1 ELSE 7 END, 1)`
      : `date_trunc('${TRUNC[f.grain]}', activity_date)::DATE`;
  return query(
    db,
    `SELECT strftime(${bucket}, '%Y-%m-%d') AS bucket, count(*)::INTEGER AS activities,
            coalesce(sum(participants), 0)::BIGINT AS participants
     FROM ${LOADED_ACTIVITIES} ${where.sql()} GROUP BY 1 ORDER BY 1`,
    where.params,
    SeriesRow,
  );
});

const ChannelRow = z.object({ channel: str, activities: num, participants: num });
export const activitiesByChannel = reused('activitiesByChannel', async function activitiesByChannel(db: Db, f: DashboardFilters, w: Window) {
  const where = activityWhere(f, w);
  return query(
    db,
    `SELECT channel, count(*)::INTEGER AS activities, coalesce(sum(participants), 0)::BIGINT AS participants
     FROM ${LOADED_ACTIVITIES} ${where.sql()} GROUP BY channel ORDER BY activities DESC, channel`,
    where.params,
    ChannelRow,
  );
});

const UnitRow = z.object({ unit_id: numOrNull, unit_name: str, unit_kind: strOrNull, activities: num, participants: num });
type UnitActivity = z.infer<typeof UnitRow>;

/** Activities by unit (division), most active first; unresolved names keep the name as written. */
export const activitiesByUnit = reused('activitiesByUnit', async function activitiesByUnit(db: Db, f: DashboardFilters, w: Window, limit: number = 15): Promise<UnitActivity[]> {
  const where = activityWhere(f, w);
  return query(
    db,
    `WITH a AS (SELECT unit_id, unit_raw, participants FROM ${LOADED_ACTIVITIES} ${where.sql()}),
          g AS (SELECT unit_id, CASE WHEN unit_id IS NULL THEN unit_raw END AS unit_raw, count(*)::INTEGER AS activities,
                       coalesce(sum(participants), 0)::BIGINT AS participants FROM a GROUP BY ALL)
     SELECT g.unit_id, coalesce(u.name, g.unit_raw) AS unit_name, u.kind AS unit_kind, g.activities, g.participants
     FROM g LEFT JOIN units u USING (unit_id)
     ORDER BY g.activities DESC, unit_name LIMIT $limit`,
    { ...where.params, limit },
    UnitRow,
  );
});

/**
 * The score period each bloc is shown for: score periods that fall inside the window, else the
 * latest one covering it (a quarter or month inside a half-year or year). Inside periods win,
 * then the latest end, then the longest span (the annual review over the H2 one).
 * Reads the score totals from a CTE named \`tot\` (TOTALS_CTE, or a bloc's own).
 */
export const CHOSEN_SCORE_PERIODS = `
  SELECT bloc_id, period_start, period_end, any_value(period) AS period,
         (period_start >= $pStart::DATE AND period_end <= $pEnd::DATE) AS inside
  FROM tot
  WHERE (period_start >= $pStart::DATE AND period_end <= $pEnd::DATE)
     OR (period_start <= $pStart::DATE AND period_end >= $pEnd::DATE)
  GROUP BY bloc_id, period_start, period_end
  QUALIFY row_number() OVER (PARTITION BY bloc_id ORDER BY (period_start >= $pStart::DATE AND period_end <= $pEnd::DATE) DESC,
                                              period_end DESC, period_start ASC) = 1`;

/** Score totals of the partitions overlapping [$pStart, $pEnd], computed once per query. */
const TOTALS_CTE = `tot AS ${scoreTotalsSql(OVERLAPPING_WINDOW)}`;

const BlocLeaderRow = z.object({
  ...blocPeriodFields,
  inside: z.boolean(),
  members: num,
  average_points: numOrNull,
  leader_unit_id: numOrNull,
  leader_name: strOrNull,
  leader_points: numOrNull,
  leaders: num,
  max_total: numOrNull,
});
type BlocLeader = z.infer<typeof BlocLeaderRow>;

/** Per bloc: the score period used, average total, the leading unit (rank 1; ties counted). */
// The KPI cards and the bloc ranking section both need it for one render: one query serves both.
export const blocLeaders = reused('blocLeaders', async function blocLeaders(
  db: Db,
  f: Pick<DashboardFilters, 'bloc' | 'unit'>,
  period: { start: string; end: string },
): Promise<BlocLeader[]> {
  const where = new Where();
  where.when(f.bloc, 't.bloc_id = $bloc', 'bloc');
  where.when(f.unit, 't.bloc_id IN (SELECT bloc_id FROM scores WHERE unit_id = $unit)', 'unit');
  return query(
    db,
    `WITH ${TOTALS_CTE}, chosen AS (${CHOSEN_SCORE_PERIODS})
     SELECT t.bloc_id, any_value(t.bloc_name) AS bloc_name, any_value(c.period) AS period,
            strftime(t.period_start, '%Y-%m-%d') AS period_start, strftime(t.period_end, '%Y-%m-%d') AS period_end,
            any_value(c.inside) AS inside,
            count(*)::INTEGER AS members, round(avg(t.total_points), 2)::DOUBLE AS average_points,
            arg_min(t.unit_id, (t.rank, t.unit_name)) AS leader_unit_id,
            arg_min(t.unit_name, (t.rank, t.unit_name)) AS leader_name,
            max(t.total_points)::DOUBLE AS leader_points,
            count(*) FILTER (WHERE t.rank = 1)::INTEGER AS leaders,
            max(t.max_total)::DOUBLE AS max_total
     FROM tot t JOIN chosen c USING (bloc_id, period_start, period_end)
     ${where.sql()}
     GROUP BY t.bloc_id, t.period_start, t.period_end ORDER BY bloc_name`,
    { ...where.params, pStart: period.start, pEnd: period.end },
    BlocLeaderRow,
  );
});

/** Blocs on different scales (100 and 1000 points) are compared on a 100-point scale. */
export function needsCommonScale(rows: Pick<BlocLeader, 'max_total'>[]): boolean {
  const scales = new Set(rows.map((r) => r.max_total ?? 0));
  return scales.size > 1 && rows.every((r) => (r.max_total ?? 0) > 0);
}

/** A total on a 100-point scale when `scaled`, else as it is. */
export function onCommonScale(points: number | null, maxTotal: number | null, scaled: boolean): number {
  if (points === null) return 0;
  return scaled && maxTotal ? Math.round((points / maxTotal) * 10_000) / 100 : points;
}

/**
 * Average of all members' totals over the chosen score periods (the KPI card). Blocs score on
 * different scales (100 or 1000 points): when they differ, every total is brought to a
 * 100-point scale first (total / max_total × 100) and `scaled` says so.
 */
export function averageBlocScore(rows: BlocLeader[]): { value: number | null; scaled: boolean } {
  const n = rows.reduce((s, r) => s + r.members, 0);
  if (n === 0) return { value: null, scaled: false };
  const scaled = needsCommonScale(rows);
  const sum = rows.reduce((s, r) => s + (r.average_points ?? 0) * r.members * (scaled ? 100 / (r.max_total as number) : 1), 0);
  return { value: Math.round((sum / n) * 100) / 100, scaled };
}

const RankingRow = z.object({ bloc_id: num, bloc_name: str, unit_id: num, unit_name: str, total_points: num, rank: num });
type BlocRankingRow = z.infer<typeof RankingRow>;

/** Ranking of every member of each bloc in its chosen score period (bloc ranking chart). */
export const blocRankings = reused('blocRankings', async function blocRankings(db: Db, f: Pick<DashboardFilters, 'bloc'>, period: { start: string; end: string }): Promise<BlocRankingRow[]> {
  const where = new Where().when(f.bloc, 't.bloc_id = $bloc', 'bloc');
  return query(
    db,
    `WITH ${TOTALS_CTE}, chosen AS (${CHOSEN_SCORE_PERIODS})
     SELECT t.bloc_id, t.bloc_name, t.unit_id, t.unit_name, t.total_points::DOUBLE AS total_points, t.rank
     FROM tot t JOIN chosen c USING (bloc_id, period_start, period_end) ${where.sql()}
     ORDER BY t.bloc_name, t.rank, t.unit_name`,
    { ...where.params, pStart: period.start, pEnd: period.end },
    RankingRow,
  );
});

/** Absolute and relative change; relative is null when the previous value is 0 or unknown. */
export function delta(current: number | null, previous: number | null): { abs: number | null; rel: number | null } {
  if (current === null || previous === null) return { abs: null, rel: null };
  return { abs: current - previous, rel: previous === 0 ? null : (current - previous) / previous };
}

/** Attendances per member of staff (see activityKpis), two decimals; null without a headcount. */
export function perStaff(k: ActivityKpis): number | null {
  return k.headcount && k.headcount > 0 ? Math.round((k.attendance_with_headcount / k.headcount) * 100) / 100 : null;
}

/*
 * What each section of the overview reads. The sections stream on their own; the dashboard
 * benchmark calls these same functions, so it times what the page runs.
 */

/** Units in the overview's «by unit» chart (the most active first). */
export const TOP_UNITS = 15;
/** Award forms in the overview's «by form» chart. */
export const TOP_AWARD_FORMS = 12;

/**
 * The KPI section: activities and awards in the period and in the previous comparable one
 * (`cmp`), and each bloc's leader in both periods.
 */
export async function kpiFigures(db: Db, f: DashboardFilters, today: string) {
  const cmp = comparison(f.period, today);
  const [cur, prev, awards, awardsPrev, leaders, leadersPrev] = await Promise.all([
    activityKpis(db, f, cmp.current),
    activityKpis(db, f, cmp.previous),
    awardsByKindAndLevel(db, f, cmp.current),
    awardsByKindAndLevel(db, f, cmp.previous),
    blocLeaders(db, f, f.period),
    blocLeaders(db, f, cmp.previousPeriod),
  ]);
  return { cmp, cur, prev, awards, awardsPrev, leaders, leadersPrev };
}

/** The trend section: activities and participants per bucket of the grain. */
export function trendFigures(db: Db, f: DashboardFilters, today: string): Promise<SeriesPoint[]> {
  return activitySeries(db, f, comparison(f.period, today).current);
}

/** The breakdown section: activities by channel and by unit. */
export async function breakdownFigures(db: Db, f: DashboardFilters, today: string) {
  const w = comparison(f.period, today).current;
  const [channels, units] = await Promise.all([activitiesByChannel(db, f, w), activitiesByUnit(db, f, w, TOP_UNITS)]);
  return { channels, units };
}

/** The awards section: awards by form or title, and by kind and level. */
export async function awardFigures(db: Db, f: DashboardFilters, today: string) {
  const w = comparison(f.period, today).current;
  const [forms, levels] = await Promise.all([awardsByForm(db, f, w, TOP_AWARD_FORMS), awardsByKindAndLevel(db, f, w)]);
  return { forms, levels };
}

/** The bloc ranking section: each bloc's leader and, when there is one bloc, its members' ranking. */
export async function blocRankingFigures(db: Db, f: DashboardFilters) {
  const leaders = await blocLeaders(db, f, f.period);
  const members = leaders.length === 1 ? await blocRankings(db, { bloc: leaders[0].bloc_id }, f.period) : [];
  return { leaders, members };
}
