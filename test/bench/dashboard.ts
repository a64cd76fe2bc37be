/**
 * Dashboard benchmark: `npm run bench:dashboard [-- --scales 0.25,1 --runs 20 --build --port 3390]`.
 *
 * For each data size it builds the large deterministic dataset (test/bench/large-dataset.ts),
 * times the queries each page runs directly on DuckDB (same functions, same parallelism), then
 * starts the production server on the file (`next build` first when there is no build or with
 * --build), logs in, requests every page repeatedly (full streamed body) and prints p50/p95 per
 * page with the ratio page time / query time.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDb, type Db } from '@/lib/db/client';
import { parseDashboardFilters, type DashboardFilters } from '@/lib/filters/dashboard';
import { parseActivityListFilters, parseAwardListFilters } from '@/lib/filters/lists';
import { makePeriod } from '@/lib/periods';
import { blocCriteriaHeat, blocInfo, blocMembers, blocRanking, blocTrend } from '@/lib/queries/bloc';
import { importWarnings, missingScorePeriods, unresolvedUnitNames } from '@/lib/queries/data-quality';
import { listActivities, listAwards } from '@/lib/queries/lists';
import { blocMenu, blocOptions, dataExtent, movementOptions, unitOptions } from '@/lib/queries/options';
import { awardFigures, blocRankingFigures, breakdownFigures, comparison, kpiFigures, trendFigures } from '@/lib/queries/overview';
import { unitActivities, unitAwards, unitCriteria, unitInfo, unitKpis, unitMemberships, unitScoreHistory } from '@/lib/queries/unit';
import { buildLargeDataset, FIRST_YEAR, YEARS } from './large-dataset';

const TODAY = `${FIRST_YEAR + YEARS}-03-15`; // pinned: every benchmark period is over
const LAST = FIRST_YEAR + YEARS - 1;
const USER = 'bench';
const PASSWORD = 'Bench@2026-dashboard';

interface PageCase {
  name: string;
  url: string;
  /** The queries the page runs, in the same order and parallelism. */
  queries: (db: Db) => Promise<unknown>;
}

function dash(url: string): DashboardFilters {
  const sp = Object.fromEntries(new URL(url, 'http://x').searchParams.entries());
  return parseDashboardFilters(sp, makePeriod('year', LAST)).filters;
}

async function context(db: Db, f: DashboardFilters) {
  await dataExtent(db);
  await Promise.all([blocOptions(db), unitOptions(db, f.bloc, f.bloc !== null ? f.period.year : null), movementOptions(db), blocMenu(db)]);
}

async function overview(db: Db, f: DashboardFilters) {
  await context(db, f);
  await Promise.all([kpiFigures(db, f, TODAY), trendFigures(db, f, TODAY), breakdownFigures(db, f, TODAY), awardFigures(db, f, TODAY), blocRankingFigures(db, f)]);
}

function cases(): PageCase[] {
  const o1 = `/?period=${LAST}`;
  const o2 = `/?period=${LAST - 2}-H1&grain=quarter`;
  const o3 = `/?period=${LAST - 1}&bloc=3`;
  const bloc = `/khoi/3?period=${LAST - 1}`;
  const unit = `/don-vi/17?period=${LAST - 1}`;
  const acts = `/hoat-dong?q=nguyen&period=${LAST - 1}`;
  const awards = `/khen-thuong?q=tran+van&sort=name&dir=asc`;
  return [
    { name: `Tổng quan ${LAST}`, url: o1, queries: (db) => overview(db, dash(o1)) },
    { name: `Tổng quan ${LAST - 2}-H1 theo quý`, url: o2, queries: (db) => overview(db, dash(o2)) },
    { name: `Tổng quan ${LAST - 1}, 1 khối`, url: o3, queries: (db) => overview(db, dash(o3)) },
    {
      name: 'Khối',
      url: bloc,
      queries: async (db) => {
        const f = dash(bloc);
        await context(db, f);
        await blocInfo(db, 3);
        await Promise.all([blocRanking(db, 3, f.period), blocMembers(db, 3, f.period.year), blocCriteriaHeat(db, 3, f.period), blocRanking(db, 3, f.period), blocTrend(db, 3)]);
      },
    },
    {
      name: 'Đơn vị',
      url: unit,
      queries: async (db) => {
        const f = dash(unit);
        await context(db, f);
        await unitInfo(db, 17);
        const cmp = comparison(f.period, TODAY);
        await Promise.all([
          unitKpis(db, 17, { ...cmp.current, yearFrom: f.period.year, yearTo: f.period.year }),
          unitKpis(db, 17, { ...cmp.previous, yearFrom: f.period.year - 1, yearTo: f.period.year - 1 }),
          unitMemberships(db, 17),
          unitScoreHistory(db, 17),
          unitCriteria(db, 17, f.period),
          unitActivities(db, 17, cmp.current, 20),
          unitAwards(db, 17, { from: f.period.year, to: f.period.year }, 50),
        ]);
      },
    },
    {
      name: 'Hoạt động (tìm "nguyen")',
      url: acts,
      queries: async (db) => {
        await Promise.all([dataExtent(db), blocOptions(db), unitOptions(db), movementOptions(db), blocMenu(db)]);
        await listActivities(db, parseActivityListFilters({ q: 'nguyen', period: String(LAST - 1) }).filters);
      },
    },
    {
      name: 'Khen thưởng (tìm "tran van")',
      url: awards,
      queries: async (db) => {
        await Promise.all([dataExtent(db), blocOptions(db), unitOptions(db), movementOptions(db), blocMenu(db)]);
        await listAwards(db, parseAwardListFilters({ q: 'tran van', sort: 'name', dir: 'asc' }).filters);
      },
    },
    {
      name: 'Chất lượng dữ liệu',
      url: '/chat-luong-du-lieu',
      queries: async (db) => {
        await dataExtent(db);
        await Promise.all([blocMenu(db), unresolvedUnitNames(db), missingScorePeriods(db, TODAY), importWarnings(db)]);
      },
    },
  ];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

async function timeIt(runs: number, warmup: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { p50: percentile(t, 50), p95: percentile(t, 95) };
}

async function waitFor(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url, { redirect: 'manual' });
      if (r.status > 0) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`Máy chủ không trả lời ${url} sau ${ms / 1000} giây.`);
}

async function login(base: string): Promise<string> {
  const body = new URLSearchParams({ username: USER, password: PASSWORD });
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', body, redirect: 'manual', headers: { origin: base } });
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (!cookie) throw new Error(`Đăng nhập thất bại (HTTP ${r.status}); kiểm tra tài khoản ${USER} trong cơ sở dữ liệu bench.`);
  return cookie;
}

function ensureBuild(force: boolean): void {
  // THIDUA_DIST_DIR (next.config.mjs) lets the benchmark reuse another build, e.g. the e2e one.
  const distDir = process.env.THIDUA_DIST_DIR || '.next';
  if (!force && fs.existsSync(path.join(distDir, 'BUILD_ID'))) return;
  console.log('next build …');
  const r = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) throw new Error('next build thất bại.');
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

async function main() {
  const { values } = parseArgs({
    options: {
      scales: { type: 'string', default: '0.25,1' },
      runs: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      port: { type: 'string', default: '3390' },
      dir: { type: 'string', default: 'data/bench' },
      build: { type: 'boolean', default: false },
      rebuild: { type: 'boolean', default: false },
    },
  });
  const scales = values.scales.split(',').map(Number);
  const runs = Number(values.runs);
  const warmup = Number(values.warmup);
  ensureBuild(values.build);
  const results: { scale: number; counts: string; name: string; page: { p50: number; p95: number }; db: { p50: number; p95: number } }[] = [];
  for (const scale of scales) {
    const file = path.resolve(values.dir, `dashboard-${scale}.duckdb`);
    let countsText = '';
    if (values.rebuild || !fs.existsSync(file)) {
      const t0 = performance.now();
      const c = await buildLargeDataset(file, scale);
      console.log(`Dữ liệu ×${scale}: ${JSON.stringify(c)} trong ${((performance.now() - t0) / 1000).toFixed(1)} giây`);
    }
    const db = await openDb(file);
    const ext = await dataExtent(db);
    countsText = `${ext.activities.toLocaleString('vi-VN')} hoạt động, ${ext.awards.toLocaleString('vi-VN')} khen thưởng, ${ext.scores.toLocaleString('vi-VN')} dòng điểm`;
    const direct = new Map<string, { p50: number; p95: number }>();
    for (const c of cases()) {
      direct.set(c.name, await timeIt(runs, warmup, () => c.queries(db)));
      console.log(`  ×${scale} CSDL  ${c.name}: p50 ${fmt(direct.get(c.name)!.p50)} ms`);
    }
    db.closeSync();
    // The account, through the accounts CLI (the server must not hold the file yet).
    spawnSync('npx', ['tsx', 'scripts/cli/thidua.ts', 'user', 'add', USER, '--role', 'viewer', '--db', file], { env: { ...process.env, THIDUA_PASSWORD: PASSWORD }, stdio: 'ignore' });
    const base = `http://127.0.0.1:${values.port}`;
    const server: ChildProcess = spawn('npx', ['next', 'start', '-p', values.port, '-H', '127.0.0.1'], {
      env: { ...process.env, THIDUA_DB: file, THIDUA_TODAY: TODAY, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    });
    try {
      await waitFor(`${base}/dang-nhap`, 60_000);
      const cookie = await login(base);
      for (const c of cases()) {
        const page = await timeIt(runs, warmup, async () => {
          const r = await fetch(base + c.url, { headers: { cookie }, redirect: 'manual' });
          const text = await r.text();
          if (r.status !== 200) throw new Error(`${c.url}: HTTP ${r.status}`);
          if (text.length < 1000) throw new Error(`${c.url}: trang quá ngắn (${text.length} byte)`);
        });
        results.push({ scale, counts: countsText, name: c.name, page, db: direct.get(c.name)! });
        console.log(`  ×${scale} trang ${c.name}: p50 ${fmt(page.p50)} ms`);
      }
    } finally {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 1500));
    }
  }
  console.log(`\nThời gian (ms), ${runs} lần mỗi trang sau ${warmup} lần khởi động; trang = phản hồi đầy đủ của máy chủ production, CSDL = các truy vấn của trang chạy trực tiếp trên DuckDB.`);
  const header = ['Quy mô', 'Trang', 'Trang p50', 'Trang p95', 'CSDL p50', 'CSDL p95', 'Tỷ lệ p50'];
  const rows = results.map((r) => [`×${r.scale}`, r.name, fmt(r.page.p50), fmt(r.page.p95), fmt(r.db.p50), fmt(r.db.p95), (r.page.p50 / r.db.p50).toFixed(2)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
  for (const s of scales) {
    const r = results.find((x) => x.scale === s);
    if (r) console.log(`×${s}: ${r.counts}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
