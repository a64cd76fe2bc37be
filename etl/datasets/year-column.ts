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
