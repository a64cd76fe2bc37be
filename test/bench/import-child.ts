/**
 * One measured import, run in its own process so its peak RSS is its own:
 *
 *   npx tsx test/bench/import-child.ts baseline FILE.csv DB
 *   npx tsx test/bench/import-child.ts pipeline FILE DB UNITS.csv
 *
 * Prints one JSON line: { mode, status, rows, seconds, maxRssMB, errors }.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDb, query } from '@/lib/db/client';
import { importFile } from '@/etl/pipeline';

function maxRssMB(): number {
  // resourceUsage().maxRSS is in kilobytes on Linux.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function baseline(file: string, db: string) {
  const instance = await DuckDBInstance.create(db);
  const conn = await instance.connect();
  const t0 = performance.now();
  await conn.run('CREATE TABLE activities_raw AS SELECT * FROM read_csv($p, header = true)', { p: file });
  const seconds = (performance.now() - t0) / 1000;
  const rows = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM activities_raw')).getRowObjectsJson()[0].n);
  conn.closeSync();
  instance.closeSync();
  return { mode: 'baseline', status: 'loaded', rows, seconds, maxRssMB: maxRssMB(), errors: [] as string[] };
}

async function pipeline(file: string, db: string, units: string) {
  const instance = await openDb(db);
  const u = await importFile(instance, { path: units }, { fileName: path.basename(units), importedBy: 'bench' });
  if (u.status !== 'loaded' && u.status !== 'duplicate') throw new Error(`units: ${u.status} ${JSON.stringify(u.errors.slice(0, 3))}`);
  const rssBefore = maxRssMB();
  const t0 = performance.now();
  const r = await importFile(instance, { path: file }, { fileName: path.basename(file), importedBy: 'bench' });
  const seconds = (performance.now() - t0) / 1000;
  // The generated activities end their title with "đợt N", N = row number - 1: every stored row
  // must carry the row number it has in the file (the bulk reader keeps file order).
  const misplaced = file.endsWith('.csv')
    ? Number((await query<{ n: number }>(instance, `SELECT count(*)::INTEGER AS n FROM activities WHERE NOT suffix(title, ' ' || (source_row - 1)::VARCHAR)`))[0].n)
    : 0;
  instance.closeSync();
  return {
    mode: 'pipeline',
    status: misplaced ? `${misplaced} rows misplaced` : r.status,
    rows: r.rowsLoaded,
    seconds,
    maxRssMB: maxRssMB(),
    rssBeforeMB: rssBefore,
    errors: r.errors.slice(0, 5).map((e) => e.message),
  };
}

const [mode, file, db, units] = process.argv.slice(2);
fs.rmSync(db, { force: true });
fs.rmSync(`${db}.wal`, { force: true });
const run = mode === 'baseline' ? baseline(file, db) : pipeline(file, db, units);
run.then(
  (r) => {
    console.log(JSON.stringify(r));
    fs.rmSync(db, { force: true });
    fs.rmSync(`${db}.wal`, { force: true });
    process.exit(0);
  },
  (err) => {
    console.log(JSON.stringify({ mode, status: 'crashed', rows: 0, seconds: 0, maxRssMB: maxRssMB(), errors: [String((err as Error)?.stack ?? err)] }));
    process.exit(1);
  },
);
