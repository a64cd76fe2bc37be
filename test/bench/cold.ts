/**
 * Cold overview in Chromium: `npm run bench:cold [-- --runs 5 --port 3392 --build --db FILE --period 2023]`.
 *
 * Starts the production server (`next start`) on the sample data (loaded into data/bench/cold.duckdb
 * the first time) or on --db, signs in once, then for each run opens a fresh browser context
 * (empty HTTP cache, only the session cookie) on the overview and records:
 * - when the first chart is shown (an SVG of Recharts with its bars or lines, laid out, not in a
 *   streamed part still hidden, and not before the first contentful paint), from navigation start;
 * - the first contentful paint;
 * - bytes transferred (compressed, as on the wire) and the number of requests;
 * - whether the server answered the page from its page cache (x-thidua-cache) or rendered it.
 * The first run after the server starts renders the page; the rest reuse it (same data version).
 * Prints each run and the medians; target: first chart ≤ 0.8 s, ≤ 500 kB.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext } from 'playwright-core';
import { DEMO_PASSWORD } from '@/lib/auth/demo-accounts';
import { formatNumber } from '@/lib/format';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    port: { type: 'string', default: '3392' },
    build: { type: 'boolean', default: false },
    db: { type: 'string' },
    period: { type: 'string', default: '' },
  },
});
const base = `http://127.0.0.1:${args.port}`;
const USER = 'lanhdao';

function prepareDb(): string {
  if (args.db) return path.resolve(args.db);
  const file = path.resolve('data/bench/cold.duckdb');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const cmd of [['dist/thidua.js', 'sample-load'], ['dist/thidua.js', 'user', 'demo']]) {
      const r = spawnSync('node', cmd, { stdio: 'inherit', env: { ...process.env, THIDUA_DB: file } });
      if (r.status !== 0) throw new Error(`node ${cmd.join(' ')} thất bại`);
    }
  }
  return file;
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/dang-nhap`)).status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('Máy chủ không khởi động sau 120 s.');
}

/**
 * Records, in the page, the moment the first chart with drawn shapes is shown: laid out (not in a
 * streamed part still hidden, not display:none), taken at the next animation frame (its paint).
 */
const FIRST_CHART_PROBE = `
  new MutationObserver((_, obs) => {
    const shown = [...document.querySelectorAll('svg.recharts-surface')].some(
      (svg) => svg.getClientRects().length > 0 && svg.querySelector('path, rect') !== null,
    );
    if (!shown) return;
    obs.disconnect();
    requestAnimationFrame(() => { window.__firstChart = performance.now(); });
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden', 'style', 'class'] });
`;

interface Run {
  firstPaintMs: number;
  firstChartMs: number;
  bytes: number;
  requests: number;
  cache: string;
}

async function measure(context: BrowserContext, url: string): Promise<Run> {
  const page = await context.newPage();
  await page.addInitScript(FIRST_CHART_PROBE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests += 1;
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { __firstChart?: number }).__firstChart !== undefined, undefined, { timeout: 30_000 });
  const firstPaintMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  // Nothing is seen before the first contentful paint, even when the chart was laid out earlier.
  const firstChartMs = Math.max(firstPaintMs, await page.evaluate(() => (window as unknown as { __firstChart: number }).__firstChart));
  await page.waitForLoadState('networkidle');
  const cache = response?.headers()['x-thidua-cache'] ?? 'none';
  await page.close();
  return { firstPaintMs, firstChartMs, bytes, requests, cache };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

async function main(): Promise<void> {
  const dbFile = prepareDb();
  if (args.build || !fs.existsSync('.next/BUILD_ID')) {
    const b = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (b.status !== 0) throw new Error('next build thất bại.');
  }
  const server: ChildProcess = spawn('npx', ['next', 'start', '-p', String(args.port), '-H', '127.0.0.1'], {
    env: { ...process.env, THIDUA_DB: dbFile, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => server.pid && server.exitCode === null && process.kill(-server.pid, 'SIGTERM');
  process.on('exit', stop);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    await waitForServer();
    const login = await browser.newContext({ baseURL: base });
    const res = await login.request.post('/api/auth/login', { form: { username: USER, password: DEMO_PASSWORD }, headers: { origin: base }, maxRedirects: 0 });
    if (res.status() >= 400) throw new Error(`Đăng nhập thất bại (HTTP ${res.status()})`);
    const storage = await login.storageState();
    await login.close();
    const url = `${base}/${args.period ? `?period=${args.period}` : ''}`;
    const runs: Run[] = [];
    for (let i = 0; i < Number(args.runs); i++) {
      const context = await browser.newContext({ storageState: storage, locale: 'vi-VN', viewport: { width: 1366, height: 900 } });
      const r = await measure(context, url);
      await context.close();
      runs.push(r);
      console.log(`lần ${i + 1}: nội dung đầu tiên ${formatNumber(r.firstPaintMs, 0)} ms, biểu đồ đầu tiên ${formatNumber(r.firstChartMs, 0)} ms, ${formatNumber(r.bytes / 1024, 0)} kB trong ${r.requests} yêu cầu, trang ${r.cache === 'hit' ? 'lấy từ bộ nhớ' : r.cache === 'miss' ? 'dựng mới' : r.cache}`);
    }
    const warm = runs.filter((r) => r.cache === 'hit');
    const of = (rs: Run[]) => `biểu đồ đầu tiên ${formatNumber(median(rs.map((r) => r.firstChartMs)), 0)} ms, ${formatNumber(median(rs.map((r) => r.bytes)) / 1024, 0)} kB`;
    console.log(`\n${url} — Chromium ${browser.version()}, ${os.cpus().length} lõi, Node ${process.version}`);
    console.log(`Trung vị mọi lần: ${of(runs)}${warm.length ? `; trang lấy từ bộ nhớ (${warm.length} lần): ${of(warm)}` : ''}`);
    const met = median(runs.map((r) => r.firstChartMs)) <= 800 && median(runs.map((r) => r.bytes)) <= 500 * 1024;
    console.log(`Mục tiêu biểu đồ đầu tiên ≤ 800 ms, ≤ 500 kB: ${met ? 'đạt' : 'chưa đạt'}`);
  } finally {
    await browser.close();
    stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
