/**
 * Loads the sample data into the database: `npm run sample:load [-- --db PATH]` (default
 * THIDUA_DB), the `sample-load` subcommand of the command-line program (scripts/cli/thidua.ts). Every file of data/sample/ (not its subfolders) goes through the same import
 * pipeline as an upload — units first, then activities, awards, scores — with no flags: the
 * dataset, period and bloc come from the files themselves. A file already loaded is reported
 * as a duplicate; a rejected file stops the run with exit code 1 and its errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Dataset } from '@/lib/domain';
import { DATASET_LABELS } from '@/lib/domain';
import { dbPath } from '@/lib/env';
import { formatNumber } from '@/lib/format';
import { openDb, type Db } from '@/lib/db/client';
import { DB_OPTION, EXIT, UsageError, defineCommand } from '@/lib/command-line';
import { importFile } from '@/etl/pipeline';
import type { ImportResult } from '@/lib/import/types';

export const SAMPLE_DIR = path.resolve(import.meta.dirname, '../data/sample');

/** Files are named by what they hold; this order lets facts find their units and blocs. */
const ORDER: [RegExp, Dataset][] = [
  [/^don-vi/, 'units'],
  [/^hoat-dong/, 'activities'],
  [/^khen-thuong/, 'awards'],
  [/^cham-diem/, 'scores'],
];

export function sampleFilesInOrder(dir = SAMPLE_DIR): { file: string; dataset: Dataset }[] {
  const names = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile() && /\.(xlsx|csv|txt)$/i.test(d.name));
  const out: { file: string; dataset: Dataset }[] = [];
  for (const [pattern, dataset] of ORDER) {
    for (const d of names.filter((n) => pattern.test(n.name)).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ file: path.join(dir, d.name), dataset });
    }
  }
  const unknown = names.filter((n) => !ORDER.some(([p]) => p.test(n.name)));
  if (unknown.length) throw new Error(`Tệp mẫu không rõ loại dữ liệu: ${unknown.map((n) => n.name).join(', ')}`);
  return out;
}

function summaryLine(file: string, r: ImportResult): string {
  const name = path.basename(file);
  const what = r.dataset ? DATASET_LABELS[r.dataset].toLowerCase() : 'không rõ loại dữ liệu';
  // Period and bloc matter for score sheets; elsewhere they are incidental words of the title.
  const extra = r.dataset === 'scores' ? [r.period ? `kỳ ${r.period}` : '', r.bloc ?? ''].filter(Boolean).join(', ') : '';
  switch (r.status) {
    case 'loaded':
      return `✓ ${name}: đã nhập ${formatNumber(r.rowsLoaded)} dòng ${what}${extra ? ` (${extra})` : ''}, lần nhập #${r.batchId}` +
        (r.rowsSkipped ? `, bỏ qua ${formatNumber(r.rowsSkipped)} dòng đã có` : '') +
        (r.warnings.length ? `, ${formatNumber(r.warnings.length)} cảnh báo` : '') + '.';
    case 'duplicate':
      return `= ${name}: tệp đã được nhập trước đó (lần nhập #${r.duplicateOf ?? r.batchId}), không nhập lại.`;
    case 'validated':
      return `✓ ${name}: hợp lệ (chạy thử), ${formatNumber(r.rowsLoaded)} dòng ${what}.`;
    case 'rejected':
      return `✗ ${name}: bị từ chối, ${formatNumber(r.errors.length)} lỗi.`;
  }
}

/** Imports every sample file; returns the results in order (stops at the first rejection). */
export async function loadSample(db: Db, log: (line: string) => void = () => {}, dir = SAMPLE_DIR): Promise<{ file: string; result: ImportResult }[]> {
  const out: { file: string; result: ImportResult }[] = [];
  for (const { file } of sampleFilesInOrder(dir)) {
    const result = await importFile(db, { path: file }, { fileName: path.basename(file), importedBy: 'sample' });
    out.push({ file, result });
    log(summaryLine(file, result));
    if (result.status === 'rejected') break;
  }
  return out;
}

export const command = defineCommand({
  usage: '  npm run -s sample:load [-- --db ĐƯỜNG_DẪN]   nhập mọi tệp của data/sample/ (không nhập thư mục con)',
  options: DB_OPTION,
  async run(values, positionals) {
    if (positionals.length) throw new UsageError(`Tham số không hợp lệ: ${positionals[0]}`);
    const file = dbPath(values.db);
    const db = await openDb(file);
    try {
      console.log(`Nhập dữ liệu mẫu vào ${file}`);
      const results = await loadSample(db, (line) => console.log(line));
      const rejected = results.find((r) => r.result.status === 'rejected');
      if (rejected) {
        for (const e of rejected.result.errors.slice(0, 50)) {
          console.error(`  ${e.row !== null ? `dòng ${e.row}` : 'tệp'}${e.column ? `, cột «${e.column}»` : ''}: ${e.message}`);
        }
        if (rejected.result.errors.length > 50) console.error(`  … và ${rejected.result.errors.length - 50} lỗi khác`);
        return EXIT.failed;
      }
      const loaded = results.filter((r) => r.result.status === 'loaded');
      console.log(`Xong: ${loaded.length} tệp được nhập, ${results.length - loaded.length} tệp đã có sẵn.`);
      return EXIT.ok;
    } finally {
      db.closeSync();
    }
  },
});
