import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readManifest, restoreDatabase } from '@/lib/ops/backup';
import { closeBrowser, login, newPage, sessionOf } from './browser';
import { DEMO_PASSWORD } from './global-setup';

/**
 * Backup while the server runs (issue 6): the server holds the store, so the CLI asks it
 * (POST /api/ops/backup, admins only) and copies the backup; the copy restores exactly. Admins
 * can also press «Sao lưu ngay» on /quan-tri/sao-luu.
 */
const base = () => inject('baseUrl');
const ROOT = path.resolve(import.meta.dirname, '../..');

function ops(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['dist/thidua.js', 'ops', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
}

/**
 * POST with one retry on a network error: these requests write nothing, and a pooled keep-alive
 * socket can be closed by the server just as it is reused ("other side closed").
 */
async function post(url: string, headers: Record<string, string> = {}): Promise<Response> {
  try {
    return await fetch(url, { method: 'POST', headers });
  } catch {
    return fetch(url, { method: 'POST', headers });
  }
}


describe('backup while the server runs', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-ops-e2e-'));

  it('the CLI cannot open the live store, and says to ask the server', async () => {
    // The server opens the store on its first request that needs it: make sure it holds it.
    await sessionOf('lanhdao');
    const r = ops(['backup', path.join(work, 'direct'), '--db', inject('liveDb')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--server');
    expect(fs.existsSync(path.join(work, 'direct', 'manifest.json'))).toBe(false);
  });

  it('with --server, the server takes a consistent backup and the CLI copies it; it restores exactly', async () => {
    const dir = path.join(work, 'qua-may-chu');
    const r = ops(['backup', dir, '--server', base(), '--user', 'quantri'], { THIDUA_OPS_PASSWORD: DEMO_PASSWORD });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('đã sao lưu');
    const manifest = readManifest(dir);
    expect(manifest.tables.activities.rows).toBeGreaterThan(0);
    expect(manifest.tables.import_batches.rows).toBeGreaterThan(0);
    // restoreDatabase checks every table's row count and fingerprint against the manifest.
    const restored = await restoreDatabase(dir, path.join(work, 'restored.duckdb'));
    expect(restored.manifest.tables).toEqual(manifest.tables);
  });

  it('refuses a wrong password, and anyone but an admin', async () => {
    const wrong = ops(['backup', path.join(work, 'sai'), '--server', base(), '--user', 'quantri'], { THIDUA_OPS_PASSWORD: 'sai-mat-khau' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('không thành công');
    expect(fs.existsSync(path.join(work, 'sai'))).toBe(false);
    expect((await post(`${base()}/api/ops/backup`)).status).toBe(401);
    for (const user of ['lanhdao', 'vanphong']) {
      const res = await post(`${base()}/api/ops/backup`, { Cookie: await sessionOf(user) });
      expect(res.status, user).toBe(403);
    }
  });
});

describe('the backup page', () => {
  afterAll(closeBrowser);

  it('an admin takes a backup with «Sao lưu ngay» and sees it listed', async () => {
    const page = await newPage();
    await login(page, 'admin');
    await page.goto('/quan-tri/sao-luu');
    const rowsBefore = await page.locator('[data-testid="backups"] tbody tr').count();
    await Promise.all([page.waitForURL((u) => u.searchParams.has('da-sao-luu'), { timeout: 60_000 }), page.getByRole('button', { name: 'Sao lưu ngay' }).click()]);
    const name = new URL(page.url()).searchParams.get('da-sao-luu')!;
    expect(name).toMatch(/^sao-luu-\d{8}-\d{6}-[0-9a-f]{6}$/);
    await expect(page.getByTestId('notice').textContent()).resolves.toContain(name);
    const rows = page.locator('[data-testid="backups"] tbody tr');
    expect(await rows.count()).toBe(rowsBefore + 1);
    const first = await rows.first().textContent();
    expect(first).toContain(name);
    expect(first).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  });

  it('a viewer is sent to the no-permission page and sees no link', async () => {
    const page = await newPage();
    await login(page, 'viewer');
    expect(await page.getByRole('link', { name: 'Sao lưu' }).count()).toBe(0);
    await page.goto('/quan-tri/sao-luu');
    await page.waitForURL((u) => u.pathname === '/dang-nhap/khong-du-quyen', { timeout: 20_000 });
  });
});
