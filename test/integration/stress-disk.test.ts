import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { importFile } from '@/etl/pipeline';
import { mountTmpfs, remount, unmount } from '../hostile/mounts';
import { writeActivitiesCsv, writeUnitsCsv } from '../bench/generate-data';

/**
 * Disk full and read-only directory (issue 6): the import fails with a clear Vietnamese message,
 * the previous data stays intact (in the open instance and after reopening), and the instance
 * keeps answering. Disk full needs a tiny tmpfs (root or passwordless sudo); without one the
 * read-only case is simulated with a directory the process cannot write (chmod).
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-disk-'));
const mounted: string[] = [];
const units = path.join(tmp, 'units.csv');
const small = path.join(tmp, 'earlier.csv');
const big = path.join(tmp, 'big.csv');

beforeAll(async () => {
  writeUnitsCsv(units);
  await writeActivitiesCsv(small, 200, 11);
  await writeActivitiesCsv(big, 60_000, 12);
}, 120_000);
afterAll(() => {
  for (const m of mounted) unmount(m);
  fs.rmSync(tmp, { recursive: true, force: true });
});

function tmpfs(name: string, size: string): string | null {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  if (!mountTmpfs(dir, size)) return null;
  mounted.push(dir);
  return dir;
}

async function snapshot(db: Db) {
  return query(db, `SELECT (SELECT count(*) FROM v_activities)::INTEGER AS activities,
    (SELECT coalesce(sum(participants), 0) FROM v_activities)::INTEGER AS participants,
    (SELECT count(*) FROM import_batches)::INTEGER AS batches,
    (SELECT count(*) FROM activities)::INTEGER AS facts`);
}

async function seeded(file: string): Promise<Db> {
  const db = await openDb(file);
  for (const f of [units, small]) {
    const r = await importFile(db, { path: f }, { fileName: path.basename(f), importedBy: 'stress' });
    expect(r.status).toBe('loaded');
  }
  return db;
}

describe('disk full and read-only directory', () => {
  it('disk full: the import is refused clearly and nothing changes', async () => {
    const dir = tmpfs('full', '1m');
    if (!dir) {
      console.log('disk full: no tmpfs available (not root, no sudo) — simulated by the read-only test below');
      const ro = path.join(tmp, 'ro-sim');
      fs.mkdirSync(ro);
      fs.chmodSync(ro, 0o555);
      const db = await seeded(path.join(tmp, 'sim.duckdb'));
      const before = await snapshot(db);
      const r = await importFile(db, { path: big }, { fileName: 'big.csv', importedBy: 'stress', storeOriginalDir: path.join(ro, 'uploads') });
      expect(r.status).toBe('rejected');
      expect(await snapshot(db)).toEqual(before);
      db.closeSync();
      return;
    }
    const file = path.join(dir, 'store.duckdb');
    const db = await seeded(file);
    const before = await snapshot(db);
    const r = await importFile(db, { path: big }, { fileName: 'big.csv', importedBy: 'stress' });
    expect(r.status).toBe('rejected');
    expect(r.errors[0].message).toMatch(/ổ đĩa chứa cơ sở dữ liệu đã đầy.*dữ liệu cũ vẫn nguyên vẹn/);
    // The instance still answers, with the earlier data only.
    expect(await snapshot(db)).toEqual(before);
    db.closeSync();
    const reopened = await openDb(file);
    expect(await snapshot(reopened)).toEqual(before);
    reopened.closeSync();
  }, 180_000);

  it('read-only directory for the originals: refused clearly, nothing changes, loads once writable', async () => {
    // As root chmod does not stop writes, so the read-only directory is a tmpfs mounted read-only.
    const dir = tmpfs('ro', '1m');
    let roUploads: string;
    if (dir) {
      fs.mkdirSync(path.join(dir, 'uploads'));
      expect(remount(dir, 'ro')).toBe(true);
      roUploads = path.join(dir, 'uploads');
    } else {
      roUploads = path.join(tmp, 'uploads-ro');
      fs.mkdirSync(roUploads);
      fs.chmodSync(roUploads, 0o555);
    }
    const db = await seeded(path.join(tmp, 'ro-originals.duckdb'));
    const before = await snapshot(db);
    const medium = path.join(tmp, 'medium.csv');
    await writeActivitiesCsv(medium, 5_000, 13);
    const r = await importFile(db, { path: medium }, { fileName: 'medium.csv', importedBy: 'stress', storeOriginalDir: roUploads });
    expect(r.status).toBe('rejected');
    expect(r.errors[0].message).toMatch(/chỉ cho phép đọc hoặc không có quyền ghi.*dữ liệu cũ vẫn nguyên vẹn/);
    expect(await snapshot(db)).toEqual(before);
    const writable = path.join(tmp, 'uploads-rw');
    const ok = await importFile(db, { path: medium }, { fileName: 'medium.csv', importedBy: 'stress', storeOriginalDir: writable });
    expect(ok.status).toBe('loaded');
    expect(fs.readdirSync(writable)).toHaveLength(1);
    db.closeSync();
  }, 180_000);

  it('read-only database directory: the store cannot be opened for writing, and its data survives', async () => {
    const dir = tmpfs('rodb', '16m');
    const file = path.join(dir ?? tmp, 'rodb.duckdb');
    const db = await seeded(file);
    const before = await snapshot(db);
    db.closeSync();
    if (dir) expect(remount(dir, 'ro')).toBe(true);
    else fs.chmodSync(file, 0o444);
    const asRootWithoutMount = !dir && process.getuid?.() === 0;
    if (!asRootWithoutMount) await expect(openDb(file)).rejects.toThrow(/Không mở được cơ sở dữ liệu .*chỉ cho phép đọc/);
    if (dir) expect(remount(dir, 'rw')).toBe(true);
    else fs.chmodSync(file, 0o644);
    const reopened = await openDb(file);
    expect(await snapshot(reopened)).toEqual(before);
    reopened.closeSync();
  }, 180_000);
});
