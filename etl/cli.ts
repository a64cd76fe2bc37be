/**
 * Import CLI (DESIGN.md "Import CLI"):
 *   npm run -s etl -- import FILE [--dataset units|activities|awards|scores] [--period P] [--bloc NAME]
 *                               [--sheet NAME] [--db PATH] [--dry-run] [--json] [--size BYTES] [--sha256 HEX]
 *   npm run -s etl -- batches [--json] [--db PATH]
 *   npm run -s etl -- undo BATCH_ID [--db PATH]
 *   npm run -s etl -- export DATASET --format csv|xlsx|parquet|arrow [--period P] [--db PATH]
 * Exit codes: 0 loaded / duplicate / valid dry run, 1 rejected (or the database is busy), 2 wrong usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DATASETS, DATASET_LABELS, type Dataset } from '@/lib/domain';
import { DatabaseLockedError, openDb, type Db } from '@/lib/db/client';
import { parsePeriod } from '@/lib/periods';
import { formatNumber } from '@/lib/format';
import { importFile, listBatches, undoBatch, UndoError } from './pipeline';
import { EXPORTABLE, type Exportable } from './export/datasets';
import type { ExportFormat } from './export/write';
import type { ImportResult } from '@/lib/import/types';
import { groupIssues } from '@/lib/units/group-issues';
import { readingLine } from '@/lib/units/messages';

class UsageError extends Error {}

const USAGE = `Cách dùng:
  npm run -s etl -- import TỆP [--dataset units|activities|awards|scores] [--period 2022|2022-H1|2022-Q3|2022-07]
                              [--bloc "TÊN KHỐI"] [--sheet "TÊN TRANG"] [--db ĐƯỜNG_DẪN] [--dry-run] [--json]
                              [--size SỐ_BYTE] [--sha256 MÃ]   (kiểm tra tệp đủ và đúng, như khi tải lên)
  npm run -s etl -- batches [--json] [--db ĐƯỜNG_DẪN]
  npm run -s etl -- undo MÃ_LẦN_NHẬP [--db ĐƯỜNG_DẪN]
  npm run -s etl -- export ${EXPORTABLE.join('|')} --format csv|xlsx|parquet|arrow [--period P] [--db ĐƯỜNG_DẪN]`;

interface Parsed {
  command: string;
  positionals: string[];
  flags: Record<string, string | true>;
}

const VALUE_FLAGS = new Set(['dataset', 'period', 'bloc', 'sheet', 'db', 'format', 'by', 'size', 'sha256']);
const BOOL_FLAGS = new Set(['dry-run', 'json']);
const ALLOWED: Record<string, string[]> = {
  import: ['dataset', 'period', 'bloc', 'sheet', 'db', 'dry-run', 'json', 'by', 'size', 'sha256'],
  batches: ['json', 'db'],
  undo: ['db', 'json', 'by'],
  export: ['format', 'period', 'db'],
};

function parseArgs(argv: string[]): Parsed {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') throw new UsageError('');
  if (!ALLOWED[command]) throw new UsageError(`Lệnh không hợp lệ: «${command}».`);
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (!ALLOWED[command].includes(name)) throw new UsageError(`Tùy chọn không hợp lệ cho lệnh «${command}»: «--${name}».`);
      if (VALUE_FLAGS.has(name)) {
        const value = eq > 0 ? a.slice(eq + 1) : rest[++i];
        if (value === undefined || value === '') throw new UsageError(`Thiếu giá trị cho «--${name}».`);
        flags[name] = value;
      } else if (BOOL_FLAGS.has(name)) flags[name] = true;
    } else positionals.push(a);
  }
  return { command, positionals, flags };
}

function str(flags: Parsed['flags'], name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

async function open(flags: Parsed['flags']): Promise<Db> {
  const file = str(flags, 'db') ?? process.env.THIDUA_DB ?? 'data/thidua.duckdb';
  return openDb(file === ':memory:' ? file : path.resolve(file));
}

async function checkpoint(db: Db): Promise<void> {
  const conn = await db.connect();
  try {
    await conn.run('CHECKPOINT');
  } finally {
    conn.closeSync();
  }
}

function printHuman(r: ImportResult, dryRun: boolean): void {
  const label = r.dataset ? DATASET_LABELS[r.dataset] : 'không rõ';
  const where = [r.sheet ? `trang «${r.sheet}»` : null, r.period ? `kỳ ${r.period}` : null, r.bloc ? `khối «${r.bloc}»` : null].filter(Boolean).join(', ');
  switch (r.status) {
    case 'loaded':
      console.log(`Đã nhập xong, lần nhập #${r.batchId}: ${formatNumber(r.rowsLoaded)} dòng ${label}${where ? ` (${where})` : ''}.`);
      if (r.rowsSkipped) console.log(`Bỏ qua ${formatNumber(r.rowsSkipped)} dòng đã có từ lần nhập khác (không tính hai lần).`);
      break;
    case 'validated':
      console.log(`Kiểm tra xong (chạy thử, chưa ghi gì): ${formatNumber(r.rowsLoaded)} dòng ${label} hợp lệ${where ? ` (${where})` : ''}.`);
      break;
    case 'duplicate':
      console.log(`Tệp này đã được nhập trước đây (lần nhập #${r.duplicateOf}); không nhập lại.`);
      break;
    case 'rejected':
      console.log(`Tệp bị từ chối${dryRun ? ' (chạy thử)' : ''}: ${formatNumber(r.errors.length)} lỗi. Không có dữ liệu nào được ghi.`);
      for (const g of groupIssues(r.errors)) console.log(`  • ${g.line}`);
      break;
  }
  if (r.warnings.length && r.status !== 'duplicate') {
    const groups = groupIssues(r.warnings);
    console.log(`Cảnh báo (${formatNumber(r.warnings.length)}):`);
    for (const g of groups.slice(0, 50)) console.log(`  • ${g.line}`);
    if (groups.length > 50) console.log(`  … và ${formatNumber(groups.length - 50)} nhóm cảnh báo khác.`);
  }
  const readings = r.status === 'duplicate' ? [] : (r.unitReadings ?? []);
  if (readings.length) {
    console.log(`Cách đọc tên đơn vị (${formatNumber(readings.length)}):`);
    for (const x of readings.slice(0, 50)) console.log(`  • ${readingLine(x)}`);
    if (readings.length > 50) console.log(`  … và ${formatNumber(readings.length - 50)} tên khác.`);
  }
}

async function runImport(p: Parsed): Promise<number> {
  const file = p.positionals[0];
  if (!file || p.positionals.length > 1) throw new UsageError('Lệnh import cần đúng một tệp.');
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`Không tìm thấy tệp «${file}».`);
  const dataset = str(p.flags, 'dataset');
  if (dataset && !(DATASETS as readonly string[]).includes(dataset)) throw new UsageError(`--dataset phải là một trong: ${DATASETS.join(', ')}.`);
  const period = str(p.flags, 'period');
  if (period && !parsePeriod(period)) throw new UsageError(`Kỳ «${period}» không hợp lệ. Hãy ghi dạng 2022, 2022-H1, 2022-Q3 hoặc 2022-07.`);
  const size = str(p.flags, 'size');
  if (size !== undefined && !/^\d+$/.test(size)) throw new UsageError('--size phải là số byte của tệp (một số nguyên).');
  const sha256 = str(p.flags, 'sha256');
  if (sha256 !== undefined && !/^[0-9a-fA-F]{64}$/.test(sha256)) throw new UsageError('--sha256 phải là mã SHA-256 của tệp (64 ký tự thập lục phân).');
  const json = p.flags.json === true;
  const dryRun = p.flags['dry-run'] === true;
  const db = await open(p.flags);
  const result = await importFile(db, { path: file }, {
    fileName: path.basename(file),
    importedBy: str(p.flags, 'by') ?? 'cli',
    dataset: dataset as Dataset | undefined,
    period,
    bloc: str(p.flags, 'bloc'),
    sheet: str(p.flags, 'sheet'),
    dryRun,
    expected: { size: size === undefined ? undefined : Number(size), sha256 },
  });
  // The store file alone then holds the batch (no write-ahead log left beside it).
  if (result.status === 'loaded') await checkpoint(db);
  if (json) {
    const out = {
      status: result.status,
      dataset: result.dataset,
      batchId: result.batchId,
      rowsLoaded: result.rowsLoaded,
      rowsSkipped: result.rowsSkipped,
      errors: result.errors.map((e) => ({ row: e.row, column: e.column, message: e.message })),
      warnings: result.warnings.map((w) => ({ row: w.row, column: w.column, message: w.message })),
      sheet: result.sheet,
      period: result.period,
      bloc: result.bloc,
      sha256: result.sha256,
      ...(result.duplicateOf !== undefined ? { duplicateOf: result.duplicateOf } : {}),
      unitReadings: (result.unitReadings ?? []).map((r) => ({ text: r.text, unitId: r.unitId, unitName: r.unitName, rule: r.rule })),
    };
    process.stdout.write(JSON.stringify(out) + '\n');
  } else printHuman(result, dryRun);
  return result.status === 'rejected' ? 1 : 0;
}

async function runBatches(p: Parsed): Promise<number> {
  const db = await open(p.flags);
  const batches = await listBatches(db);
  if (p.flags.json === true) {
    process.stdout.write(JSON.stringify(batches) + '\n');
    return 0;
  }
  if (!batches.length) {
    console.log('Chưa có lần nhập nào.');
    return 0;
  }
  for (const b of batches) {
    const status = b.status === 'loaded' ? 'đã nhập' : `đã hủy${b.undone_by ? ` (bởi ${b.undone_by})` : ''}`;
    console.log(
      `#${b.batch_id}  ${b.imported_at}  ${DATASET_LABELS[b.dataset]}  «${b.file_name}»  ${formatNumber(b.rows_loaded)} dòng` +
        `${b.rows_skipped ? `, bỏ qua ${formatNumber(b.rows_skipped)}` : ''}${b.period ? `  kỳ ${b.period}` : ''}  ${status}  (${b.imported_by})`,
    );
  }
  return 0;
}

async function runUndo(p: Parsed): Promise<number> {
  const id = p.positionals[0];
  if (!id || !/^\d+$/.test(id) || p.positionals.length > 1) throw new UsageError('Lệnh undo cần mã lần nhập (một số), ví dụ: undo 12.');
  const db = await open(p.flags);
  try {
    const r = await undoBatch(db, Number(id), str(p.flags, 'by') ?? 'cli');
    await checkpoint(db);
    if (p.flags.json === true) process.stdout.write(JSON.stringify({ status: 'undone', batchId: r.batchId, rowsRemoved: r.rowsRemoved }) + '\n');
    else console.log(`Đã hủy lần nhập #${r.batchId}: gỡ ${formatNumber(r.rowsRemoved)} dòng khỏi dữ liệu.`);
    return 0;
  } catch (err) {
    if (err instanceof UndoError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

async function runExport(p: Parsed): Promise<number> {
  const dataset = p.positionals[0];
  if (!dataset || !(EXPORTABLE as readonly string[]).includes(dataset) || p.positionals.length > 1) {
    throw new UsageError(`Lệnh export cần một loại dữ liệu: ${EXPORTABLE.join(', ')}.`);
  }
  const format = str(p.flags, 'format');
  // Loaded here only: the spreadsheet and Arrow writers take long to load, and an import needs neither.
  const { EXPORT_FORMATS, writeExport } = await import('./export/write');
  if (!format || !(EXPORT_FORMATS as string[]).includes(format)) throw new UsageError('--format phải là csv, xlsx, parquet hoặc arrow.');
  const periodText = str(p.flags, 'period');
  const period = periodText ? parsePeriod(periodText) : null;
  if (periodText && !period) throw new UsageError(`Kỳ «${periodText}» không hợp lệ. Hãy ghi dạng 2022, 2022-H1, 2022-Q3 hoặc 2022-07.`);
  const db = await open(p.flags);
  await writeExport(db, dataset as Exportable, format as ExportFormat, period, process.stdout);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
    switch (parsed.command) {
      case 'import':
        return await runImport(parsed);
      case 'batches':
        return await runBatches(parsed);
      case 'undo':
        return await runUndo(parsed);
      case 'export':
        return await runExport(parsed);
    }
    throw new UsageError(`Lệnh không hợp lệ: «${parsed.command}».`);
  } catch (err) {
    if (err instanceof UsageError) {
      if (err.message) console.error(err.message);
      console.error(USAGE);
      return 2;
    }
    if (err instanceof DatabaseLockedError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // Let stdout drain (large exports) before leaving.
    process.stdout.write('', () => process.exit(code));
  },
  (err) => {
    console.error(`Lỗi: ${(err as Error)?.stack ?? err}`);
    process.exit(1);
  },
);
