import { z } from 'zod';
import { query, type Db } from '../db/client';
import type { CriterionKind } from '../domain';
import { parsePeriod, type Period } from '../periods';
import { criterionKey, heatBand, roundPoints, type HeatBand } from '../scoring/rules';
import { previousScoredPeriod as previousScoredPeriodOf } from '../scoring/periods';
import type { Bloc } from './blocs';

/**
 * The evaluation summary of one bloc for one period, read from the analyst views so its numbers
 * are the ones an analyst (and the dashboard) sees: totals and ranks come from v_score_totals,
 * points by criterion from v_scores. Totals, ranks, the criterion key, heat bands and "so với kỳ
 * trước" (the previous comparable scored period) follow lib/scoring, as the bloc page does.
 */

/** Canonical award names (data/reference/award-forms.csv) the counts and quota checks use. */
export const AWARD = {
  ldtt: 'Lao động tiên tiến',
  cstdcs: 'Chiến sĩ thi đua cơ sở',
  ttldxs: 'Tập thể lao động xuất sắc',
  ttldtt: 'Tập thể lao động tiên tiến',
} as const;

export interface Criterion {
  key: string;
  code: string | null;
  group: string | null;
  name: string;
  kind: CriterionKind;
  maxPoints: number | null;
}

interface CriterionGroup {
  name: string;
  maxPoints: number | null;
  criterionKeys: string[];
}

export interface Points {
  assessed: number | null;
  self: number | null;
  /** Heat band of the assessed points against the criterion's maximum (lib/scoring). */
  band: HeatBand | null;
}

interface AwardCounts {
  total: number;
  titles: number;
  commendations: number;
  /** Individuals with Lao động tiên tiến / Chiến sĩ thi đua cơ sở; collective TTLĐXS / TTLĐTT. */
  ldtt: number;
  cstdcs: number;
  ttldxs: number;
  ttldtt: number;
}

export interface MemberResult {
  unitId: number;
  unitName: string;
  /** Short name for narrow table headers (units.abbreviation), else null. */
  abbreviation: string | null;
  /** In v_bloc_members for the period's year; false for a unit scored but not listed as member. */
  isMember: boolean;
  headcount: number | null;
  hasScores: boolean;
  total: number | null;
  selfTotal: number | null;
  /** Self-assessed minus assessed (positive: the unit scored itself higher). */
  gap: number | null;
  rank: number | null;
  previousRank: number | null;
  /** previousRank − rank: positive = rose. Null when either rank is missing. */
  rankChange: number | null;
  points: Record<string, Points>;
  groupTotals: Record<string, number>;
  missingCriteria: string[];
  activities: number;
  participants: number;
  awards: AwardCounts;
}

interface CriterionStat {
  key: string;
  name: string;
  code: string | null;
  /** Mean assessed points / max points over the units scored on it. */
  share: number;
  average: number;
  maxPoints: number;
}

export interface ReviewSummary {
  bloc: Bloc;
  period: Period;
  /** The period compared with; null when the bloc has no earlier scored period of this kind. */
  previousPeriod: Period | null;
  hasPreviousScores: boolean;
  criteria: Criterion[];
  groups: CriterionGroup[];
  /** Sum of the maximum points of the (non-bonus, non-penalty) criteria; null if any unknown. */
  maxTotal: number | null;
  /** Ranked members first (rank, then name), then those without scores (name). */
  members: MemberResult[];
  criterionStats: CriterionStat[];
  average: number | null;
  /** Members without any score in the period. */
  unitsWithoutScores: string[];
  /** Scored units that are not listed as members of the bloc that year. */
  nonMembersScored: string[];
  /** Criterion rows with no assessed points, or absent for a unit that other units have. */
  missingCriteria: { unitName: string; criteria: string[] }[];
}

const num = z.coerce.number();
const numOrNull = z.union([z.null(), z.coerce.number()]);

const MemberRow = z.object({ unit_id: num, unit_name: z.string(), headcount: numOrNull, abbreviation: z.string().nullable() });
const UnitRow = z.object({ unit_id: num, abbreviation: z.string().nullable() });
const TotalRow = z.object({
  unit_id: num,
  unit_name: z.string(),
  total_points: numOrNull,
  self_total_points: numOrNull,
  rank: num,
});
type TotalRow = z.infer<typeof TotalRow>;
const RankRow = z.object({ unit_id: num, rank: num });
const ScoreRow = z.object({
  unit_id: num,
  criterion_code: z.string().nullable(),
  criterion_group: z.string().nullable(),
  criterion: z.string(),
  criterion_kind: z.enum(['criterion', 'bonus', 'penalty']),
  max_points: numOrNull,
  self_points: numOrNull,
  assessed_points: numOrNull,
  sort_order: num,
});
type ScoreRow = z.infer<typeof ScoreRow>;
const ActivityRow = z.object({ unit_id: num, n: num, participants: num });
const AwardRow = z.object({
  unit_id: num,
  award_kind: z.enum(['title', 'commendation']),
  award_name: z.string(),
  recipient_type: z.string(),
  n: num,
});

function keyOf(r: ScoreRow): string {
  return criterionKey({ kind: r.criterion_kind, group: r.criterion_group, code: r.criterion_code, name: r.criterion });
}

function emptyAwards(): AwardCounts {
  return { total: 0, titles: 0, commendations: 0, ldtt: 0, cstdcs: 0, ttldxs: 0, ttldtt: 0 };
}

const byName = (a: { unitName: string }, b: { unitName: string }) => a.unitName.localeCompare(b.unitName, 'vi');

/** The bloc's previous comparable scored period (lib/scoring/rules.ts) as a Period, or null. */
export async function previousScoredPeriod(db: Db, blocId: number, period: Period): Promise<Period | null> {
  const prev = await previousScoredPeriodOf(db, blocId, { period: period.id, start: period.start });
  return prev ? parsePeriod(prev.period) : null;
}

type Window = { bloc: number; start: string; end: string };

/** The rows a summary is built from, read together. */
async function readSummaryRows(db: Db, bloc: Bloc, period: Period, prev: Period | null) {
  const window: Window = { bloc: bloc.blocId, start: period.start, end: period.end };
  const partition = `WHERE bloc_id = $bloc AND period_start = $start::DATE AND period_end = $end::DATE`;
  const [members, totals, prevRanks, scores, activities, awards] = await Promise.all([
    query(
      db,
      // Headcount of the period's year (units file «Biên chế» with «Năm»), else the latest.
      `SELECT m.unit_id, m.unit_name, coalesce(h.headcount, u.headcount) AS headcount, u.abbreviation
       FROM v_bloc_members m JOIN v_units u USING (unit_id)
       LEFT JOIN unit_headcounts h ON h.unit_id = m.unit_id AND h.year = m.year
       WHERE m.bloc_id = $bloc AND m.year = $year`,
      { bloc: bloc.blocId, year: period.year },
      MemberRow,
    ),
    query(db, `SELECT unit_id, unit_name, total_points, self_total_points, rank FROM v_score_totals ${partition}`, window, TotalRow),
    prev
      ? query(db, `SELECT unit_id, rank FROM v_score_totals ${partition}`, { bloc: bloc.blocId, start: prev.start, end: prev.end }, RankRow)
      : Promise.resolve([]),
    query(
      db,
      `SELECT unit_id, criterion_code, criterion_group, criterion, criterion_kind, max_points, self_points, assessed_points, sort_order
       FROM v_scores ${partition} ORDER BY sort_order, criterion_code, criterion`,
      window,
      ScoreRow,
    ),
    query(
      db,
      `SELECT unit_id, count(*)::INTEGER AS n, coalesce(sum(participants), 0)::DOUBLE AS participants
       FROM v_activities WHERE unit_id IS NOT NULL AND activity_date BETWEEN $start::DATE AND $end::DATE
       GROUP BY unit_id`,
      { start: period.start, end: period.end },
      ActivityRow,
    ),
    query(
      db,
      `SELECT unit_id, award_kind, award_name, recipient_type, count(*)::INTEGER AS n
       FROM v_awards WHERE unit_id IS NOT NULL AND award_year = $year GROUP BY ALL`,
      { year: period.year },
      AwardRow,
    ),
  ]);
  return { window, members, totals, prevRanks, scores, activities, awards };
}

/** Criteria in sheet order; the maximum is the largest stated for any unit. */
function collectCriteria(scoreRows: ScoreRow[]): Criterion[] {
  const criteria = new Map<string, Criterion>();
  for (const r of scoreRows) {
    const key = keyOf(r);
    const c = criteria.get(key);
    if (!c) {
      criteria.set(key, { key, code: r.criterion_code, group: r.criterion_group, name: r.criterion, kind: r.criterion_kind, maxPoints: r.max_points });
    } else if (r.max_points !== null && (c.maxPoints === null || r.max_points > c.maxPoints)) {
      c.maxPoints = r.max_points;
    }
  }
  return [...criteria.values()];
}

/** Groups of the (non-bonus, non-penalty) criteria with their maximum, in sheet order. */
function groupCriteria(leaf: Criterion[]): CriterionGroup[] {
  const groups: CriterionGroup[] = [];
  for (const c of leaf) {
    const name = c.group ?? '';
    let g = groups.find((x) => x.name === name);
    if (!g) groups.push((g = { name, maxPoints: 0, criterionKeys: [] }));
    g.criterionKeys.push(c.key);
    g.maxPoints = g.maxPoints === null || c.maxPoints === null ? null : roundPoints(g.maxPoints + c.maxPoints);
  }
  return groups;
}

/** Points per unit and criterion key (rows of the same criterion added), with their heat band. */
function pointsByUnit(scoreRows: ScoreRow[], criteria: Criterion[]): Map<number, Record<string, Points>> {
  const byKey = new Map(criteria.map((c) => [c.key, c]));
  const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
  const out = new Map<number, Record<string, Points>>();
  for (const r of scoreRows) {
    const rec = out.get(r.unit_id) ?? {};
    const key = keyOf(r);
    const before = rec[key];
    const assessed = before ? add(before.assessed, r.assessed_points) : r.assessed_points;
    const self = before ? add(before.self, r.self_points) : r.self_points;
    const c = byKey.get(key)!;
    rec[key] = { assessed, self, band: heatBand(assessed, c.maxPoints, c.kind) };
    out.set(r.unit_id, rec);
  }
  return out;
}

function countAwards(rows: z.infer<typeof AwardRow>[]): Map<number, AwardCounts> {
  const awards = new Map<number, AwardCounts>();
  for (const r of rows) {
    const a = awards.get(r.unit_id) ?? emptyAwards();
    a.total += r.n;
    if (r.award_kind === 'title') a.titles += r.n;
    else a.commendations += r.n;
    if (r.recipient_type === 'individual' && r.award_name === AWARD.ldtt) a.ldtt += r.n;
    if (r.recipient_type === 'individual' && r.award_name === AWARD.cstdcs) a.cstdcs += r.n;
    if (r.recipient_type === 'collective' && r.award_name === AWARD.ttldxs) a.ttldxs += r.n;
    if (r.recipient_type === 'collective' && r.award_name === AWARD.ttldtt) a.ttldtt += r.n;
    awards.set(r.unit_id, a);
  }
  return awards;
}

type UnitInfo = { name: string; headcount: number | null; abbreviation: string | null };

/** Members of the year, plus units scored in the bloc without being listed as members. */
async function unitsOfSummary(db: Db, memberRows: z.infer<typeof MemberRow>[], totalRows: TotalRow[], window: Window): Promise<Map<number, UnitInfo>> {
  const units = new Map<number, UnitInfo>();
  for (const m of memberRows) units.set(m.unit_id, { name: m.unit_name, headcount: m.headcount, abbreviation: m.abbreviation });
  const outsiders = totalRows.filter((t) => !units.has(t.unit_id));
  if (outsiders.length) {
    const extra = await query(
      db,
      `SELECT unit_id, abbreviation FROM v_units WHERE unit_id IN (
         SELECT unit_id FROM v_score_totals WHERE bloc_id = $bloc AND period_start = $start::DATE AND period_end = $end::DATE)`,
      window,
      UnitRow,
    );
    for (const t of outsiders) {
      units.set(t.unit_id, { name: t.unit_name, headcount: null, abbreviation: extra.find((e) => e.unit_id === t.unit_id)?.abbreviation ?? null });
    }
  }
  return units;
}

interface MemberInputs {
  total: TotalRow | undefined;
  points: Record<string, Points>;
  groups: CriterionGroup[];
  leaf: Criterion[];
  previousRank: number | null;
  activity: z.infer<typeof ActivityRow> | undefined;
  awards: AwardCounts | undefined;
}

function memberResult(unitId: number, u: UnitInfo, isMember: boolean, x: MemberInputs): MemberResult {
  const t = x.total;
  const points = x.points;
  const hasScores = t !== undefined;
  const groupTotals: Record<string, number> = {};
  for (const g of x.groups) groupTotals[g.name] = roundPoints(g.criterionKeys.reduce((s, k) => s + (points[k]?.assessed ?? 0), 0));
  const missing = hasScores
    ? x.leaf.filter((c) => points[c.key] === undefined || points[c.key].assessed === null).map((c) => (c.code ? `${c.code}. ${c.name}` : c.name))
    : [];
  const rank = t?.rank ?? null;
  // v_score_totals sums missing self points as 0; a sheet with assessed points only has no self total.
  const hasSelf = Object.values(points).some((p) => p.self !== null);
  const selfTotal = hasSelf ? t?.self_total_points ?? null : null;
  return {
    unitId,
    unitName: u.name,
    abbreviation: u.abbreviation,
    isMember,
    headcount: u.headcount,
    hasScores,
    total: t?.total_points ?? null,
    selfTotal,
    gap: t && t.total_points !== null && selfTotal !== null ? roundPoints(selfTotal - t.total_points) : null,
    rank,
    previousRank: x.previousRank,
    rankChange: rank !== null && x.previousRank !== null ? x.previousRank - rank : null,
    points,
    groupTotals,
    missingCriteria: missing,
    activities: x.activity?.n ?? 0,
    participants: x.activity?.participants ?? 0,
    awards: x.awards ?? emptyAwards(),
  };
}

/** Mean share of the maximum per criterion over the ranked units. */
function criterionStatsOf(leaf: Criterion[], ranked: MemberResult[]): CriterionStat[] {
  const out: CriterionStat[] = [];
  for (const c of leaf) {
    if (!c.maxPoints) continue;
    const values = ranked.map((m) => m.points[c.key]?.assessed).filter((v): v is number => typeof v === 'number');
    if (values.length === 0) continue;
    const average = values.reduce((s, v) => s + v, 0) / values.length;
    out.push({ key: c.key, name: c.name, code: c.code, average: roundPoints(average), maxPoints: c.maxPoints, share: average / c.maxPoints });
  }
  return out;
}

export async function getReviewSummary(db: Db, bloc: Bloc, period: Period): Promise<ReviewSummary> {
  const prev = await previousScoredPeriod(db, bloc.blocId, period);
  const rows = await readSummaryRows(db, bloc, period, prev);
  const criteria = collectCriteria(rows.scores);
  const leaf = criteria.filter((c) => c.kind === 'criterion');
  const maxTotal = leaf.length > 0 && leaf.every((c) => c.maxPoints !== null) ? roundPoints(leaf.reduce((s, c) => s + (c.maxPoints ?? 0), 0)) : null;
  const groups = groupCriteria(leaf);
  const points = pointsByUnit(rows.scores, criteria);
  const activities = new Map(rows.activities.map((r) => [r.unit_id, r]));
  const awards = countAwards(rows.awards);
  const prevRank = new Map(rows.prevRanks.map((r) => [r.unit_id, r.rank]));
  const totals = new Map(rows.totals.map((r) => [r.unit_id, r]));
  const memberIds = new Set(rows.members.map((m) => m.unit_id));
  const units = await unitsOfSummary(db, rows.members, rows.totals, rows.window);

  const members = [...units.entries()].map(([unitId, u]) =>
    memberResult(unitId, u, memberIds.has(unitId), {
      total: totals.get(unitId),
      points: points.get(unitId) ?? {},
      groups,
      leaf,
      previousRank: prevRank.get(unitId) ?? null,
      activity: activities.get(unitId),
      awards: awards.get(unitId),
    }),
  );
  const ranked = members.filter((m) => m.rank !== null).sort((a, b) => a.rank! - b.rank! || byName(a, b));
  const unranked = members.filter((m) => m.rank === null).sort(byName);
  const scoredTotals = ranked.map((m) => m.total).filter((v): v is number => v !== null);

  return {
    bloc,
    period,
    previousPeriod: prev,
    hasPreviousScores: rows.prevRanks.length > 0,
    criteria,
    groups,
    maxTotal,
    members: [...ranked, ...unranked],
    criterionStats: criterionStatsOf(leaf, ranked),
    average: scoredTotals.length ? roundPoints(scoredTotals.reduce((s, v) => s + v, 0) / scoredTotals.length) : null,
    unitsWithoutScores: unranked.filter((m) => m.isMember).map((m) => m.unitName),
    nonMembersScored: ranked.filter((m) => !m.isMember).map((m) => m.unitName),
    missingCriteria: ranked.filter((m) => m.missingCriteria.length > 0).map((m) => ({ unitName: m.unitName, criteria: m.missingCriteria })),
  };
}
