import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { query, type Db } from '@/lib/db/client';
import { closeBrowser, login, newPage } from './browser';

/**
 * The Office's round trip in the browser: a file with errors is refused with row and column,
 * the error-marked copy downloads, the corrected twin loads on confirmation, the batch appears
 * in the history, the dashboard counts move, a re-upload is named a duplicate, and undo puts
 * the numbers back.
 */
const SAMPLE = path.resolve('data/sample');
const WITH_ERRORS = path.join(SAMPLE, 'with-errors/hoat-dong-so-nguoi-am.xlsx');
const CORRECTED = path.join(SAMPLE, 'corrected/hoat-dong-so-nguoi-am.xlsx');

/** "1.234 hoạt động" → 1234 */
async function activityTotal(page: Page, period: string): Promise<number> {
  await page.goto(`/hoat-dong?period=${period}`);
  const text = (await page.locator('[data-testid="total"]').first().textContent()) ?? '';
  const m = /([\d.]+)\s+hoạt động/.exec(text);
  if (!m) throw new Error(`no total in «${text}»`);
  return Number(m[1].replace(/\./g, ''));
}

async function overviewActivities(page: Page, period: string): Promise<string> {
  await page.goto(`/?period=${period}`);
  // Streamed sections sit in a hidden container until React swaps them in; innerText of a hidden
  // element loses its line breaks, so read the card once it is visible.
  const card = page.locator('[data-testid="kpi-activities"]').filter({ visible: true }).first();
  await card.waitFor();
  return (await card.innerText()).replace(/\s+/g, ' ');
}

async function uploadFile(page: Page, file: string) {
  const before = await page.locator('[data-testid="upload-entry"]').count();
  await page.setInputFiles('[data-testid="file-input"]', file);
  await expect.poll(() => page.locator('[data-testid="upload-entry"]').count()).toBe(before + 1);
  const entry = page.locator('[data-testid="upload-entry"]').first();
  await entry.locator('[data-testid="upload-status"]').waitFor({ timeout: 60_000 });
  return entry;
}

describe('upload: the Office round trip in the browser', () => {
  let page: Page;
  let reference: Db;

  beforeAll(async () => {
    // Opened directly: openDb would try to migrate, which a read-only file refuses.
    reference = await DuckDBInstance.create(inject('referenceDb'), { access_mode: 'READ_ONLY' });
    page = await newPage();
    await login(page, 'office');
  });
  afterAll(async () => {
    reference?.closeSync();
    await closeBrowser();
  });

  it('refuses the file with errors, naming row and column, and offers the marked copy', async () => {
    const [{ n }] = await query(reference, 'SELECT count(*)::INTEGER AS n FROM v_activities WHERE year(activity_date) = 2022');
    const before = await activityTotal(page, '2022');
    expect(before).toBe(n);

    await page.goto('/tai-len');
    await expect(page.locator('#noi-dung').innerText()).resolves.toMatch(/tối đa 100 MB mỗi tệp/);
    const entry = await uploadFile(page, WITH_ERRORS);
    await expect(entry.getAttribute('data-status')).resolves.toBe('rejected');
    await expect(entry.locator('[data-testid="detected-dataset"]').textContent()).resolves.toBe('Hoạt động tuyên truyền');
    const firstError = entry.locator('[data-testid="error-table"] tbody tr').first();
    await expect(firstError.locator('td').nth(0).textContent()).resolves.toBe('14');
    await expect(firstError.locator('td').nth(1).textContent()).resolves.toBe('Số người tham gia');
    await expect(firstError.locator('td').nth(2).textContent()).resolves.toMatch(/không được âm.*Hãy nhập 0 hoặc số dương/);
    expect(await entry.getByRole('button', { name: /Xác nhận nhập/ }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/h5-upload-errors.png', fullPage: true });

    const href = await entry.locator('[data-testid="errors-download"]').getAttribute('href');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    const row = wb.worksheets[0].getRow(14);
    expect(String(row.getCell(row.cellCount).value)).toMatch(/Số người tham gia/);
    expect(await activityTotal(page, '2022')).toBe(before);
  });

  it('loads the corrected file on confirmation; the batch and the dashboard show it; undo restores the numbers', async () => {
    const before = await activityTotal(page, '2022');
    const overviewBefore = await overviewActivities(page, '2022');

    await page.goto('/tai-len');
    const entry = await uploadFile(page, CORRECTED);
    await expect(entry.getAttribute('data-status')).resolves.toBe('validated');
    await expect(entry.locator('[data-testid="error-count"]').textContent()).resolves.toBe('0');
    await expect(entry.locator('[data-testid="rows-count"]').textContent()).resolves.toBe('20');
    expect(await entry.locator('[data-testid="preview-table"] tbody tr').count()).toBeGreaterThan(0);
    expect(await entry.locator('[data-testid="mapping-table"]').count()).toBe(1);
    // Nothing is stored before confirmation.
    expect(await activityTotal(page, '2022')).toBe(before);

    await page.goto('/tai-len');
    const again = await uploadFile(page, CORRECTED);
    await again.getByRole('button', { name: /Xác nhận nhập 20 dòng/ }).click();
    await expect.poll(() => again.getAttribute('data-status'), { timeout: 60_000 }).toBe('loaded');
    const note = (await again.locator('[data-testid="loaded-note"]').textContent()) ?? '';
    const batchId = Number(/lần nhập #(\d+)/.exec(note)?.[1]);
    expect(batchId).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/h5-upload-loaded.png', fullPage: true });

    // Re-uploading the same file names the batch that holds it.
    const dup = await uploadFile(page, CORRECTED);
    await expect(dup.getAttribute('data-status')).resolves.toBe('duplicate');
    await expect(dup.locator('[data-testid="duplicate-note"]').textContent()).resolves.toContain(`lần nhập #${batchId}`);

    await page.goto('/tai-len/lich-su');
    const batchRow = page.locator(`tr[data-batch-id="${batchId}"]`);
    await expect(batchRow.innerText()).resolves.toMatch(/vanphong[\s\S]*hoat-dong-so-nguoi-am\.xlsx[\s\S]*Hoạt động tuyên truyền[\s\S]*20[\s\S]*Đã nhập/);
    const original = await page.request.get(`/api/upload/batches/${batchId}/original`);
    expect(original.status()).toBe(200);
    expect((await original.body()).length).toBeGreaterThan(1000);

    expect(await activityTotal(page, '2022')).toBe(before + 20);
    expect(await overviewActivities(page, '2022')).not.toBe(overviewBefore);

    await page.goto('/tai-len/lich-su');
    await page.locator(`tr[data-batch-id="${batchId}"]`).getByRole('link', { name: 'Hủy lần nhập' }).click();
    await page.waitForURL((u) => u.pathname === `/tai-len/lo/${batchId}/hoan-tac`);
    await page.screenshot({ path: '/tmp/h5-undo-confirm.png', fullPage: true });
    await Promise.all([page.waitForURL((u) => u.pathname === '/tai-len/lich-su'), page.getByRole('button', { name: `Xác nhận hủy lần nhập #${batchId}` }).click()]);
    await page.getByText(`Đã hủy lần nhập #${batchId}.`).waitFor();
    await expect(page.locator(`tr[data-batch-id="${batchId}"]`).innerText()).resolves.toMatch(/Đã hủy/);

    expect(await activityTotal(page, '2022')).toBe(before);
    expect(await overviewActivities(page, '2022')).toBe(overviewBefore);

    // The kept original of the undone batch can be staged again for re-import.
    await page.goto('/tai-len/lich-su');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/tai-len' && u.searchParams.has('tep')),
      page.locator(`tr[data-batch-id="${batchId}"]`).getByRole('button', { name: 'Nhập lại' }).click(),
    ]);
    const re = page.locator('[data-testid="upload-entry"]').first();
    await expect(re.getAttribute('data-status')).resolves.toBe('validated');
    await expect(re.locator('[data-testid="rows-count"]').textContent()).resolves.toBe('20');
    expect(await activityTotal(page, '2022')).toBe(before);
  });

  it('keeps how a batch read its unit names: the batch page lists each abbreviation and the unit it became', async () => {
    const before = await activityTotal(page, '2022');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hoạt động');
    ws.addRow(['BÁO CÁO HOẠT ĐỘNG TUYÊN TRUYỀN NĂM 2022']);
    ws.addRow(['STT', 'Ngày thực hiện', 'Đơn vị thực hiện', 'Hình thức', 'Nội dung', 'Số người tham gia']);
    ws.addRow([1, '05/05/2022', 'P.TC-KH H. Châu Thành', 'Hội nghị', 'Hội nghị phổ biến Luật Thi đua, khen thưởng', 40]);
    ws.addRow([2, '06/05/2022', 'VP Sở', 'Hội nghị', 'Hội nghị sơ kết phong trào thi đua', 35]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-e2e-')), 'hoat-dong-viet-tat.xlsx');
    await wb.xlsx.writeFile(file);

    await page.goto('/tai-len');
    const entry = await uploadFile(page, file);
    await entry.getByRole('button', { name: /Xác nhận nhập 2 dòng/ }).click();
    await expect.poll(() => entry.getAttribute('data-status'), { timeout: 60_000 }).toBe('loaded');
    const batchId = Number(/lần nhập #(\d+)/.exec((await entry.locator('[data-testid="loaded-note"]').textContent()) ?? '')?.[1]);

    await page.goto('/tai-len/lich-su');
    await Promise.all([page.waitForURL((u) => u.pathname === `/tai-len/lo/${batchId}`), page.getByRole('link', { name: `#${batchId}`, exact: true }).click()]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Lần nhập #${batchId}`);
    const readings = await page.locator('[data-testid="unit-readings"] tbody tr').allInnerTexts();
    expect(readings).toHaveLength(2);
    expect(readings.find((r) => r.startsWith('P.TC-KH H. Châu Thành'))).toMatch(/Phòng Tài chính . Kế hoạch huyện Châu Thành/);
    expect(readings.find((r) => r.startsWith('VP Sở'))).toMatch(/Văn phòng Sở/);
    await page.screenshot({ path: '/tmp/h5-batch-page.png', fullPage: true });

    await page.getByRole('link', { name: 'Hủy lần nhập' }).click();
    await Promise.all([page.waitForURL((u) => u.pathname === '/tai-len/lich-su'), page.getByRole('button', { name: `Xác nhận hủy lần nhập #${batchId}` }).click()]);
    expect(await activityTotal(page, '2022')).toBe(before);
  });
});
