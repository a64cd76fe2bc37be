import type { DuckDBValue } from '@duckdb/node-api';

/**
 * WHERE-clause builder: each condition is a fixed SQL fragment from this codebase and every
 * value is bound as a named parameter, so nothing from a URL is ever spliced into SQL.
 */
export class Where {
  readonly parts: string[] = [];
  readonly params: Record<string, DuckDBValue> = {};

  add(fragment: string, params: Record<string, DuckDBValue> = {}): this {
    this.parts.push(fragment);
    Object.assign(this.params, params);
    return this;
  }

  /** Adds the fragment only when the value is set. */
  when<V extends DuckDBValue>(value: V | null | undefined, fragment: string, name: string): this {
    if (value !== null && value !== undefined) this.add(fragment, { [name]: value });
    return this;
  }

  sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** Accent-insensitive folding on the SQL side; matches lib/text.ts fold() for letters. */
export function foldSql(expr: string): string {
  return `replace(strip_accents(lower(coalesce(${expr}, ''))), 'đ', 'd')`;
}

/** Members of a bloc in a year, for "bloc" filters on facts keyed by unit. */
export const BLOC_MEMBER_UNITS = 'unit_id IN (SELECT unit_id FROM bloc_members WHERE bloc_id = $bloc AND year = $blocYear)';

/**
 * Fact rows of loaded (not undone) batches straight from the tables: the same rows as
 * v_activities / v_awards without their name joins, so aggregates scan less. Tests check the
 * results equal the views.
 */
export const LOADED_ACTIVITIES = `(SELECT * FROM activities WHERE batch_id IN (SELECT batch_id FROM import_batches WHERE status = 'loaded'))`;
export const LOADED_AWARDS = `(SELECT * FROM awards WHERE batch_id IN (SELECT batch_id FROM import_batches WHERE status = 'loaded'))`;

/**
 * v_score_totals restricted to whole ranking partitions (bloc × score period) chosen by
 * `partitionFilter` — a fixed fragment on s.bloc_id / s.period_start / s.period_end only, so
 * ranks are exactly the view's. Same formula as the view: assessed points + bonus − penalty.
 * Adds max_total (the scale: sum of the criteria's maximum points, 100 or 1000).
 */
export function scoreTotalsSql(partitionFilter: string): string {
  return `(
  WITH t AS (
    SELECT s.bloc_id, s.unit_id, s.period_start, s.period_end, s.period,
           round(sum(CASE s.criterion_kind WHEN 'penalty' THEN -coalesce(s.assessed_points, 0) ELSE coalesce(s.assessed_points, 0) END), 2) AS total_points,
           round(sum(CASE s.criterion_kind WHEN 'penalty' THEN -coalesce(s.self_points, 0) ELSE coalesce(s.self_points, 0) END), 2) AS self_total_points,
           round(sum(s.max_points) FILTER (WHERE s.criterion_kind = 'criterion'), 2) AS max_total
    FROM scores s
    WHERE s.batch_id IN (SELECT batch_id FROM import_batches WHERE status = 'loaded') AND (${partitionFilter})
    GROUP BY s.bloc_id, s.unit_id, s.period_start, s.period_end, s.period)
  SELECT t.bloc_id, b.name AS bloc_name, t.unit_id, u.name AS unit_name, t.period_start, t.period_end, t.total_points,
         CAST(rank() OVER (PARTITION BY t.bloc_id, t.period_start, t.period_end ORDER BY t.total_points DESC) AS INTEGER) AS rank,
         t.self_total_points, t.period, t.max_total
  FROM t JOIN blocs b ON b.bloc_id = t.bloc_id JOIN units u ON u.unit_id = t.unit_id)`;
}

/** Score periods overlapping the window [$pStart, $pEnd] (inside it or covering it). */
export const OVERLAPPING_WINDOW = 's.period_start <= $pEnd::DATE AND s.period_end >= $pStart::DATE';
