import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportIssue, ImportOptions, ImportResult } from '@/lib/import/types';
import { type Dataset } from '@/lib/domain';
import { importLimits, parseLimits } from '@/lib/env';
import { query, queryOn, withWriteTransaction, type Db } from '@/lib/db/client';
import { loadUnitResolverOn } from '@/lib/units/load';
import type { UnitResolver } from '@/lib/units/resolve';
import { saveUnitReadings } from '@/lib/units/readings';
import { applyHeaderOverrides, headerMapping } from '@/etl/detect/table';
import { IssueLog } from '@/etl/normalise/issues';
import { fieldLabel } from '@/lib/datasets';
import { createProcessor } from '@/etl/datasets';
import { storageFailureMessage } from '@/lib/db/storage-errors';
import type { DatasetContext, DatasetProcessor } from '@/etl/datasets/types';
import { openByteSource } from '@/etl/read/zip';
import { changedMessage, changedSince, expectationFailure, stampOf } from '@/etl/read/integrity';

/**
 * The import pipeline, shared by the CLI and the upload page:
 * read → find the table → map headers → normalise → validate → load (all or nothing).
 */

export type { FileMeta, OpenedLike, SheetLike } from './opened';
import { emptyResult, type FileMeta, type OpenedLike } from './opened';
import { chooseTable, closeIterator, periodAndBloc } from './choose-table';
import { BodyRows } from './body-rows';

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

async function findLoadedBatchBySha(db: Db, sha256: string): Promise<number | null> {
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
    const rejected = rejectionOf(err);
    if (rejected) return emptyResult(meta, { errors: [rejected] });
    throw err;
  }
  try {
    return await importOpened(db, opened, meta, options, input);
  } catch (err) {
    // The reader also refuses while the sheets are peeked (too many columns, a huge cell):
    // that is a rejected file, not a failure of the import.
    const rejected = rejectionOf(err);
    if (rejected) return emptyResult(meta, { errors: [rejected] });
    // Disk full or a read-only directory: the transaction rolled back, say so plainly.
    const storage = storageFailureMessage(err);
    if (storage) return emptyResult(meta, { errors: [{ row: null, column: null, message: storage, severity: 'error', code: 'storage' }] });
    throw err;
  } finally {
    await opened.close?.();
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

  const chosen = await chooseTable(conn, opened, meta, options, issues);
  if ('result' in chosen) return chosen.result;
  const { pick, bulkTable } = chosen;
  const table = pick.table!;
  applyHeaderOverrides(table, options.headerOverrides);
  const dataset = table.dataset;

  const context = periodAndBloc(table, options);
  if ('error' in context) return emptyResult(meta, { dataset, errors: [context.error] });
  const { period, blocName } = context;

  const mapping = headerMapping(table);
  const units = await loadUnitResolverOn(conn);
  const processor = processorFor({ table, issues, units, period, blocName });

  options.onProgress?.({ phase: 'read', done: 0 });
  const body = new BodyRows(processor, options.onProgress);
  await processor.begin?.(conn);
  try {
    await body.read(conn, { pick, table, bulkTable }, options.signal);
  } catch (err) {
    await closeIterator(pick.iterator);
    const rejected = rejectionOf(err);
    if (rejected) return emptyResult(meta, { dataset, sheet: pick.sheet.name, headerMapping: mapping, errors: [rejected] });
    throw err;
  }
  // Reading may have found the file's real encoding (a CSV checked past its first megabyte).
  for (const note of opened.notes) if (!notesSeen.has(note)) issues.warning(null, null, note, 'reader_note');
  options.onProgress?.({ phase: 'validate', done: Math.max(body.seen, processor.rowCount) });
  await processor.finish(conn);

  const base = {
    dataset,
    sheet: pick.sheet.name,
    period: dataset === 'units' ? null : (processor.resolvedPeriod?.() ?? period?.id ?? null),
    bloc: dataset === 'scores' ? (processor.resolvedBloc?.() ?? blocName) : null,
    headerMapping: mapping,
    preview: processor.preview(20),
    unitReadings: units.readings(),
  };
  const headerRow = pick.head[table.headerIndex]?.rowNumber ?? '?';
  return concludeImport(db, conn, { meta, options, input, processor, issues, base, sheetName: pick.sheet.name }, headerRow);
}

/** The dataset's processor; its messages name a column as the file's header does, else by the field's label. */
function processorFor(ctx: Omit<DatasetContext, 'titleLines' | 'columnName'>): DatasetProcessor {
  const { table } = ctx;
  const dataset = table.dataset;
  return createProcessor(dataset, {
    ...ctx,
    titleLines: table.titleLines,
    columnName: (field) => {
      const c = table.fieldColumns.get(field);
      if (c === undefined) return fieldLabel(dataset, field);
      return table.columns[c].text || table.columns[c].letter;
    },
  });
}

/** The reader refused the file (too many columns, a huge cell…): its message, as the file's error. */
function rejectionOf(err: unknown): ImportIssue | null {
  const e = err as Error & { code?: string };
  if (!e || e.name !== 'FileRejectedError') return null;
  return { row: null, column: null, message: e.message, severity: 'error', code: e.code ?? 'file_rejected' };
}

/** An import whose rows are all checked: what it takes to report on it or store it. */
interface CheckedImport {
  meta: FileMeta;
  options: ImportOptions;
  input?: { path: string } | { bytes: Buffer };
  processor: DatasetProcessor;
  issues: IssueLog;
  base: Partial<ImportResult> & { dataset: Dataset; period: string | null; unitReadings: ReturnType<UnitResolver['readings']> };
  sheetName: string;
}

/** After the checks: the file's errors, a dry run's report, or the batch stored. */
async function concludeImport(db: Db, conn: DuckDBConnection, job: CheckedImport, headerRow: number | string): Promise<ImportResult> {
  const { meta, options, input, processor, issues, base, sheetName } = job;
  if (!issues.hasErrors && processor.rowCount === 0) {
    issues.error(null, null, `Trang «${sheetName}» có dòng tiêu đề cột nhưng không có dòng dữ liệu nào. Hãy điền dữ liệu dưới dòng tiêu đề (dòng ${headerRow}) rồi tải lên lại.`, 'no_data');
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
  return commitBatch(db, conn, job);
}

/** Load: the batch row and its facts commit together, or nothing does. */
async function commitBatch(db: Db, conn: DuckDBConnection, job: CheckedImport): Promise<ImportResult> {
  const { meta, options, input, processor, issues, base, sheetName } = job;
  const dataset = base.dataset;
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
        { file: options.fileName, sha: meta.sha256, size: meta.size, dataset, by: options.importedBy, sheet: sheetName, period: base.period },
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

export { listBatches, undoBatch, UndoError } from './batches';
