import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { DuckDBInstance } from '@duckdb/node-api';
import { query, type Db } from '@/lib/db/client';
import { formatChange } from '@/lib/format';
import { closeBrowser, login, newPage } from './browser';

/**
 * The dashboard against the server loaded with the sample data: numbers on the pages equal the
 * analyst views of the reference copy; filters live in the URL (back/forward work); drill-down
 * overview → bloc → unit; invalid parameters give a notice, not a crash.
 */
let ref: Db;
let page: Page;

async function one<T = Record<string, unknown>>(sql: string, params: Record<string, string | number> = {}): Promise<T> {
  return (await query<T>(ref, sql, params))[0];
}

/** The number a KPI card shows (data-value holds the raw number). */
async function kpi(testId: string): Promise<number> {
  return Number(await page.locator(`[data-testid="${testId}"] [data-value]`).getAttribute('data-value'));
}

beforeAll(async () => {
  // Read-only and already migrated: open it directly (openDb would try to migrate).
  ref = await DuckDBInstance.create(inject('referenceDb'), { access_mode: 'READ_ONLY' });
  page = await newPage();
  await login(page, 'viewer');
});
afterAll(async () => {
  await closeBrowser();
  ref?.closeSync();
});

describe('overview', () => {
  it('shows the KPIs of the views for 2022-H1, changes the period through the URL, and back/forward restore it', async () => {
    await page.goto('/?period=2022-H1');
    const h1 = await one<{ n: number; p: number }>(
      `SELECT count(*)::INTEGER AS n, coalesce(sum(participants), 0)::INTEGER AS p FROM v_activities WHERE activity_date BETWEEN DATE '2022-01-01' AND DATE '2022-06-30'`,
    );
    expect(await kpi('kpi-activities')).toBe(h1.n);
    expect(await kpi('kpi-participants')).toBe(h1.p);
    expect(h1.n).toBeGreaterThan(0);

    await page.selectOption('#f-period', '2022');
    await page.waitForURL(/period=2022(&|$)/);
    await page.locator('[data-testid="kpi-activities"]').waitFor();
    const y = await one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM v_activities WHERE year(activity_date) = 2022`);
    const awards = await one<{ n: number; prev: number }>(
      `SELECT count(*) FILTER (WHERE award_year = 2022)::INTEGER AS n, count(*) FILTER (WHERE award_year = 2021)::INTEGER AS prev FROM v_awards`,
    );
    await expect.poll(() => kpi('kpi-activities')).toBe(y.n);
    expect(await kpi('kpi-awards')).toBe(awards.n);
    // "How did awards compare with 2021": the card names the previous year and the change, in a few words.
    const change = page.locator('[data-testid="kpi-awards"] [data-previous]');
    expect(await change.getAttribute('data-previous')).toBe(String(awards.prev));
    expect(await change.innerText()).toContain(`${formatChange(awards.n, awards.prev, 'Năm 2021').text}`);

    await page.goBack();
    await page.waitForURL(/period=2022-H1/);
    await expect.poll(() => kpi('kpi-activities')).toBe(h1.n);
    await page.goForward();
    await page.waitForURL(/period=2022(&|$)/);
    await expect.poll(() => kpi('kpi-activities')).toBe(y.n);
  });

  it('answers "which division ran the most propagation activities in 2022-H1" like v_activities', async () => {
    await page.goto('/?period=2022-H1');
    const top = await one<{ unit_name: string; n: number }>(
      `SELECT unit_name, count(*)::INTEGER AS n FROM v_activities WHERE activity_date BETWEEN DATE '2022-01-01' AND DATE '2022-06-30'
       GROUP BY unit_name ORDER BY n DESC, unit_name LIMIT 1`,
    );
    const first = page.locator('[data-testid="by-unit"] tbody tr').first();
    expect(await first.locator('th').innerText()).toContain(top.unit_name);
    expect(await first.locator('td').first().innerText()).toBe(top.n.toLocaleString('vi-VN'));
    await page.screenshot({ path: '/tmp/dashboard-overview.png', fullPage: true });
  });

  it('drills down overview → bloc → unit with the leader of v_score_totals', async () => {
    await page.goto('/?period=2022');
    const leaderRow = page.locator('[data-testid="bloc-leaders"] tbody tr').first();
    const blocName = (await leaderRow.locator('th').innerText()).trim();
    const lead = await one<{ bloc_id: number; unit_name: string; total_points: number }>(
      `SELECT bloc_id, unit_name, total_points FROM v_score_totals WHERE bloc_name = $b AND period = '2022' AND rank = 1 ORDER BY unit_name LIMIT 1`,
      { b: blocName },
    );
    expect(await leaderRow.locator('td').nth(1).innerText()).toContain(lead.unit_name);
    await leaderRow.locator('th a').click();
    await page.waitForURL(new RegExp(`/khoi/${lead.bloc_id}\\?`));
    expect(await page.locator('h1').innerText()).toBe(blocName);
    const ranking = await query<{ unit_name: string; rank: number }>(
      ref,
      `SELECT unit_name, rank FROM v_score_totals WHERE bloc_id = $b AND period = '2022' ORDER BY rank, unit_name`,
      { b: lead.bloc_id },
    );
    // The ranking streams in its own Suspense boundary after the heading: wait for its rows.
    await page.locator('[data-testid="bloc-ranking"] tbody tr').first().waitFor();
    const shown = await page.locator('[data-testid="bloc-ranking"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')?.textContent?.trim(), tr.querySelector('td')?.textContent?.trim()]),
    );
    expect(shown).toEqual(ranking.map((r) => [r.unit_name, String(r.rank)]));
    await page.screenshot({ path: '/tmp/dashboard-bloc.png', fullPage: true });
    await page.locator('[data-testid="bloc-ranking"] tbody tr th a').first().click();
    await page.waitForURL(/\/don-vi\/\d+\?/);
    expect(await page.locator('h1').innerText()).toBe(ranking[0].unit_name);
    expect(await page.locator('[data-testid="unit-position"]').innerText()).toContain(`hạng ${ranking[0].rank}/${ranking.length}`);
    await page.screenshot({ path: '/tmp/dashboard-unit.png', fullPage: true });
  });

  it('falls back with a notice on invalid parameters', async () => {
    const res = await page.goto('/?period=2022-H9&channel=fax&bloc=abc&grain=week');
    expect(res?.status()).toBe(200);
    const notice = await page.locator('[data-testid="notice"]').first().innerText();
    expect(notice).toContain('Kỳ «2022-H9» không hợp lệ');
    expect(notice).toContain('Kênh "fax" không hợp lệ');
    expect(notice).toContain('bloc="abc"');
    expect(await page.locator('[data-testid="kpis"]').count()).toBe(1);
    // Streamed under loading.tsx, so the status may already be 200: the page itself must say it.
    await page.goto('/khoi/999999');
    expect(await page.locator('h1').innerText()).toContain('Không tìm thấy khối');
    await page.goto('/don-vi/abc');
    expect(await page.locator('h1').innerText()).toContain('Không tìm thấy đơn vị');
  });
});

describe('lists', () => {
  it('finds "Nguyễn" when searching "nguyen" on Khen thưởng, like folded SQL on v_awards, and exports CSV', async () => {
    await page.goto('/khen-thuong?q=nguyen');
    const fold = (c: string) => `replace(strip_accents(lower(coalesce(${c}, ''))), 'đ', 'd')`;
    const expected = await one<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM v_awards WHERE contains(${fold('recipient_name')} || ' ' || ${fold('unit_name')} || ' ' || ${fold('award_name')} || ' ' || ${fold('decision_no')}, 'nguyen')`,
    );
    expect(expected.n).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="total"]').innerText()).toContain(expected.n.toLocaleString('vi-VN'));
    expect(await page.locator('[data-testid="award-table"] tbody').innerText()).toMatch(/Nguyễn/);
    const csv = await page.request.get('/api/export/awards?q=nguyen&format=csv');
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text.startsWith('\uFEFFNgười / tập thể,')).toBe(true);
    expect(text.trim().split('\r\n').length).toBe(expected.n + 1);
    const xlsx = await page.request.get('/api/export/awards?q=nguyen&format=xlsx');
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  });

  it('filters, sorts and paginates Hoạt động through the URL', async () => {
    await page.goto('/hoat-dong?period=2022&sort=participants&dir=desc');
    const n = await one<{ n: number; max: number }>(`SELECT count(*)::INTEGER AS n, max(participants)::INTEGER AS max FROM v_activities WHERE year(activity_date) = 2022`);
    expect(await page.locator('[data-testid="total"]').innerText()).toContain(n.n.toLocaleString('vi-VN'));
    // The date is the row's header cell; then Đơn vị, Kênh, Nội dung, Tham gia (participants), Lượt xem (reach, kept apart).
    expect(await page.locator('[data-testid="activity-table"] tbody tr').first().locator('td').nth(3).innerText()).toBe(n.max.toLocaleString('vi-VN'));
    if (n.n > 25) {
      await page.locator('a[rel="next"]').click();
      await page.waitForURL(/page=2/);
      expect(await page.locator('[data-testid="page-info"]').innerText()).toContain('trang 2/');
    }
    await page.selectOption('#f-channel', 'portal');
    await page.waitForURL(/channel=portal/);
    const portal = await one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM v_activities WHERE year(activity_date) = 2022 AND channel = 'portal'`);
    await expect.poll(async () => page.locator('[data-testid="total"]').innerText()).toContain(portal.n.toLocaleString('vi-VN'));
    expect(page.url()).not.toContain('page=2');
  });

  it('opens the data quality page', async () => {
    const res = await page.goto('/chat-luong-du-lieu');
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Chất lượng dữ liệu');
    const unresolved = await one<{ n: number }>(
      `SELECT count(DISTINCT unit_raw)::INTEGER AS n FROM activities a JOIN import_batches b USING (batch_id) WHERE b.status = 'loaded' AND a.unit_id IS NULL`,
    );
    if (unresolved.n > 0) expect(await page.locator('[data-testid="unresolved"] tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/dashboard-quality.png', fullPage: true });
  });
});
