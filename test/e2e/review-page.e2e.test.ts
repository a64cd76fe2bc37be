import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { query, type Db } from '@/lib/db/client';
import { closeBrowser, login, newPage } from './browser';

/**
 * /danh-gia against the server loaded with the sample data: the ranking matches v_score_totals of
 * the reference copy, the documents download, the print view gives an A4 PDF, admins change a rule.
 */
const BLOC = 'Khối thi đua các phòng thuộc Sở Tài chính';
let ref: Db;
let blocId: number;

beforeAll(async () => {
  // Opened without openDb: its migration step issues CREATE, which a read-only file refuses.
  ref = await DuckDBInstance.create(inject('referenceDb'), { access_mode: 'READ_ONLY' });
  blocId = Number((await query<{ id: number }>(ref, 'SELECT bloc_id AS id FROM blocs WHERE name = $n', { n: BLOC }))[0].id);
});
afterAll(async () => {
  await closeBrowser();
  ref?.closeSync();
});

describe('bloc review page', () => {
  it('shows the ranking of v_score_totals, the narrative, proposals; downloads DOCX and XLSX', async () => {
    const page = await newPage();
    await login(page, 'viewer');
    await page.goto(`/danh-gia?bloc=${blocId}&period=2022`);
    // Rendered under loading.tsx: wait for the table before reading all of its rows at once.
    await page.locator('[data-testid="ranking-table"] tbody tr').first().waitFor();
    const rows = await page.locator('[data-testid="ranking-table"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-unit'), tr.querySelector('td')?.textContent?.trim()]),
    );
    const view = await query<{ unit_name: string; rank: number }>(
      ref,
      `SELECT unit_name, rank FROM v_score_totals WHERE bloc_id = $b AND period = '2022' ORDER BY rank, unit_name`,
      { b: blocId },
    );
    expect(rows.map((r) => r[1])).toEqual(view.map((v) => String(v.rank)));
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(view.map((v) => v.unit_name)));
    const leader = view[0].unit_name;
    await expect(page.locator('[data-testid="narrative"]').innerText()).resolves.toContain(`Dẫn đầu khối là ${leader}`);
    await expect(page.locator('[data-testid="proposals"]').innerText()).resolves.toContain(leader);
    expect(await page.locator('h1 + p').innerText()).toContain('so với kỳ chấm điểm cùng loại gần nhất trước đó: năm 2021');
    await page.screenshot({ path: '/tmp/review-page.png', fullPage: true });

    const docx = await page.request.get(`/api/danh-gia?format=docx&bloc=${blocId}&period=2022`);
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toContain('wordprocessingml');
    const xml = strFromU8(unzipSync(new Uint8Array(await docx.body()))['word/document.xml']);
    expect(xml).toContain(`Dẫn đầu khối là ${leader}`);
    const xlsx = await page.request.get(`/api/danh-gia?format=xlsx&bloc=${blocId}&period=2022`);
    expect([xlsx.status(), xlsx.headers()['content-disposition']]).toEqual([200, `attachment; filename="danh-gia-khoi-${blocId}-2022.xlsx"`]);
    const bad = await page.request.get(`/api/danh-gia?format=docx&bloc=${blocId}&period=2022-H9`);
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toContain('không hợp lệ');
    await page.context().close();
  });

  it('refuses the download without a session', async () => {
    const res = await fetch(`${inject('baseUrl')}/api/danh-gia?format=docx&bloc=${blocId}&period=2022`);
    expect(res.status).toBe(401);
  });

  it('print view renders the document and prints to an A4 PDF', async () => {
    const page = await newPage();
    await login(page, 'viewer');
    await page.goto(`/danh-gia?bloc=${blocId}&period=2022-H1&in=1`);
    const doc = page.locator('[data-testid="review-document"]');
    await expect(doc.innerText()).resolves.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    await expect(doc.innerText()).resolves.toContain('Nơi nhận:');
    expect(await doc.locator('[data-testid="activity-table"]').count()).toBe(1);
    expect(await doc.locator('.phu-luc [data-testid="criteria-table"]').count()).toBe(1);
    await page.screenshot({ path: '/tmp/review-print.png', fullPage: true });
    const pdf = await page.pdf({ path: '/tmp/review-print.pdf', preferCSSPageSize: true, printBackground: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.context().close();
  });

  it('an admin changes the minimum total and the proposals follow', async () => {
    const page = await newPage();
    await login(page, 'admin');
    await page.goto('/danh-gia/thiet-lap');
    const before = await page.inputValue('input[name="review.min_total.value"]');
    const kind = await page.inputValue('select[name="review.min_total.kind"]');
    try {
      await page.fill('input[name="review.min_total.value"]', '100');
      await page.selectOption('select[name="review.min_total.kind"]', 'points');
      await Promise.all([page.waitForURL(/da-luu=1/), page.click('[data-testid="save-settings"]')]);
      await page.goto(`/danh-gia?bloc=${blocId}&period=2022`);
      await expect(page.locator('[data-testid="proposals"]').innerText()).resolves.toContain('Không có đơn vị đủ điều kiện');
    } finally {
      await page.goto('/danh-gia/thiet-lap');
      await page.fill('input[name="review.min_total.value"]', before);
      await page.selectOption('select[name="review.min_total.kind"]', kind);
      await Promise.all([page.waitForURL(/da-luu=1/), page.click('[data-testid="save-settings"]')]);
    }
    await page.goto('/danh-gia/thiet-lap');
    await page.fill('input[name="quota.cstdcs_over_ldtt"]', '150');
    await Promise.all([page.waitForURL(/loi=/), page.click('[data-testid="save-settings"]')]);
    await expect(page.locator('[data-testid="notice"]').innerText()).resolves.toContain('quota.cstdcs_over_ldtt');
    await page.context().close();
  });

  it('a viewer cannot open the settings', async () => {
    const page = await newPage();
    await login(page, 'viewer');
    await page.goto('/danh-gia/thiet-lap');
    // The guard redirects to the "no permission" page (possibly after the shell has streamed).
    await page.waitForURL((u) => u.pathname !== '/danh-gia/thiet-lap', { timeout: 15_000 });
    expect(await page.locator('input[name="review.min_total.value"]').count()).toBe(0);
    await page.context().close();
  });
});
