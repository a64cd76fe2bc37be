import { describe, expect, it } from 'vitest';
import { openDb, query, withWriteTransaction } from '@/lib/db/client';

describe('db', () => {
  it('migrates an in-memory database and exposes the analyst views', async () => {
    const db = await openDb(':memory:');
    const views = await query(db, "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1");
    expect(views.map((v) => v.view_name)).toEqual(
      expect.arrayContaining(['v_activities', 'v_awards', 'v_bloc_members', 'v_score_totals', 'v_scores', 'v_units']),
    );
  });
  it('rolls back a failed write transaction', async () => {
    const db = await openDb(':memory:');
    await expect(
      withWriteTransaction(db, async (c) => {
        await c.run("INSERT INTO movements (name) VALUES ('A')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM movements')).toEqual([{ n: 0 }]);
  });
  it('ranks equal totals equally (1, 2, 2, 4)', async () => {
    const db = await openDb(':memory:');
    await withWriteTransaction(db, async (c) => {
      await c.run(`INSERT INTO import_batches (batch_id, file_name, sha256, dataset, imported_by, status) VALUES (1, 'f', 'x', 'scores', 't', 'loaded')`);
      await c.run(`INSERT INTO blocs (bloc_id, name) VALUES (1, 'Khối A')`);
      await c.run(`INSERT INTO units (unit_id, name, kind) VALUES (1,'U1','division'),(2,'U2','division'),(3,'U3','division'),(4,'U4','division')`);
      await c.run(`INSERT INTO scores (bloc_id, unit_id, period, period_start, period_end, criterion, criterion_kind, max_points, assessed_points, batch_id, row_key)
        SELECT 1, u, '2022', DATE '2022-01-01', DATE '2022-12-31', 'C', k, 100, p, 1, u || k
        FROM (VALUES (1, 'criterion', 90.0), (2, 'criterion', 80.0), (3, 'criterion', 79.5), (3, 'bonus', 1.0), (3, 'penalty', 0.5), (4, 'criterion', 70.0)) t(u, k, p)`);
    });
    const rows = await query(db, 'SELECT unit_id, total_points, rank FROM v_score_totals ORDER BY unit_id');
    expect(rows).toEqual([
      { unit_id: 1, total_points: 90, rank: 1 },
      { unit_id: 2, total_points: 80, rank: 2 },
      { unit_id: 3, total_points: 80, rank: 2 },
      { unit_id: 4, total_points: 70, rank: 4 },
    ]);
  });
});

describe('db read-only', () => {
  it('opens an existing file read-only without migrating', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-ro-'));
    const file = path.join(dir, 'ro.duckdb');
    (await openDb(file)).closeSync();
    const ro = await openDb(file, { access_mode: 'READ_ONLY' });
    expect(await query(ro, 'SELECT count(*)::INTEGER AS n FROM v_units')).toEqual([{ n: 0 }]);
    await expect(query(ro, "INSERT INTO movements (name) VALUES ('x')")).rejects.toThrow();
    ro.closeSync();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('db open errors', () => {
  it('says in Vietnamese when the directory cannot be written', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { mountTmpfs, remount, unmount } = await import('../hostile/mounts');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-rodir-'));
    // A read-only tmpfs where we may mount one (root or sudo, as in CI); else no write permission.
    const mounted = mountTmpfs(dir, '1m') && remount(dir, 'ro');
    if (!mounted) {
      if (process.getuid?.() === 0) {
        console.warn('db open errors: root without mount rights — a read-only directory cannot be made here');
        return;
      }
      fs.chmodSync(dir, 0o500);
    }
    try {
      await expect(openDb(path.join(dir, 'x.duckdb'))).rejects.toThrow(/Không mở được cơ sở dữ liệu .*chỉ cho phép đọc/);
    } finally {
      if (mounted) unmount(dir);
      else fs.chmodSync(dir, 0o700);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
