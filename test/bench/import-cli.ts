/**
 * The shipped command against one DuckDB process, both timed from spawn to exit (process
 * start included): `node dist/thidua.js etl import FILE.csv --db STORE` on a store that already holds the
 * units, and a fresh `node` process that opens a store on disk and runs
 * CREATE TABLE … AS SELECT * FROM read_csv(FILE) (closing it checkpoints, as the CLI does).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatNumber } from '@/lib/format';
import { ensureBenchFiles } from './generate-data';

const BASELINE = `
const [file, db] = process.argv.slice(1);
const { DuckDBInstance } = await import('@duckdb/node-api');
const instance = await DuckDBInstance.create(db);
const conn = await instance.connect();
await conn.run('CREATE TABLE activities_raw AS SELECT * FROM read_csv($p, header = true)', { p: file });
const n = (await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM activities_raw')).getRowObjectsJson()[0].n;
conn.closeSync();
instance.closeSync();
console.log(JSON.stringify({ rows: n }));
`;

interface Timed {
  seconds: number;
  rows: number;
  ok: boolean;
  detail: string;
}

function timed(args: string[]): { seconds: number; stdout: string; stderr: string; code: number | null } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { seconds: (performance.now() - t0) / 1000, stdout: r.stdout, stderr: r.stderr, code: r.status };
}

function lastJson(s: string): Record<string, unknown> | null {
  try {
    return JSON.parse(s.trim().split('\n').at(-1) ?? '');
  } catch {
    return null;
  }
}

function fresh(db: string): void {
  for (const f of [db, `${db}.wal`]) fs.rmSync(f, { force: true });
}

function baseline(file: string, db: string): Timed {
  fresh(db);
  const r = timed(['--input-type=module', '-e', BASELINE, file, db]);
  const out = lastJson(r.stdout);
  return { seconds: r.seconds, rows: Number(out?.rows ?? 0), ok: r.code === 0 && !!out, detail: r.stderr.slice(-500) };
}

function cli(file: string, db: string, seed: string): Timed {
  fresh(db);
  fs.copyFileSync(seed, db);
  const r = timed(['dist/thidua.js', 'etl', 'import', file, '--db', db, '--json']);
  const out = lastJson(r.stdout);
  return { seconds: r.seconds, rows: Number(out?.rowsLoaded ?? 0), ok: out?.status === 'loaded', detail: out ? JSON.stringify(out.errors ?? []).slice(0, 500) : r.stderr.slice(-500) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export async function benchCli(dir: string, rows: number, runs: number): Promise<void> {
  if (!fs.existsSync('dist/thidua.js')) throw new Error('Thiếu dist/thidua.js: hãy chạy «npm run build:node».');
  const files = await ensureBenchFiles(dir, rows, 1000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-bench-cli-'));
  try {
    const seed = path.join(tmp, 'seed.duckdb');
    const units = timed(['dist/thidua.js', 'etl', 'import', files.units, '--db', seed, '--json']);
    if (lastJson(units.stdout)?.status !== 'loaded') throw new Error(`Không nhập được đơn vị: ${units.stdout}${units.stderr}`);
    console.log(`\nLệnh CLI so với một tiến trình DuckDB (tính cả khởi động), ${formatNumber(rows)} dòng (${formatNumber(fs.statSync(files.activities).size / 1024 ** 2, 1)} MB):`);
    const b: number[] = [];
    const c: number[] = [];
    for (let i = 0; i < runs; i++) {
      const base = baseline(files.activities, path.join(tmp, 'base.duckdb'));
      const run = cli(files.activities, path.join(tmp, 'cli.duckdb'), seed);
      if (!base.ok || base.rows !== rows) throw new Error(`DuckDB: ${base.rows} dòng ${base.detail}`);
      if (!run.ok || run.rows !== rows) throw new Error(`CLI: ${run.rows} dòng ${run.detail}`);
      b.push(base.seconds);
      c.push(run.seconds);
      console.log(`  lần ${i + 1}: node + DuckDB read_csv ${formatNumber(base.seconds, 2)} s, npm run etl -- import ${formatNumber(run.seconds, 2)} s`);
    }
    const ratio = median(c) / median(b);
    console.log(`  Trung vị ${runs} lần: DuckDB ${formatNumber(median(b), 2)} s, CLI ${formatNumber(median(c), 2)} s — tỉ lệ ${formatNumber(ratio, 2)}× (mục tiêu ≤ 3×)`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
