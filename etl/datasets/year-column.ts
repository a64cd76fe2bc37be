import type { RawRow } from '@/lib/import/types';
import { rawForMessage } from '@/etl/normalise/cells';
import { parseYearCell } from '@/etl/normalise/numbers';
import type { DatasetContext } from './types';

/**
 * The «Năm» cell of a row (units, awards): its year, null when the column is absent or the cell
 * empty; an invalid year is logged as an error on the row and comes back with `ok: false`.
 */
export function readYearColumn(ctx: DatasetContext, row: RawRow, col: number): { ok: boolean; year: number | null } {
  if (col < 0) return { ok: true, year: null };
  const cell = row.cells[col] ?? null;
  const y = parseYearCell(cell);
  if (y.ok) return { ok: true, year: y.value };
  ctx.issues.error(row.rowNumber, ctx.columnName('year'), `«${rawForMessage(cell)}» không phải năm hợp lệ. Hãy ghi năm 4 chữ số, ví dụ 2022.`, 'year_invalid');
  return { ok: false, year: null };
}

/**
 * The year a danh hiệu thi đua is for, when the list says none (no «Năm» column or cell, no year in
 * its title, no --period): a decision dated January–March is for the year before. Danh hiệu thi
 * đua (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến/xuất sắc, Cờ thi
 * đua…) are considered each year at the year-end review and decided early the next year (Luật Thi
 * đua, khen thưởng 06/2022/QH15, Chương II: danh hiệu thi đua xét tặng hằng năm); hình thức khen
 * thưởng (Giấy khen, Bằng khen…) are not tied to a year-end review and keep their decision's year.
 */
export function annualTitleDecidedNextYear(decisionDate: string): boolean {
  const month = Number(decisionDate.slice(5, 7));
  return month >= 1 && month <= 3;
}
