import { z } from 'zod';
import { reused } from '@/lib/db/cache';
import { query, type Db } from '@/lib/db/client';
import { date, num, numOrNull, str, strOrNull } from './rows';
import { CHOSEN_SCORE_PERIODS } from './overview';
import { OVERLAPPING_WINDOW } from './scope';
import { heatBand, type HeatBand, type ScoredPeriod } from '@/lib/scoring/rules';
import { previousScoredPeriod } from '@/lib/scoring/periods';
import { criterionKeySql, scoreTotalsSql } from '@/lib/scoring/sql';

// Every ranking partition of one bloc: ranks are the view's, without ranking every bloc.
const BLOC_TOTALS = scoreTotalsSql('s.bloc_id = $bloc');
// One ranking partition (bloc × score period).
const PARTITION_TOTALS = scoreTotalsSql('s.bloc_id = $bloc AND s.period_start = $start::DATE AND s.period_end = $end::DATE');

const BlocRow = z.object({ bloc_id: num, name: str, short_name: strOrNull });
export const blocInfo = reused('blocInfo', async function blocInfo(db: Db, blocId: number) {
  const rows = await query(db, `SELECT bloc_id, name, short_name FROM blocs WHERE bloc_id = $bloc`, { bloc: blocId }, BlocRow);
  return rows[0] ?? null;
});

const MemberRow = z.object({ unit_id: num, unit_name: str, unit_kind: strOrNull, headcount: numOrNull });
export const blocMembers = reused('blocMembers', async function blocMembers(db: Db, blocId: number, year: number) {
  return query(
    db,
    `SELECT m.unit_id, m.unit_name, u.unit_kind, u.headcount FROM v_bloc_members m JOIN v_units u USING (unit_id)
     WHERE m.bloc_id = $bloc AND m.year = $year ORDER BY m.unit_name`,
    { bloc: blocId, year },
    MemberRow,
  );
});

const ChosenRow = z.object({ period: str, start: date, end: date });
const TotalRow = z.object({
  unit_id: num,
  unit_name: str,
  period_start: date,
  period_end: date,
  total_points: num,
  self_total_points: numOrNull,
  rank: num,
});

interface BlocRankRow {
  unit_id: number;
  unit_name: string;
  period: string;
  period_start: string;
  period_end: string;
  total_points: number;
  self_total_points: number | null;
  rank: number;
  /** The bloc's previous comparable scored period (lib/scoring), null when there is none. */
  previous_period: string | null;
  previous_rank: number | null;
  previous_points: number | null;
}

/** The bloc's score period shown for a window: one inside it, else the one covering it (latest first). */
async function chosenScorePeriod(db: Db, blocId: number, w: { start: string; end: string }): Promise<ScoredPeriod | null> {
  const rows = await query(
    db,
    `WITH tot AS (SELECT DISTINCT bloc_id, period_start, period_end, period FROM scores s
                  WHERE bloc_id = $bloc AND batch_id IN (SELECT batch_id FROM import_batches WHERE status = 'loaded')
                    AND ${OVERLAPPING_WINDOW})
     SELECT period, strftime(period_start, '%Y-%m-%d') AS start, strftime(period_end, '%Y-%m-%d') AS "end"
     FROM (${CHOSEN_SCORE_PERIODS})`,
    { bloc: blocId, pStart: w.start, pEnd: w.end },
    ChosenRow,
  );
  return rows[0] ?? null;
}

async function partitionTotals(db: Db, blocId: number, p: ScoredPeriod) {
  return query(
    db,
    `SELECT unit_id, unit_name, strftime(period_start, '%Y-%m-%d') AS period_start, strftime(period_end, '%Y-%m-%d') AS period_end,
            total_points::DOUBLE AS total_points, self_total_points::DOUBLE AS self_total_points, rank
     FROM ${PARTITION_TOTALS} t ORDER BY rank, unit_name`,
    { bloc: blocId, start: p.start, end: p.end },
    TotalRow,
  );
}

/**
 * Ranking in the chosen score period with the change of rank against the bloc's previous
 * comparable scored period (lib/scoring/rules.ts: same kind, latest that ended before).
 */
export const blocRanking = reused('blocRanking', async function blocRanking(db: Db, blocId: number, w: { start: string; end: string }): Promise<BlocRankRow[]> {
  const chosen = await chosenScorePeriod(db, blocId, w);
  if (!chosen) return [];
  const prev = await previousScoredPeriod(db, blocId, chosen);
  const [rows, prevRows] = await Promise.all([partitionTotals(db, blocId, chosen), prev ? partitionTotals(db, blocId, prev) : []]);
  const before = new Map(prevRows.map((r) => [r.unit_id, r]));
  return rows.map((r) => ({
    ...r,
    period: chosen.period,
    previous_period: prev?.period ?? null,
    previous_rank: before.get(r.unit_id)?.rank ?? null,
    previous_points: before.get(r.unit_id)?.total_points ?? null,
  }));
});

const HeatRow = z.object({
  unit_id: num,
  criterion_key: str,
  criterion_group: strOrNull,
  criterion_code: strOrNull,
  criterion: str,
  criterion_kind: z.enum(['criterion', 'bonus', 'penalty']),
  sort_order: num,
  max_points: numOrNull,
  assessed_points: numOrNull,
});
export type HeatCell = z.infer<typeof HeatRow> & { band: HeatBand | null };

/**
 * Assessed points per member × criterion in the chosen score period (the heat table). A
 * criterion's maximum is the largest stated for any unit; the band comes from lib/scoring.
 */
export const blocCriteriaHeat = reused('blocCriteriaHeat', async function blocCriteriaHeat(db: Db, blocId: number, w: { start: string; end: string }): Promise<HeatCell[]> {
  const chosen = await chosenScorePeriod(db, blocId, w);
  if (!chosen) return [];
  const rows = await query(
    db,
    `SELECT unit_id, criterion_key, criterion_group, criterion_code, criterion, criterion_kind, sort_order,
            max(max_points) OVER (PARTITION BY criterion_key) AS max_points, assessed_points
     FROM (SELECT s.unit_id, ${criterionKeySql('s')} AS criterion_key, s.criterion_group, s.criterion_code, s.criterion, s.criterion_kind,
                  min(s.sort_order)::INTEGER AS sort_order, max(s.max_points)::DOUBLE AS max_points, sum(s.assessed_points)::DOUBLE AS assessed_points
           FROM v_scores s WHERE s.bloc_id = $bloc AND s.period_start = $start::DATE AND s.period_end = $end::DATE
           GROUP BY ALL)
     ORDER BY sort_order, criterion_code, criterion, unit_id`,
    { bloc: blocId, start: chosen.start, end: chosen.end },
    HeatRow,
  );
  return rows.map((r) => ({ ...r, band: heatBand(r.assessed_points, r.max_points, r.criterion_kind) }));
});

const TrendRow = z.object({ unit_id: num, unit_name: str, period: str, period_end: date, total_points: num, rank: num });
/** Every member's total over all score periods of the bloc (the trend chart). */
export const blocTrend = reused('blocTrend', async function blocTrend(db: Db, blocId: number) {
  return query(
    db,
    `SELECT unit_id, unit_name, period, strftime(period_end, '%Y-%m-%d') AS period_end, total_points::DOUBLE AS total_points, rank
     FROM ${BLOC_TOTALS} t WHERE bloc_id = $bloc ORDER BY period_end, period_start DESC, unit_name`,
    { bloc: blocId },
    TrendRow,
  );
});
