import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportOptions, ImportResult, RawRow } from '@/lib/import/types';
import { DATASET_LABELS, type Dataset } from '@/lib/domain';
import { importLimits, parseLimits } from '@/lib/env';
import { parsePeriod, type Period } from '@/lib/periods';
import { fold } from '@/lib/text';
import { query, queryOn, withWriteTransaction, type Db } from '@/lib/db/client';
import { loadUnitResolverOn } from '@/lib/units/load';
import { restoreUnitsBatch, UnitsUndoError } from '@/lib/units/history';
import { saveUnitReadings } from '@/lib/units/readings';
import { applyHeaderOverrides, detectTable, headerMapping, HEADER_SCAN_ROWS, type DetectedTable } from '@/etl/detect/table';
import { distinctTexts, isBlankRow, markRow, rowHasSectionLead, sectionRecipientType } from '@/etl/detect/rows';
import { IssueLog } from '@/etl/normalise/issues';
import { blocFromText, periodFromText } from '@/etl/headers/title';
import { DATASETS_HINT, fieldLabel, neededColumnsText } from '@/lib/datasets';
import { createProcessor } from '@/etl/datasets';
import { storageFailureMessage } from '@/lib/db/storage-errors';
import type { DatasetProcessor } from '@/etl/datasets/types';
import type { BulkCsv } from '@/etl/read/csv';
import { loadCsvTable, scanCsv, withinLimits } from '@/etl/read/csv-bulk';
import { openByteSource } from '@/etl/read/zip';
import { changedMessage, changedSince, expectationFailure, stampOf, type FileStamp } from '@/etl/read/integrity';

/**
 * The import pipeline, shared by the CLI and the upload page:
 * read → find the table → map headers → normalise → validate → load (all or nothing).
 */

/** The reader's view of a file (etl/read): sheets that stream rows. */
export interface SheetLike {
  name: string;
  hidden?: boolean;
  rows(): AsyncIterable<RawRow>;
}
export interface OpenedLike {
  format: string;
  sheets: SheetLike[];
  notes: string[];
  /** A plain UTF-8 CSV on disk (etl/read/csv.ts): its body may be loaded by DuckDB. */
  bulk?: BulkCsv;
  /** Frees the reader (its worker thread). */
  close?(): Promise<void>;
}

export interface FileMeta {
  sha256: string;
  size: number;
  /** A file on disk as it was when hashed: it must not change before its rows are stored. */
  stamp?: FileStamp;
}

/** Sheets that hold instructions or code lists, not data: skipped unless named with --sheet. */
const NON_DATA_SHEETS = /^(huong dan|hdsd|danh muc|dm |ma |htkt|pldt|lvhd|phan loai kt|ghi chu)/;
/** Rows read ahead to find the header and compare sheets. */
const PEEK_ROWS = 200;

function emptyResult(meta: FileMeta, extra: Partial<ImportResult>): ImportResult {
  return {
    status: 'rejected',
    dataset: null,
    batchId: null,
    rowsLoaded: 0,
    rowsSkipped: 0,
    errors: [],
    warnings: [],
    sheet: null,
    period: null,
    bloc: null,
    headerMapping: [],
    preview: [],
    sha256: meta.sha256,
    ...extra,
  };
}

async function sha256Of(input: { path: string } | { bytes: Buffer }): Promise<FileMeta> {
  const stamp = 'path' in input ? await stampOf(input.path) : undefined;
  const h = crypto.createHash('sha256');
  const src = await openByteSource(input);
  let size = 0;
  try {
    for await (const chunk of src.chunks()) {
      h.update(chunk);
      size += chunk.length;
    }
  } finally {
    await src.close();
  }
  return { sha256: h.digest('hex'), size, stamp };
}

export async function findLoadedBatchBySha(db: Db, sha256: string): Promise<number | null> {
  const rows = await query<{ batch_id: number }>(
    db,
    "SELECT batch_id FROM import_batches WHERE sha256 = $s AND status = 'loaded' ORDER BY batch_id LIMIT 1",
    { s: sha256 },
  );
  return rows.length ? Number(rows[0].batch_id) : null;
}

export async function importFile(db: Db, input: { path: string } | { bytes: Buffer }, options: ImportOptions): Promise<ImportResult> {
  let meta: FileMeta;
  try {
    meta = await sha256Of(input);
  } catch (err) {
    return emptyResult({ sha256: '', size: 0 }, {
      errors: [{ row: null, column: null, message: `Không đọc được tệp «${options.fileName}»: ${(err as Error).message}`, severity: 'error', code: 'io' }],
    });
  }
  const mismatch = expectationFailure(meta, options.expected);
  if (mismatch) return emptyResult(meta, { errors: [{ row: null, column: null, message: mismatch, severity: 'error', code: 'incomplete' }] });
  const dup = await findLoadedBatchBySha(db, meta.sha256);
  if (dup !== null) {
    return emptyResult(meta, {
      status: 'duplicate',
      duplicateOf: dup,
      batchId: dup,
      warnings: [{ row: null, column: null, message: `Tệp này đã được nhập (lần nhập #${dup}); không nhập lại.`, severity: 'warning', code: 'duplicate_file' }],
    });
  }
  const limits = importLimits();
  if (meta.size > limits.maxFileBytes) {
    return emptyResult(meta, {
      errors: [{ row: null, column: null, message: `Tệp lớn ${(meta.size / 1048576).toFixed(1)} MB, vượt giới hạn ${(limits.maxFileBytes / 1048576).toFixed(0)} MB. Hãy chia nhỏ tệp.`, severity: 'error', code: 'too_large' }],
    });
  }
  let opened: OpenedLike;
  try {
    const reader = await import('@/etl/read');
    opened = await reader.openSpreadsheet(input, options.fileName, limits, options.parseLimits ?? parseLimits());
  } catch (err) {
    const e = err as Error & { code?: string };
    if (e && e.name === 'FileRejectedError') {
      return emptyResult(meta, { errors: [{ row: null, column: null, message: e.message, severity: 'error', code: e.code ?? 'file_rejected' }] });
    }
    throw err;
  }
  try {
    return await importOpened(db, opened, meta, options, input);
  } catch (err) {
    // The reader also refuses while the sheets are peeked (too many columns, a huge cell):
    // that is a rejected file, not a failure of the import.
    const e = err as Error & { code?: string };
    if (e && e.name === 'FileRejectedError') {
      return emptyResult(meta, { errors: [{ row: null, column: null, message: e.message, severity: 'error', code: e.code ?? 'file_rejected' }] });
    }
    // Disk full or a read-only directory: the transaction rolled back, say so plainly.
    const storage = storageFailureMessage(err);
    if (storage) return emptyResult(meta, { errors: [{ row: null, column: null, message: storage, severity: 'error', code: 'storage' }] });
    throw err;
  } finally {
    await opened.close?.();
  }
}

interface SheetPick {
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
const BULK_TABLE = 'bulk_raw';
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

async function closeIterator(it: AsyncIterator<RawRow>): Promise<void> {
  try {
    await it.return?.();
  } catch {
    /* already closed */
  }
}

/** Runs the pipeline on an opened file (the reader is a separate, swappable stage). */
export async function importOpened(
  db: Db,
  opened: OpenedLike,
  meta: FileMeta,
  options: ImportOptions,
  input?: { path: string } | { bytes: Buffer },
): Promise<ImportResult> {
  // One connection for the whole import: rows are staged in its temp tables, then loaded by a
  // write transaction on it. Closing it drops whatever was staged.
  const conn = await db.connect();
  try {
    return await importOn(db, conn, opened, meta, options, input);
  } finally {
    conn.closeSync();
  }
}

async function importOn(
  db: Db,
  conn: DuckDBConnection,
  opened: OpenedLike,
  meta: FileMeta,
  options: ImportOptions,
  input?: { path: string } | { bytes: Buffer },
): Promise<ImportResult> {
  const issues = new IssueLog();
  const notesSeen = new Set(opened.notes);
  for (const note of opened.notes) issues.warning(null, null, note, 'reader_note');

  // Choose the sheet.
  let candidates = opened.sheets;
  if (options.sheet) {
    candidates = opened.sheets.filter((s) => fold(s.name) === fold(options.sheet!));
    if (candidates.length === 0) {
      return emptyResult(meta, {
        errors: [{ row: null, column: null, message: `Không có trang tính «${options.sheet}». Các trang trong tệp: ${opened.sheets.map((s) => `«${s.name}»`).join(', ')}.`, severity: 'error', code: 'sheet_missing' }],
      });
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
    return emptyResult(meta, {
      sheet: best?.sheet.name ?? null,
      errors: [{ row: null, column: null, message: `Không tìm thấy dòng tiêu đề cột${what} trong ${HEADER_SCAN_ROWS} dòng đầu. ${hint}`, severity: 'error', code: 'header_missing' }],
      warnings: issues.finalWarnings(),
    });
  }
  const pick = best;
  const table = pick.table!;
  applyHeaderOverrides(table, options.headerOverrides);
  const dataset = table.dataset;

  // Period and bloc: flags first, then the title rows.
  let period: Period | null = null;
  if (options.period) {
    period = parsePeriod(options.period);
    if (!period) {
      return emptyResult(meta, {
        dataset,
        errors: [{ row: null, column: null, message: `Kỳ «${options.period}» không hợp lệ. Hãy ghi dạng 2022, 2022-H1, 2022-Q3 hoặc 2022-07.`, severity: 'error', code: 'period_invalid' }],
      });
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

  const mapping = headerMapping(table);
  const snapshot = { units: await loadUnitResolverOn(conn) };
  const processor: DatasetProcessor = createProcessor(dataset, {
    table,
    issues,
    units: snapshot.units,
    period,
    blocName,
    titleLines: table.titleLines,
    columnName: (field) => {
      const c = table.fieldColumns.get(field);
      if (c === undefined) return fieldLabel(dataset, field);
      return table.columns[c].text || table.columns[c].letter;
    },
  });

  // Stream the body.
  options.onProgress?.({ phase: 'read', done: 0 });
  let seen = 0;
  let ended = false;
  /** One body row: blank, total, section and signature lines, then the dataset. True once a signature ended the table. */
  const handle = (row: RawRow): boolean => {
    if (ended) return true;
    const cells = row.cells;
    if (isBlankRow(cells)) return false;
    const texts = distinctTexts(cells);
    const mark = markRow(texts);
    if (mark === 'signature') {
      ended = true;
      return true;
    }
    if (!processor.rawRows) {
      if (mark === 'subtotal') return false;
      if (texts.length <= 2 && (sectionRecipientType(texts.at(-1)!) || rowHasSectionLead(texts))) {
        // Section rows: "I. TẬP THỂ" sets the recipient type of the rows below (awards).
        if (!processor.onSection || processor.onSection(row, texts)) return false;
      }
    }
    processor.onRow(row);
    seen++;
    if (options.onProgress && seen % 50_000 === 0) options.onProgress({ phase: 'read', done: seen });
    return false;
  };
  await processor.begin?.(conn);
  try {
    for (let i = table.bodyIndex; i < pick.head.length; i++) handle(pick.head[i]);
    if (bulkTable) {
      const fromRow = (pick.head.at(-1)?.rowNumber ?? 0) + 1;
      if (!ended) await processor.loadBulk!({ table: BULK_TABLE, ...bulkTable, fromRow }, handle);
      await conn.run(`DROP TABLE IF EXISTS temp.${BULK_TABLE}`);
    } else if (!pick.done) {
      for (;;) {
        if (options.signal?.aborted) throw new Error('Đã hủy việc nhập tệp.');
        const r = await pick.iterator.next();
        if (r.done) break;
        handle(r.value);
      }
    }
  } catch (err) {
    await closeIterator(pick.iterator);
    const e = err as Error & { code?: string };
    if (e && e.name === 'FileRejectedError') {
      return emptyResult(meta, { dataset, sheet: pick.sheet.name, headerMapping: mapping, errors: [{ row: null, column: null, message: e.message, severity: 'error', code: e.code ?? 'file_rejected' }] });
    }
    throw err;
  }
  // Reading may have found the file's real encoding (a CSV checked past its first megabyte).
  for (const note of opened.notes) if (!notesSeen.has(note)) issues.warning(null, null, note, 'reader_note');
  options.onProgress?.({ phase: 'validate', done: Math.max(seen, processor.rowCount) });
  await processor.finish(conn);

  const base = {
    dataset,
    sheet: pick.sheet.name,
    period: dataset === 'units' ? null : (processor.resolvedPeriod?.() ?? period?.id ?? null),
    bloc: dataset === 'scores' ? (processor.resolvedBloc?.() ?? blocName) : null,
    headerMapping: mapping,
    preview: processor.preview(20),
    unitReadings: snapshot.units.readings(),
  };
  if (!issues.hasErrors && processor.rowCount === 0) {
    issues.error(null, null, `Trang «${pick.sheet.name}» có dòng tiêu đề cột nhưng không có dòng dữ liệu nào. Hãy điền dữ liệu dưới dòng tiêu đề (dòng ${pick.head[table.headerIndex]?.rowNumber ?? '?'}) rồi tải lên lại.`, 'no_data');
  }
  if (issues.hasErrors) {
    return emptyResult(meta, { ...base, errors: issues.finalErrors(), warnings: issues.finalWarnings() });
  }
  if (options.dryRun) {
    return emptyResult(meta, { ...base, status: 'validated', rowsLoaded: processor.rowCount, warnings: issues.finalWarnings() });
  }

  // A file still being copied is not the file that was hashed: nothing is stored from it.
  if (input && 'path' in input && meta.stamp && (await changedSince(input.path, meta.stamp))) {
    return emptyResult(meta, { ...base, errors: [{ row: null, column: null, message: changedMessage(options.fileName), severity: 'error', code: 'changed' }] });
  }
  // Load: the batch row and its facts commit together, or nothing does.
  options.onProgress?.({ phase: 'load', done: 0, total: processor.rowCount });
  const storedPath = storeOriginal(options, meta, input);
  try {
    const outcome = await withWriteTransaction(db, async () => {
      // Another writer may have loaded the same file meanwhile (writers are serialised).
      const again = await queryOn<{ batch_id: number }>(conn, "SELECT batch_id FROM import_batches WHERE sha256 = $s AND status = 'loaded' LIMIT 1", { s: meta.sha256 });
      if (again.length) return { duplicateOf: Number(again[0].batch_id) } as const;
      const batch = await queryOn<{ batch_id: number }>(
        conn,
        `INSERT INTO import_batches (file_name, sha256, file_size, dataset, imported_by, status, sheet_name, period)
         VALUES ($file, $sha, $size, $dataset, $by, 'loaded', $sheet, $period) RETURNING batch_id`,
        { file: options.fileName, sha: meta.sha256, size: meta.size, dataset, by: options.importedBy, sheet: pick.sheet.name, period: base.period },
      );
      const batchId = Number(batch[0].batch_id);
      const res = await processor.load(conn, batchId);
      await conn.run(
        `UPDATE import_batches SET rows_loaded = $l, rows_skipped = $s, period = coalesce($p, period), bloc_id = $b, stored_path = $sp WHERE batch_id = $id`,
        { l: res.loaded, s: res.skipped, p: res.period ?? null, b: res.blocId ?? null, sp: storedPath, id: batchId },
      );
      await insertIssues(conn, batchId, issues);
      await saveUnitReadings(conn, batchId, base.unitReadings);
      return { batchId, ...res };
    }, conn);
    if ('duplicateOf' in outcome) {
      return emptyResult(meta, { ...base, status: 'duplicate', duplicateOf: outcome.duplicateOf, batchId: outcome.duplicateOf });
    }
    options.onProgress?.({ phase: 'load', done: outcome.loaded, total: processor.rowCount });
    return {
      ...emptyResult(meta, base),
      status: 'loaded',
      batchId: outcome.batchId,
      rowsLoaded: outcome.loaded,
      rowsSkipped: outcome.skipped,
      warnings: issues.finalWarnings(),
      period: outcome.period ?? base.period,
    };
  } catch (err) {
    if (storedPath) fs.rmSync(storedPath, { force: true });
    throw err;
  }
}

function storeOriginal(options: ImportOptions, meta: FileMeta, input?: { path: string } | { bytes: Buffer }): string | null {
  if (!options.storeOriginalDir || !input) return null;
  fs.mkdirSync(options.storeOriginalDir, { recursive: true });
  const ext = path.extname(options.fileName).toLowerCase().replace(/[^.a-z0-9]/g, '') || '.bin';
  // One file per batch (never shared by hash): a failed or undone import removes only its own.
  const target = path.join(options.storeOriginalDir, `${meta.sha256}-${crypto.randomBytes(6).toString('hex')}${ext}`);
  if ('bytes' in input) fs.writeFileSync(target, input.bytes, { flag: 'wx' });
  else fs.copyFileSync(input.path, target, fs.constants.COPYFILE_EXCL);
  return target;
}

async function insertIssues(conn: DuckDBConnection, batchId: number, issues: IssueLog): Promise<void> {
  const list = issues.finalWarnings();
  if (!list.length) return;
  // Bounded (≤ 1,001 rows): one multi-row statement with bound parameters.
  const params: Record<string, string | number | null> = { b: batchId };
  const values = list.map((w, i) => {
    params[`r${i}`] = w.row;
    params[`c${i}`] = w.column;
    params[`k${i}`] = w.code ?? null;
    params[`m${i}`] = w.message;
    return `($b, $r${i}, $c${i}, 'warning', $k${i}, $m${i})`;
  });
  await conn.run(`INSERT INTO import_issues (batch_id, row_no, column_name, severity, code, message) VALUES ${values.join(', ')}`, params);
}

export interface BatchInfo {
  batch_id: number;
  file_name: string;
  dataset: Dataset;
  rows_loaded: number;
  rows_skipped: number;
  imported_by: string;
  imported_at: string;
  status: 'loaded' | 'undone';
  period: string | null;
  sheet_name: string | null;
  sha256: string;
  undone_by: string | null;
  undone_at: string | null;
}

export async function listBatches(db: Db): Promise<BatchInfo[]> {
  const rows = await query<Record<string, unknown>>(
    db,
    `SELECT batch_id, file_name, dataset, rows_loaded, rows_skipped, imported_by, strftime(imported_at, '%Y-%m-%d %H:%M:%S') AS imported_at,
            status, period, sheet_name, sha256, undone_by, strftime(undone_at, '%Y-%m-%d %H:%M:%S') AS undone_at
     FROM import_batches ORDER BY batch_id DESC`,
  );
  return rows.map((r) => ({
    ...(r as unknown as BatchInfo),
    batch_id: Number(r.batch_id),
    rows_loaded: Number(r.rows_loaded),
    rows_skipped: Number(r.rows_skipped),
  }));
}

export class UndoError extends Error {
  constructor(
    message: string,
    /** 'units_in_use': a units batch whose new units loaded rows already use. */
    readonly code?: 'units_in_use',
  ) {
    super(message);
    this.name = 'UndoError';
  }
}

/**
 * Undoes a batch: status 'undone' and its facts deleted (views only show loaded batches anyway).
 * A units batch puts units and aliases back as they were (lib/units/history.ts); it cannot be
 * undone while loaded rows use a unit it added.
 */
export async function undoBatch(db: Db, batchId: number, by: string): Promise<{ batchId: number; rowsRemoved: number }> {
  return withWriteTransaction(db, async (conn) => {
    const rows = await queryOn<{ status: string; dataset: string }>(conn, 'SELECT status, dataset FROM import_batches WHERE batch_id = $id', { id: batchId });
    if (!rows.length) throw new UndoError(`Không có lần nhập #${batchId}. Xem danh sách lần nhập bằng lệnh «batches».`);
    if (rows[0].status === 'undone') throw new UndoError(`Lần nhập #${batchId} đã được hủy trước đó.`);
    let removed = 0;
    const dataset = rows[0].dataset as Dataset;
    if (dataset === 'activities' || dataset === 'awards' || dataset === 'scores') {
      const r = await queryOn<{ n: number }>(conn, `SELECT count(*)::INTEGER AS n FROM ${dataset} WHERE batch_id = $id`, { id: batchId });
      removed = Number(r[0].n);
      await conn.run(`DELETE FROM ${dataset} WHERE batch_id = $id`, { id: batchId });
    } else {
      const r = await queryOn<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM bloc_members WHERE batch_id = $id', { id: batchId });
      removed = Number(r[0].n);
      await conn.run('DELETE FROM bloc_members WHERE batch_id = $id', { id: batchId });
      try {
        await restoreUnitsBatch(conn, batchId);
      } catch (e) {
        if (e instanceof UnitsUndoError) throw new UndoError(e.message, 'units_in_use');
        throw e;
      }
    }
    await conn.run("UPDATE import_batches SET status = 'undone', undone_by = $by, undone_at = current_timestamp WHERE batch_id = $id", { by, id: batchId });
    return { batchId, rowsRemoved: removed };
  });
}
