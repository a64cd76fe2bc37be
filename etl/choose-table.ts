import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportIssue, ImportOptions, ImportResult, RawRow } from '@/lib/import/types';
import { DATASET_LABELS, type Dataset } from '@/lib/domain';
import { importLimits } from '@/lib/env';
import { invalidPeriodMessage, parsePeriod, type Period } from '@/lib/periods';
import { fold } from '@/lib/text';
import { DATASETS_HINT, neededColumnsText } from '@/lib/datasets';
import { isBlankRow } from '@/etl/detect/rows';
import { detectTable, HEADER_SCAN_ROWS, type DetectedTable } from '@/etl/detect/table';
import { blocFromText, periodFromText } from '@/etl/headers/title';
import type { IssueLog } from '@/etl/normalise/issues';
import type { BulkCsv } from '@/etl/read/csv';
import { loadCsvTable, scanCsv, withinLimits } from '@/etl/read/csv-bulk';
import { emptyResult, type FileMeta, type OpenedLike, type SheetLike } from './opened';

/**
 * Which sheet and table of a file to read, and the period and bloc its title rows name: the
 * first stage of the pipeline after the reader.
 */

/** Sheets that hold instructions or code lists, not data: skipped unless named with --sheet. */
const NON_DATA_SHEETS = /^(huong dan|hdsd|danh muc|dm |ma |htkt|pldt|lvhd|phan loai kt|ghi chu)/;
/** Rows read ahead to find the header and compare sheets. */
const PEEK_ROWS = 200;

export interface SheetPick {
  sheet: SheetLike;
  iterator: AsyncIterator<RawRow>;
  head: RawRow[];
  done: boolean;
  table: DetectedTable | null;
  dataRows: number;
}

async function peekSheet(sheet: SheetLike, dataset: Dataset | undefined): Promise<SheetPick> {
  const iterator = sheet.rows()[Symbol.asyncIterator]();
  const head: RawRow[] = [];
  let done = false;
  while (head.length < PEEK_ROWS) {
    const r = await iterator.next();
    if (r.done) {
      done = true;
      break;
    }
    head.push(r.value);
  }
  const table = detectTable(head.slice(0, HEADER_SCAN_ROWS + 2), dataset);
  let dataRows = 0;
  if (table) for (let i = table.bodyIndex; i < head.length; i++) if (!isBlankRow(head[i].cells)) dataRows++;
  return { sheet, iterator, head, done, table, dataRows };
}

/** The first rows of a CSV read from its first megabyte only (the body may then go to DuckDB). */
function peekHead(sheet: SheetLike, rows: RawRow[], dataset: Dataset | undefined): SheetPick {
  const head = rows.slice(0, PEEK_ROWS);
  const table = detectTable(head.slice(0, HEADER_SCAN_ROWS + 2), dataset);
  const iterator: AsyncIterator<RawRow> = { next: async () => ({ done: true, value: undefined }) };
  return { sheet, iterator, head, done: false, table, dataRows: 0 };
}

/** Datasets whose processor can take a body DuckDB loaded (see DatasetProcessor.loadBulk). */
const BULK_DATASETS = new Set<Dataset>(['activities']);
export const BULK_TABLE = 'bulk_raw';
/**
 * Loads a CSV body with DuckDB's reader when both readers are sure to agree (csv-bulk.ts); null
 * when the file must go through csv.ts instead (nothing was kept).
 */
async function loadBulkBody(conn: DuckDBConnection, bulk: BulkCsv): Promise<{ width: number; rows: number } | null> {
  const width = bulk.fields;
  const limits = importLimits();
  // Wider than the column limit: csv.ts decides (it counts up to the last non-empty cell).
  if (width > limits.maxColumns) return null;
  // DuckDB reads on its own thread while JS checks the bytes: the table is dropped if the check fails.
  const [scan, loaded] = await Promise.all([scanCsv(bulk.path, bulk.delimiter), loadCsvTable(conn, bulk, BULK_TABLE, width)]);
  const rows = scan.regular && loaded && scan.fields <= width ? await withinLimits(conn, BULK_TABLE, width, limits) : null;
  if (rows === null) {
    await conn.run(`DROP TABLE IF EXISTS temp.${BULK_TABLE}`);
    return null;
  }
  return { width, rows };
}

export async function closeIterator(it: AsyncIterator<RawRow>): Promise<void> {
  try {
    await it.return?.();
  } catch {
    /* already closed */
  }
}

/**
 * The sheet and table to read: the one named with --sheet, else the data sheet whose table has
 * the most rows. A plain UTF-8 CSV of a bulk dataset has its body loaded by DuckDB here.
 */
export async function chooseTable(
  conn: DuckDBConnection,
  opened: OpenedLike,
  meta: FileMeta,
  options: ImportOptions,
  issues: IssueLog,
): Promise<{ result: ImportResult } | { pick: SheetPick; bulkTable: { width: number; rows: number } | null }> {
  let candidates = opened.sheets;
  if (options.sheet) {
    candidates = opened.sheets.filter((s) => fold(s.name) === fold(options.sheet!));
    if (candidates.length === 0) {
      return { result: emptyResult(meta, {
        errors: [{ row: null, column: null, message: `Không có trang tính «${options.sheet}». Các trang trong tệp: ${opened.sheets.map((s) => `«${s.name}»`).join(', ')}.`, severity: 'error', code: 'sheet_missing' }],
      }) };
    }
  } else if (opened.sheets.length > 1) {
    // Hidden sheets and sheets of instructions or code lists are not data.
    const dataSheets = opened.sheets.filter((s) => !s.hidden && !NON_DATA_SHEETS.test(fold(s.name) + ' '));
    if (dataSheets.length) candidates = dataSheets;
  }
  let best: SheetPick | null = null;
  let bulkTable: { width: number; rows: number } | null = null;
  if (opened.bulk && candidates.length === 1) {
    // A plain UTF-8 CSV: find its table in the first megabyte; a dataset that can take a body
    // loaded by DuckDB gets it that way, any other goes through the reader below.
    const pick = peekHead(candidates[0], opened.bulk.headRows, options.dataset);
    if (pick.table && BULK_DATASETS.has(pick.table.dataset)) {
      bulkTable = await loadBulkBody(conn, opened.bulk);
      if (bulkTable) best = pick;
    }
  }
  for (const sheet of best ? [] : candidates) {
    const pick = await peekSheet(sheet, options.dataset);
    const better = pick.table && (!best || !best.table || pick.dataRows > best.dataRows || (pick.dataRows === best.dataRows && pick.table.score > best.table.score));
    if (better || !best) {
      if (best) await closeIterator(best.iterator);
      best = pick;
    } else await closeIterator(pick.iterator);
  }
  if (!best || !best.table) {
    if (best) await closeIterator(best.iterator);
    const what = options.dataset ? ` của loại «${DATASET_LABELS[options.dataset]}»` : '';
    const hint = options.dataset ? `Cần các cột: ${neededColumnsText(options.dataset)}.` : DATASETS_HINT;
    return { result: emptyResult(meta, {
      sheet: best?.sheet.name ?? null,
      errors: [{ row: null, column: null, message: `Không tìm thấy dòng tiêu đề cột${what} trong ${HEADER_SCAN_ROWS} dòng đầu. ${hint}`, severity: 'error', code: 'header_missing' }],
      warnings: issues.finalWarnings(),
    }) };
  }
  return { pick: best, bulkTable };
}

/** Period and bloc of the file: the flags first, then the title rows above the table. */
export function periodAndBloc(table: DetectedTable, options: ImportOptions): { error: ImportIssue } | { period: Period | null; blocName: string | null } {
  let period: Period | null = null;
  if (options.period) {
    period = parsePeriod(options.period);
    if (!period) {
      return { error: { row: null, column: null, message: invalidPeriodMessage(options.period), severity: 'error', code: 'period_invalid' } };
    }
  } else {
    for (const line of table.titleLines) {
      period = periodFromText(line);
      if (period) break;
    }
  }
  let blocName: string | null = options.bloc ?? null;
  if (!blocName) {
    for (const line of table.titleLines) {
      if (/khoi/.test(fold(line))) {
        blocName = blocFromText(line);
        if (blocName) break;
      }
    }
  }
  return { period, blocName };
}
