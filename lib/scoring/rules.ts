import type { CriterionKind } from '../domain';
import { parsePeriod, type Grain } from '../periods';

/**
 * The scoring rules of a bloc's score sheets, in one place. Readers and writers of totals
 * (the v_score_totals view and the dashboard's totals through ./sql.ts, the bloc page, the
 * review, the sample generator) take them from here.
 *
 * - Total = assessed points of the criteria + bonus − penalty (penalties are stored as positive
 *   points deducted), rounded to 2 decimals.
 * - Equal totals share a rank and the next rank skips: 1, 2, 2, 4.
 * - The previous comparable period of a bloc's scored period P is the latest period of the SAME
 *   KIND (grain of the period id: year, half-year, quarter, month) that the bloc has scores for
 *   and that ended before P began. A year compares with the previous scored year (2022 with
 *   2021, or 2020 when 2021 was not scored); a half-year with the previous scored half-year
 *   (2022-H1 with 2021-H2 where the bloc scores the second half, else with 2021-H1).
 * - A criterion is identified by its kind, group, code and wording (the criterion key).
 * - Heat bands colour a cell by its share of the criterion's maximum (largest maximum stated
 *   for any unit); for a penalty the share is 1 − deducted / maximum.
 */

export const TOTAL_RULE_TEXT = 'Tổng điểm = điểm khối chấm các tiêu chí + điểm thưởng − điểm trừ; đơn vị bằng điểm được xếp đồng hạng.';

export function roundPoints(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A score row's contribution to the total: penalties count negative, missing points as 0. */
function signedPoints(kind: CriterionKind, points: number | null): number {
  const p = points ?? 0;
  return kind === 'penalty' ? -p : p;
}

export function scoreTotal(rows: readonly { kind: CriterionKind; points: number | null }[]): number {
  return roundPoints(rows.reduce((s, r) => s + signedPoints(r.kind, r.points), 0));
}

/** Competition ranks (1, 2, 2, 4) of totals, highest first; returned in the input order. */
export function sharedRanks(totals: readonly number[]): number[] {
  return totals.map((t) => 1 + totals.filter((o) => o > t).length);
}

/** Separator of the key's parts: a character no sheet writes in a criterion. */
export const CRITERION_KEY_SEPARATOR = '\u241f';

export function criterionKey(c: { kind: CriterionKind; group: string | null; code: string | null; name: string }): string {
  return [c.kind, c.group ?? '', c.code ?? '', c.name].join(CRITERION_KEY_SEPARATOR);
}

export type HeatBand = 'high' | 'good' | 'fair' | 'low';

/** Bands from the top; a share at or above `min` falls in the band. */
const HEAT_BANDS: readonly { band: HeatBand; min: number; label: string }[] = [
  { band: 'high', min: 0.9, label: 'từ 90 % điểm tối đa' },
  { band: 'good', min: 0.75, label: 'từ 75 % đến dưới 90 %' },
  { band: 'fair', min: 0.6, label: 'từ 60 % đến dưới 75 %' },
  { band: 'low', min: -Infinity, label: 'dưới 60 %' },
];

export const HEAT_LEGEND = `Màu theo tỷ lệ điểm khối chấm so với điểm tối đa của tiêu chí: ${HEAT_BANDS.map((b) => b.label).join('; ')} (điểm trừ tính ngược lại).`;

/** Share of the maximum a cell reaches (null when points or maximum are unknown). */
function heatShare(points: number | null | undefined, max: number | null | undefined, kind: CriterionKind): number | null {
  if (points === null || points === undefined || !max) return null;
  return kind === 'penalty' ? 1 - points / max : points / max;
}

export function heatBand(points: number | null | undefined, max: number | null | undefined, kind: CriterionKind): HeatBand | null {
  const share = heatShare(points, max, kind);
  if (share === null) return null;
  return HEAT_BANDS.find((b) => share >= b.min - 1e-9)!.band;
}

/** A bloc's scored period as stored (scores.period is a period id such as 2022 or 2022-H1). */
export interface ScoredPeriod {
  period: string;
  start: string;
  end: string;
}

/** The kind of a scored period: the grain of its id, or null for an id that is not a period. */
function periodKind(periodId: string): Grain | null {
  return parsePeriod(periodId)?.grain ?? null;
}

/** The previous comparable period among the bloc's scored periods (rule above), or null. */
export function previousComparable(current: { period: string; start: string }, scored: readonly ScoredPeriod[]): ScoredPeriod | null {
  const kind = periodKind(current.period);
  if (kind === null) return null;
  const earlier = scored.filter((p) => p.end < current.start && periodKind(p.period) === kind);
  earlier.sort((a, b) => b.end.localeCompare(a.end) || a.start.localeCompare(b.start));
  return earlier[0] ?? null;
}
