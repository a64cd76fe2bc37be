/**
 * Dashboard under load while importing: autocannon on loopback drives six dashboard pages (the
 * overview for a year, a half-year and one bloc, a bloc page, a unit page, the activity list)
 * with 20 connections for 30 s, first idle, then while a 100,000-row activities file goes
 * through the server's upload endpoint (preview, then confirm). Prints pages/s, p50/p95/p99,
 * errors, the ratio of p95 under import to idle, and a freshness check: the overview requested
 * right after the confirmation already counts the new rows in each year of the file.
 *
 *   npm run bench:load [-- --scale 0.6 --connections 20 --duration 30 --rows 100000 --port 3391 --build --app DIR]
 *
 * --app runs `next build`/`next start` in another checkout (e.g. `git archive HEAD` unpacked, with
 * `cp -al node_modules` — Turbopack refuses a symlinked node_modules), so the benchmark never
 * rebuilds the .next of a tree others are serving.
 *
 * Uses the large deterministic dataset of the dashboard benchmark (test/bench/large-dataset.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { formatNumber } from '@/lib/format';
import { buildLargeDataset, FIRST_YEAR, largeDatasetCounts, YEARS } from './large-dataset';
import { writeActivitiesCsv } from './generate-data';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.6' },
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '30' },
    rows: { type: 'string', default: '100000' },
    port: { type: 'string', default: '3391' },
    build: { type: 'boolean', default: false },
    dir: { type: 'string', default: 'data/bench' },
    app: { type: 'string', default: '.' },
    // Client-side timeout per request (s): long, so slow answers are measured, not dropped.
    timeout: { type: 'string', default: '120' },
  },
});
const USER = 'bench-vanphong';
const PASSWORD = 'Bench@2026-tai';
const dbFile = path.resolve(args.dir!, 'load.duckdb');
const base = `http://127.0.0.1:${args.port}`;
const LAST = FIRST_YEAR + YEARS - 1;
const PATHS = [
  `/?period=${LAST}`,
  `/?period=${LAST - 1}-H1&grain=quarter`,
  `/?period=${LAST - 1}&bloc=3`,
  `/khoi/3?period=${LAST - 1}`,
  `/don-vi/17?period=${LAST - 1}`,
  `/hoat-dong?period=${LAST - 1}`,
];

interface LoadFigures {
  requests: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  statuses: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function drive(cookie: string, seconds: number): Promise<LoadFigures> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const instance = autocannon({
    url: base,
    connections: Number(args.connections),
    duration: seconds,
    headers: { cookie },
    requests: PATHS.map((p) => ({ method: 'GET', path: p })),
    timeout: Number(args.timeout),
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    times.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    reqPerSec: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses,
  };
}

function line(label: string, f: LoadFigures): string {
  return `${label.padEnd(22)} ${formatNumber(f.reqPerSec, 1).padStart(8)} trang/s  p50 ${formatNumber(f.p50, 0).padStart(6)} ms  p95 ${formatNumber(f.p95, 0).padStart(6)} ms  p99 ${formatNumber(f.p99, 0).padStart(6)} ms  lỗi ${f.errors}, non-2xx ${f.non2xx}  (${formatNumber(f.requests)} yêu cầu; ${JSON.stringify(f.statuses)})`;
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      const r = await fetch(`${base}/dang-nhap`);
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('Máy chủ không khởi động sau 120 s.');
}

async function login(): Promise<string> {
  const body = new URLSearchParams({ username: USER, password: PASSWORD });
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', body, redirect: 'manual', headers: { origin: base } });
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (!cookie) throw new Error(`Đăng nhập thất bại (HTTP ${r.status}).`);
  return cookie;
}

/** The overview's «Hoạt động tuyên truyền» KPI of a year, as the page shows it. */
async function overviewActivities(cookie: string, year: number): Promise<number> {
  const r = await fetch(`${base}/?period=${year}`, { headers: { cookie }, redirect: 'manual' });
  const html = await r.text();
  const m = /data-testid="kpi-activities".*?data-value="(\d+)"/s.exec(html);
  if (r.status !== 200 || !m) throw new Error(`/?period=${year}: HTTP ${r.status}, không thấy chỉ tiêu số hoạt động.`);
  return Number(m[1]);
}

/** Rows of the generated CSV per year of «Ngày thực hiện» (dd/mm/yyyy, first column). */
function rowsPerYear(file: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const l of fs.readFileSync(file, 'utf8').split('\r\n').slice(1)) {
    const y = Number(l.slice(6, 10));
    if (y) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  return counts;
}

/** Reads an NDJSON answer to the end and returns its last `result` event. */
async function ndjsonResult(r: Response): Promise<Record<string, any>> {
  const text = await r.text();
  const events = text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const result = events.filter((e) => e.type === 'result').at(-1);
  if (!result) throw new Error(`HTTP ${r.status}: ${text.slice(0, 500)}`);
  return result;
}

/** Upload (dry-run preview) then confirm: the real all-or-nothing import through the server. */
async function uploadAndConfirm(cookie: string, file: string): Promise<{ previewMs: number; confirmMs: number; status: string; rows: number; detail: string }> {
  const bytes = fs.readFileSync(file);
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  const t0 = performance.now();
  const up = await fetch(`${base}/api/upload`, {
    method: 'POST',
    body: bytes,
    headers: { cookie, origin: base, 'x-file-name': encodeURIComponent(path.basename(file)), 'x-content-sha256': sha, 'content-type': 'application/octet-stream' },
  });
  const preview = await ndjsonResult(up);
  const previewMs = performance.now() - t0;
  const id = preview.upload?.uploadId;
  if (!id) throw new Error(`Tải lên không thành công: ${JSON.stringify(preview).slice(0, 800)}`);
  const t1 = performance.now();
  const confirm = await fetch(`${base}/api/upload/${id}/confirm`, { method: 'POST', body: '{}', headers: { cookie, origin: base, 'content-type': 'application/json' } });
  const done = await ndjsonResult(confirm);
  const result = done.upload?.result ?? {};
  return {
    previewMs,
    confirmMs: performance.now() - t1,
    status: String(result.status ?? done.upload?.status),
    rows: Number(result.rowsLoaded ?? 0),
    detail: JSON.stringify(result.errors?.slice?.(0, 3) ?? done).slice(0, 600),
  };
}

async function main(): Promise<void> {
  const scale = Number(args.scale);
  const rows = Number(args.rows);
  fs.mkdirSync(args.dir!, { recursive: true });
  console.log(`Dữ liệu lớn (scale ${scale}): ${JSON.stringify(largeDatasetCounts(scale))} → ${dbFile}`);
  let t = performance.now();
  await buildLargeDataset(dbFile, scale);
  console.log(`  dựng trong ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const add = spawnSync('npx', ['tsx', 'scripts/cli/thidua.ts', 'user', 'add', USER, '--role', 'office', '--db', dbFile], {
    encoding: 'utf8',
    env: { ...process.env, THIDUA_PASSWORD: PASSWORD },
  });
  if (add.status !== 0) throw new Error(`Không tạo được tài khoản: ${add.stderr}`);

  // Units of the large dataset that are not district offices: "Phòng nghiệp vụ số N".
  const unitNames = Array.from({ length: 200 }, (_, i) => i + 1).filter((i) => i % 4 !== 0).map((i) => `Phòng nghiệp vụ số ${i}`);
  const importFile = path.resolve(args.dir!, `load-activities-${rows}.csv`);
  await writeActivitiesCsv(importFile, rows, 424242, unitNames);

  const app = path.resolve(args.app!);
  if (args.build || !fs.existsSync(path.join(app, '.next/BUILD_ID'))) {
    console.log(`next build trong ${app} …`);
    // `npm run build`: the parsing worker (dist/) is built first, as the app needs it.
    const b = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', cwd: app, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (b.status !== 0) throw new Error('next build thất bại.');
  }
  const server: ChildProcess = spawn('npx', ['next', 'start', '-p', String(args.port), '-H', '127.0.0.1'], {
    env: { ...process.env, THIDUA_DB: dbFile, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    cwd: app,
    detached: true,
  });
  let serverErr = '';
  server.stderr?.on('data', (d) => (serverErr = (serverErr + d).slice(-4000)));
  const stop = () => {
    if (server.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
  };
  process.on('exit', stop);
  try {
    await waitForServer();
    const cookie = await login();
    for (const p of PATHS) {
      const r = await fetch(`${base}${p}`, { headers: { cookie }, redirect: 'manual' });
      await r.text();
      if (r.status !== 200) throw new Error(`${p}: HTTP ${r.status} (đăng nhập hoặc trang lỗi)`);
    }
    await drive(cookie, 5); // warm-up: compile caches, DuckDB buffers
    const seconds = Number(args.duration);
    console.log(`\nautocannon: ${args.connections} kết nối × ${seconds} s, các trang ${PATHS.join(', ')}; máy chủ next start trên ${base}; ${os.cpus().length} lõi ${os.cpus()[0]?.model ?? ''}, Node ${process.version}`);
    const idle = await drive(cookie, seconds);
    console.log(line('Khi rảnh', idle));

    const perYear = rowsPerYear(importFile);
    const before = new Map<number, number>();
    for (const y of perYear.keys()) before.set(y, await overviewActivities(cookie, y));
    t = performance.now();
    const upload = uploadAndConfirm(cookie, importFile).then(async (r) => {
      const endedAt = performance.now() - t;
      // Freshness: the very next overview after the confirmation counts the new rows.
      const fresh: string[] = [];
      for (const [y, n] of perYear) {
        const after = await overviewActivities(cookie, y);
        if (after !== before.get(y)! + n) fresh.push(`${y}: ${formatNumber(after)} thay vì ${formatNumber(before.get(y)! + n)}`);
      }
      return { ...r, endedAt, fresh };
    });
    const busy = await drive(cookie, seconds);
    console.log(line('Trong khi nhập tệp', busy));
    const u = await upload;
    console.log(
      `Nhập ${formatNumber(rows)} dòng qua /api/upload: xem trước ${formatNumber(u.previewMs / 1000, 1)} s, xác nhận ${formatNumber(u.confirmMs / 1000, 1)} s → ${u.status}, ${formatNumber(u.rows)} dòng` +
        (u.status !== 'loaded' ? ` (${u.detail})` : '') +
        (u.endedAt < seconds * 1000 ? ` — kết thúc sau ${formatNumber(u.endedAt / 1000, 1)} s, trước khi hết ${seconds} s đo` : ' — chạy suốt thời gian đo'),
    );
    if (u.status === 'loaded' && u.rows === rows) {
      console.log(
        u.fresh.length === 0
          ? `Độ mới: trang tổng quan ngay sau khi xác nhận đã có đủ ${formatNumber(rows)} dòng mới (${[...perYear.keys()].sort().join(', ')}) — đạt`
          : `Độ mới: KHÔNG ĐẠT — ${u.fresh.join('; ')}`,
      );
      if (u.fresh.length > 0) process.exitCode = 1;
    } else {
      console.log('Độ mới: không kiểm tra được (tệp không được nhập đủ).');
    }
    const ratio = busy.p95 / idle.p95;
    console.log(`\nTỉ lệ p95 khi nhập / khi rảnh: ${formatNumber(ratio, 2)}× (mục tiêu ≤ 3×); lỗi khi nhập: ${busy.errors + busy.non2xx} (mục tiêu 0)`);
    const met = (f: LoadFigures) => f.p95 <= 300 && f.reqPerSec >= 50 && f.errors + f.non2xx === 0;
    console.log(`Mục tiêu p95 ≤ 300 ms, ≥ 50 trang/s, 0 lỗi: khi rảnh ${met(idle) ? 'đạt' : 'chưa đạt'}, khi nhập ${met(busy) ? 'đạt' : 'chưa đạt'}; tải máy (loadavg 1 phút) lúc kết thúc ${formatNumber(os.loadavg()[0], 1)}`);
  } catch (err) {
    console.error(`Lỗi: ${(err as Error).message}\n--- stderr máy chủ ---\n${serverErr}`);
    process.exitCode = 1;
  } finally {
    stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
