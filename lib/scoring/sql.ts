import { CRITERION_KEY_SEPARATOR } from './rules';

/**
 * The scoring rules of ./rules.ts written in SQL, for the queries that total many rows at once.
 * Every fragment is fixed text of this codebase; callers bind the values.
 */

/** Sum of a points column with penalties deducted and missing points as 0, rounded to 2 decimals. */
function totalPointsSql(points: string, kind = 's.criterion_kind'): string {
  return `round(sum(CASE ${kind} WHEN 'penalty' THEN -coalesce(${points}, 0) ELSE coalesce(${points}, 0) END), 2)`;
}

/** Shared competition rank (1, 2, 2, 4) within one bloc × score period. */
function sharedRankSql(total: string): string {
  return `CAST(rank() OVER (PARTITION BY t.bloc_id, t.period_start, t.period_end ORDER BY ${total} DESC) AS INTEGER)`;
}

/** The criterion key of lib/scoring/rules.ts criterionKey(), from a v_scores/scores row alias. */
export function criterionKeySql(alias = 's'): string {
  return `concat_ws('${CRITERION_KEY_SEPARATOR}', ${alias}.criterion_kind, coalesce(${alias}.criterion_group, ''), coalesce(${alias}.criterion_code, ''), ${alias}.criterion)`;
}

/**
 * Totals and shared ranks of the loaded score rows, restricted to whole ranking partitions
 * (bloc × score period) chosen by `partitionFilter` — a fixed fragment on s.bloc_id /
 * s.period_start / s.period_end only, so ranks are those of the full view. Columns: bloc_id,
 * bloc_name, unit_id, unit_name, period_start, period_end, total_points, rank,
 * self_total_points, period, max_total (the scale: sum of the criteria's maximum points).
 */
export function scoreTotalsSql(partitionFilter: string): string {
  return `(
  WITH t AS (
    SELECT s.bloc_id, s.unit_id, s.period_start, s.period_end, s.period,
           ${totalPointsSql('s.assessed_points')} AS total_points,
           ${totalPointsSql('s.self_points')} AS self_total_points,
           round(sum(s.max_points) FILTER (WHERE s.criterion_kind = 'criterion'), 2) AS max_total
    FROM scores s
    WHERE s.batch_id IN (SELECT batch_id FROM import_batches WHERE status = 'loaded') AND (${partitionFilter})
    GROUP BY s.bloc_id, s.unit_id, s.period_start, s.period_end, s.period)
  SELECT t.bloc_id, b.name AS bloc_name, t.unit_id, u.name AS unit_name, t.period_start, t.period_end, t.total_points,
         ${sharedRankSql('t.total_points')} AS rank,
         t.self_total_points, t.period, t.max_total
  FROM t JOIN blocs b ON b.bloc_id = t.bloc_id JOIN units u ON u.unit_id = t.unit_id)`;
}

/** The analyst view v_score_totals, from the same totals (its first ten columns as before, then max_total). */
export function scoreTotalsViewSql(): string {
  return `CREATE OR REPLACE VIEW v_score_totals AS
SELECT bloc_id, bloc_name, unit_id, unit_name, period_start, period_end, total_points, rank, self_total_points, period, max_total
FROM ${scoreTotalsSql('true')} totals;`;
}
