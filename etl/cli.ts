/**
 * The `etl` subcommand of the command-line program (scripts/cli/thidua.ts):
 *   npm run -s etl -- import FILE [--dataset units|activities|awards|scores] [--period P] [--bloc NAME]
 *                               [--sheet NAME] [--db PATH] [--dry-run] [--json] [--size BYTES] [--sha256 HEX]
 *   npm run -s etl -- batches [--json] [--db PATH]
 *   npm run -s etl -- undo BATCH_ID [--db PATH]
 *   npm run -s etl -- export DATASET --format csv|xlsx|parquet|arrow [--period P] [--db PATH]
 * Exit codes (lib/command-line.ts): 0 loaded / duplicate / valid dry run, 1 rejected (or the store
 * is busy), 2 wrong usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DATASETS, DATASET_LABELS, type Dataset } from '@/lib/domain';
import { openDb, type Db } from '@/lib/db/client';
import { dbPath } from '@/lib/env';
import { parsePeriod } from '@/lib/periods';
import { formatNumber } from '@/lib/format';
import { DB_OPTION, EXIT, UsageError, defineCommand, type OptionValues } from '@/lib/command-line';
import { importFile, listBatches, undoBatch, UndoError } from './pipeline';
import { EXPORTABLE, type Exportable } from './export/datasets';
import type { ExportFormat } from './export/write';
import type { ImportResult } from '@/lib/import/types';
import { groupIssues } from '@/lib/units/group-issues';
import { readingLine } from '@/lib/units/messages';

const USAGE = `  npm run -s etl -- import TỆP [--dataset units|activities|awards|scores] [--period 2022|2022-H1|2022-Q3|2022-07]
                              [--bloc "TÊN KHỐI"] [--sheet "TÊN TRANG"] [--db ĐƯỜNG_DẪN] [--dry-run] [--json]
                              [--size SỐ_BYTE] [--sha256 MÃ]   (kiểm tra tệp đủ và đúng, như khi tải lên)
  npm run -s etl -- batches [--json] [--db ĐƯỜNG_DẪN]
  npm run -s etl -- undo MÃ_LẦN_NHẬP [--db ĐƯỜNG_DẪN]
  npm run -s etl -- export ${EXPORTABLE.join('|')} --format csv|xlsx|parquet|arrow [--period P] [--db ĐƯỜNG_DẪN]`;

const OPTIONS = {
  ...DB_OPTION,
  dataset: { type: 'string' },
  period: { type: 'string' },
  bloc: { type: 'string' },
  sheet: { type: 'string' },
  format: { type: 'string' },
  /** Who imports (recorded with the batch); `cli` when absent. */
  by: { type: 'string' },
  size: { type: 'string' },
  sha256: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

type Values = OptionValues<typeof OPTIONS>;

async function open(values: Values): Promise<Db> {
  return openDb(dbPath(values.db));
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

async function runImport(values: Values, positionals: string[]): Promise<number> {
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('Lệnh import cần đúng một tệp.');
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`Không tìm thấy tệp «${file}».`);
  const dataset = values.dataset;
  if (dataset && !(DATASETS as readonly string[]).includes(dataset)) throw new UsageError(`--dataset phải là một trong: ${DATASETS.join(', ')}.`);
  const period = values.period;
  if (period && !parsePeriod(period)) throw new UsageError(`Kỳ «${period}» không hợp lệ. Hãy ghi dạng 2022, 2022-H1, 2022-Q3 hoặc 2022-07.`);
  const size = values.size;
  if (size !== undefined && !/^\d+$/.test(size)) throw new UsageError('--size phải là số byte của tệp (một số nguyên).');
  const sha256 = values.sha256;
  if (sha256 !== undefined && !/^[0-9a-fA-F]{64}$/.test(sha256)) throw new UsageError('--sha256 phải là mã SHA-256 của tệp (64 ký tự thập lục phân).');
  const json = values.json === true;
  const dryRun = values['dry-run'] === true;
  const db = await open(values);
  const result = await importFile(db, { path: file }, {
    fileName: path.basename(file),
    importedBy: values.by ?? 'cli',
    dataset: dataset as Dataset | undefined,
    period,
    bloc: values.bloc,
    sheet: values.sheet,
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
  return result.status === 'rejected' ? EXIT.failed : EXIT.ok;
}

async function runBatches(values: Values): Promise<number> {
  const db = await open(values);
  const batches = await listBatches(db);
  if (values.json === true) {
    process.stdout.write(JSON.stringify(batches) + '\n');
    return EXIT.ok;
  }
  if (!batches.length) {
    console.log('Chưa có lần nhập nào.');
    return EXIT.ok;
  }
  for (const b of batches) {
    const status = b.status === 'loaded' ? 'đã nhập' : `đã hủy${b.undone_by ? ` (bởi ${b.undone_by})` : ''}`;
    console.log(
      `#${b.batch_id}  ${b.imported_at}  ${DATASET_LABELS[b.dataset]}  «${b.file_name}»  ${formatNumber(b.rows_loaded)} dòng` +
        `${b.rows_skipped ? `, bỏ qua ${formatNumber(b.rows_skipped)}` : ''}${b.period ? `  kỳ ${b.period}` : ''}  ${status}  (${b.imported_by})`,
    );
  }
  return EXIT.ok;
}

async function runUndo(values: Values, positionals: string[]): Promise<number> {
  const id = positionals[0];
  if (!id || !/^\d+$/.test(id) || positionals.length > 1) throw new UsageError('Lệnh undo cần mã lần nhập (một số), ví dụ: undo 12.');
  const db = await open(values);
  // An UndoError (already undone, unknown batch) is a refusal: the command's handler prints it.
  const r = await undoBatch(db, Number(id), values.by ?? 'cli');
  await checkpoint(db);
  if (values.json === true) process.stdout.write(JSON.stringify({ status: 'undone', batchId: r.batchId, rowsRemoved: r.rowsRemoved }) + '\n');
  else console.log(`Đã hủy lần nhập #${r.batchId}: gỡ ${formatNumber(r.rowsRemoved)} dòng khỏi dữ liệu.`);
  return EXIT.ok;
}

async function runExport(values: Values, positionals: string[]): Promise<number> {
  const dataset = positionals[0];
  if (!dataset || !(EXPORTABLE as readonly string[]).includes(dataset) || positionals.length > 1) {
    throw new UsageError(`Lệnh export cần một loại dữ liệu: ${EXPORTABLE.join(', ')}.`);
  }
  const format = values.format;
  // Loaded here only: the spreadsheet and Arrow writers take long to load, and an import needs neither.
  const { EXPORT_FORMATS, writeExport } = await import('./export/write');
  if (!format || !(EXPORT_FORMATS as string[]).includes(format)) throw new UsageError('--format phải là csv, xlsx, parquet hoặc arrow.');
  const periodText = values.period;
  const period = periodText ? parsePeriod(periodText) : null;
  if (periodText && !period) throw new UsageError(`Kỳ «${periodText}» không hợp lệ. Hãy ghi dạng 2022, 2022-H1, 2022-Q3 hoặc 2022-07.`);
  const db = await open(values);
  await writeExport(db, dataset as Exportable, format as ExportFormat, period, process.stdout);
  return EXIT.ok;
}

/** Each verb with the options it takes (any other is wrong usage). */
const VERBS: Record<string, { options: (keyof Values)[]; run: (values: Values, positionals: string[]) => Promise<number> }> = {
  import: { options: ['dataset', 'period', 'bloc', 'sheet', 'db', 'dry-run', 'json', 'by', 'size', 'sha256'], run: runImport },
  batches: { options: ['json', 'db'], run: runBatches },
  undo: { options: ['db', 'json', 'by'], run: runUndo },
  export: { options: ['format', 'period', 'db'], run: runExport },
};

export const command = defineCommand({
  usage: USAGE,
  options: OPTIONS,
  refusals: [UndoError],
  async run(values, positionals) {
    const [verb, ...rest] = positionals;
    if (!verb) throw new UsageError('');
    if (!Object.hasOwn(VERBS, verb)) throw new UsageError(`Lệnh không hợp lệ: «${verb}».`);
    for (const [name, value] of Object.entries(values)) {
      if (value !== undefined && !VERBS[verb].options.includes(name as keyof Values)) {
        throw new UsageError(`Tùy chọn không hợp lệ cho lệnh «${verb}»: «--${name}».`);
      }
    }
    return VERBS[verb].run(values, rest);
  },
});
