/**
 * Import throughput benchmark (issue 6). Prints rows/s and peak memory of the real pipeline
 * (validation included) against DuckDB's own read_csv on the same CSV.
 *
 *   npm run bench:import [-- --activities 1000000 --awards 200000 --dir data/bench --runs 3 --cli-rows 300000 --cli-only]
 *
 * Then the shipped command (`node dist/thidua.js etl import`) against one DuckDB process on a CSV of
 * `--cli-rows` rows, both timed from process start to exit (test/bench/import-cli.ts);
 * `--cli-only` runs that part alone.
 *
 * Each measurement runs in a child process so its peak RSS is its own. The baseline and the CSV
 * pipeline run `--runs` times, alternating (this machine's timings vary by ±30 % from run to
 * run); the ratio is of their medians.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatNumber } from '@/lib/format';
import { ensureBenchFiles } from './generate-data';
import { benchCli } from './import-cli';

interface Measure {
  mode: string;
  status: string;
  rows: number;
  seconds: number;
  maxRssMB: number;
  errors: string[];
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function measure(args: string[]): Measure {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/import-child.ts', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as Measure;
  } catch {
    return { mode: args[0], status: `crashed (exit ${r.status}, signal ${r.signal})`, rows: 0, seconds: 0, maxRssMB: 0, errors: [r.stderr.slice(-2000)] };
  }
}

/** The run with the median time (a failed run counts as the slowest). */
function median(ms: Measure[]): Measure {
  const key = (m: Measure) => (m.status === 'loaded' ? m.seconds : Infinity);
  return [...ms].sort((a, b) => key(a) - key(b))[Math.floor((ms.length - 1) / 2)];
}

function describe(label: string, m: Measure): string {
  const rate = m.seconds > 0 ? m.rows / m.seconds : 0;
  return `${label.padEnd(34)} ${m.status.padEnd(9)} ${formatNumber(m.rows).padStart(10)} dòng  ${m.seconds.toFixed(1).padStart(7)} s  ${formatNumber(Math.round(rate)).padStart(9)} dòng/s  RSS đỉnh ${formatNumber(m.maxRssMB).padStart(6)} MB`;
}

async function main(): Promise<void> {
  const dir = arg('--dir', 'data/bench');
  const runs = Math.max(1, Number(arg('--runs', '3')));
  if (process.argv.includes('--cli-only')) return benchCli(dir, Number(arg('--cli-rows', '300000')), runs);
  const nActivities = Number(arg('--activities', '1000000'));
  const nAwards = Number(arg('--awards', '200000'));
  const files = await ensureBenchFiles(dir, nActivities, nAwards);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-bench-'));
  const db = (n: string) => path.join(tmp, `${n}.duckdb`);
  console.log(`Máy: ${os.cpus().length} CPU, ${formatNumber(Math.round(os.totalmem() / 1024 ** 3))} GB RAM, Node ${process.version}`);
  console.log(`CSV hoạt động: ${files.activities} (${formatNumber(fs.statSync(files.activities).size / 1024 ** 2, 1)} MB)`);
  console.log(`XLSX khen thưởng: ${files.awards} (${formatNumber(fs.statSync(files.awards).size / 1024 ** 2, 1)} MB)\n`);

  const bases: Measure[] = [];
  const csvs: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    bases.push(measure(['baseline', files.activities, db('baseline')]));
    console.log(describe(`DuckDB read_csv (mốc), lần ${i + 1}`, bases[i]));
    csvs.push(measure(['pipeline', files.activities, db('csv'), files.units]));
    console.log(describe(`Pipeline CSV hoạt động, lần ${i + 1}`, csvs[i]));
  }
  const base = median(bases);
  const csv = median(csvs);
  const xlsx = measure(['pipeline', files.awards, db('xlsx'), files.units]);
  console.log(describe('Pipeline XLSX khen thưởng', xlsx));
  for (const m of [...bases, ...csvs, xlsx]) if (m.errors.length) console.log(`  ${m.mode}: ${m.errors.join('\n  ')}`);

  const ratio = base.seconds > 0 && csv.status === 'loaded' ? csv.seconds / base.seconds : NaN;
  const xlsxRate = xlsx.status === 'loaded' && xlsx.seconds > 0 ? xlsx.rows / xlsx.seconds : 0;
  console.log('');
  console.log(`Trung vị ${runs} lần: DuckDB ${formatNumber(base.seconds, 2)} s, pipeline CSV ${formatNumber(csv.seconds, 2)} s`);
  console.log(`Tỉ lệ pipeline/DuckDB (CSV): ${Number.isFinite(ratio) ? formatNumber(ratio, 2) : '—'}× (mục tiêu ≤ 3×)`);
  console.log(`XLSX: ${formatNumber(Math.round(xlsxRate))} dòng/s (mục tiêu ≥ 20.000 dòng/s)`);
  console.log(`RSS đỉnh: CSV ${formatNumber(Math.max(...csvs.map((m) => m.maxRssMB)))} MB, XLSX ${formatNumber(xlsx.maxRssMB)} MB (mục tiêu dưới 1.024 MB)`);
  fs.rmSync(tmp, { recursive: true, force: true });
  await benchCli(dir, Number(arg('--cli-rows', '300000')), runs);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
