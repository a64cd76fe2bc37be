import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { VARCHAR } from '@duckdb/node-api';
import type { Cell, RawRow } from '@/lib/import/types';
import { cellsFromTable } from '@/etl/read/csv-bulk';
import { appendColumns } from './chunks';

/**
 * Helpers for a file body that DuckDB loaded itself (etl/read/csv-bulk.ts): a table of VARCHAR
 * columns c0 … cN whose rowid + 1 is the spreadsheet row number. The checks stay in JS, run once
 * per distinct value; SQL only joins their verdicts back to the rows.
 */

/**
 * SQL that is true when a cell's text is already what cellText would make of it (NFC, no stray or
 * doubled spaces, no control characters, not a cached error such as #N/A): such text can be
 * stored as read. Letters outside Latin and Vietnamese fall to JS, which normalises them.
 */
export const CLEAN_TEXT_SQL = (x: string) =>
  `(${x} IS NOT NULL AND ${x} <> '' AND NOT regexp_matches(${x}, '^ | $|  |[^ -~\\x{a1}-\\x{24f}\\x{1e00}-\\x{1eff}\\x{2010}-\\x{2027}\\x{2030}-\\x{205e}\\x{20ac}]') ` +
  `AND NOT starts_with(${x}, '#') AND upper(${x}) <> 'N/A')`;

/** The first non-empty cell among c0 … c{last} (what markRow looks at), prefixed with a table alias. */
export function firstTextSql(last: number, alias = ''): string {
  const cells = Array.from({ length: last + 1 }, (_, i) => `nullif(${alias}c${i}, '')`);
  return cells.length === 1 ? cells[0] : `coalesce(${cells.join(', ')})`;
}

/** One cell of the table as the CSV reader gives it. */
function cellOf(value: string | null): Cell {
  return cellsFromTable([value])[0] ?? null;
}

/**
 * Creates temp table `map` (raw VARCHAR, v0, v1 …) holding, for each distinct non-null value of
 * `column` in rows from `fromRow`, what `fn` returns for it; values for which fn returns null are
 * left out, so a LEFT JOIN finds them missing.
 */
export async function mapDistinct(
  conn: DuckDBConnection,
  spec: { table: string; column: string; fromRow: number; map: string; types: DuckDBType[]; where?: string; fn: (cell: Cell) => unknown[] | null },
): Promise<void> {
  const distinct = await conn.runAndReadAll(
    `SELECT DISTINCT ${spec.column} AS raw FROM ${spec.table} WHERE rowid >= $from AND ${spec.column} IS NOT NULL ${spec.where ? `AND ${spec.where}` : ''}`,
    { from: spec.fromRow - 1 },
  );
  const columns: unknown[][] = [[], ...spec.types.map(() => [])];
  for (const [raw] of distinct.getRows()) {
    const values = spec.fn(cellOf(raw as string));
    if (!values) continue;
    columns[0].push(raw);
    values.forEach((v, i) => columns[i + 1].push(v));
  }
  const defs = ['raw VARCHAR', ...spec.types.map((t, i) => `v${i} ${t.toString()}`)].join(', ');
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${spec.map} (${defs})`);
  await appendColumns(conn, spec.map, [VARCHAR, ...spec.types], columns as never, columns[0].length);
}

const PAGE_ROWS = 2048;

/**
 * Feeds `handle`, in row order, the rows of the body that the set-based load did not stage
 * (errors, warnings, signature and total lines…): `rest` is a SELECT of their `rid` (rowid) and
 * c0 … c{width-1}. A page at a time, so memory stays bounded however many there are; `settle` is
 * awaited between pages (the handler may have appends in flight on the same connection).
 * Returns the row where a signature line ended the table, or null.
 */
export async function suspiciousRows(
  conn: DuckDBConnection,
  spec: { rest: string; params: Record<string, number>; width: number },
  handle: (row: RawRow) => boolean,
  settle: () => Promise<void>,
): Promise<number | null> {
  const rest = 'bulk_rest';
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${rest} AS ${spec.rest}`, spec.params);
  const cols = Array.from({ length: spec.width }, (_, i) => `c${i}`).join(', ');
  let after = -1;
  try {
    for (;;) {
      const page = await conn.runAndReadAll(`SELECT rid, ${cols} FROM ${rest} WHERE rid > $after ORDER BY rid LIMIT ${PAGE_ROWS}`, { after });
      const rows = page.getRows();
      if (!rows.length) return null;
      for (const [rid, ...values] of rows) {
        const rowNumber = Number(rid) + 1;
        if (handle({ rowNumber, cells: cellsFromTable(values as (string | null)[]) })) return rowNumber;
      }
      after = Number(rows[rows.length - 1][0]);
      await settle();
    }
  } finally {
    await settle();
    await conn.run(`DROP TABLE IF EXISTS temp.${rest}`);
  }
}
