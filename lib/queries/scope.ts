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

/** Score periods overlapping the window [$pStart, $pEnd] (inside it or covering it). */
export const OVERLAPPING_WINDOW = 's.period_start <= $pEnd::DATE AND s.period_end >= $pStart::DATE';
