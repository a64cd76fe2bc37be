import { z } from 'zod';
import { reused } from '@/lib/db/cache';
import { query, type Db } from '@/lib/db/client';
import { date, num, numOrNull, str, strOrNull } from './rows';
import { CHOSEN_SCORE_PERIODS } from './overview';
import { scoreTotalsSql } from './scope';

// Every ranking partition of one bloc: ranks are the view's, without ranking every bloc.
const BLOC_TOTALS = scoreTotalsSql('s.bloc_id = $bloc');

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

const RankRow = z.object({
  unit_id: num,
  unit_name: str,
  period: str,
  period_start: date,
  period_end: date,
  total_points: num,
  self_total_points: numOrNull,
  rank: num,
  previous_period: strOrNull,
  previous_rank: numOrNull,
  previous_points: numOrNull,
});
export type BlocRankRow = z.infer<typeof RankRow>;

/**
 * Ranking in the chosen score period with the change of rank against the bloc's previous
 * score period of the same length (2022 ↔ 2021, 2022-H1 ↔ 2021-H1… whichever came last).
 */
export const blocRanking = reused('blocRanking', async function blocRanking(db: Db, blocId: number, w: { start: string; end: string }): Promise<BlocRankRow[]> {
  return query(
    db,
    `WITH tot AS ${BLOC_TOTALS}, chosen AS (${CHOSEN_SCORE_PERIODS}),
          prev AS (
            SELECT p.period_start, p.period_end, any_value(p.period) AS period FROM tot p, chosen c
            WHERE p.bloc_id = $bloc AND p.period_end < c.period_start
              AND date_diff('day', p.period_start, p.period_end) BETWEEN date_diff('day', c.period_start, c.period_end) - 3
                                                                   AND date_diff('day', c.period_start, c.period_end) + 3
            GROUP BY ALL ORDER BY p.period_end DESC LIMIT 1)
     SELECT t.unit_id, t.unit_name, c.period, strftime(t.period_start, '%Y-%m-%d') AS period_start,
            strftime(t.period_end, '%Y-%m-%d') AS period_end, t.total_points::DOUBLE AS total_points,
            t.self_total_points::DOUBLE AS self_total_points, t.rank,
            (SELECT period FROM prev) AS previous_period, pt.rank AS previous_rank, pt.total_points::DOUBLE AS previous_points
     FROM tot t JOIN chosen c USING (bloc_id, period_start, period_end)
     LEFT JOIN tot pt ON pt.bloc_id = t.bloc_id AND pt.unit_id = t.unit_id
          AND pt.period_start = (SELECT period_start FROM prev) AND pt.period_end = (SELECT period_end FROM prev)
     ORDER BY t.rank, t.unit_name`,
    { bloc: blocId, pStart: w.start, pEnd: w.end },
    RankRow,
  );
});

const HeatRow = z.object({
  unit_id: num,
  criterion_key: str,
  criterion_group: strOrNull,
  criterion_code: strOrNull,
  criterion: str,
  criterion_kind: str,
  sort_order: num,
  max_points: numOrNull,
  assessed_points: numOrNull,
});
export type HeatCell = z.infer<typeof HeatRow>;

/** Assessed points per member × criterion in the chosen score period (the heat table). */
export const blocCriteriaHeat = reused('blocCriteriaHeat', async function blocCriteriaHeat(db: Db, blocId: number, w: { start: string; end: string }): Promise<HeatCell[]> {
  return query(
    db,
    `WITH tot AS ${BLOC_TOTALS}, chosen AS (${CHOSEN_SCORE_PERIODS})
     SELECT s.unit_id, concat_ws('|', s.criterion_kind, coalesce(s.criterion_code, ''), s.criterion) AS criterion_key,
            s.criterion_group, s.criterion_code, s.criterion, s.criterion_kind, min(s.sort_order)::INTEGER AS sort_order,
            max(s.max_points)::DOUBLE AS max_points, sum(s.assessed_points)::DOUBLE AS assessed_points
     FROM v_scores s JOIN chosen c USING (bloc_id, period_start, period_end)
     GROUP BY ALL ORDER BY sort_order, criterion_code, criterion`,
    { bloc: blocId, pStart: w.start, pEnd: w.end },
    HeatRow,
  );
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
