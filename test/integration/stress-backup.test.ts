import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, query, withConnection, withWriteTransaction, type Db } from '@/lib/db/client';
import { backupDatabase, fingerprintTables, readManifest, restoreDatabase } from '@/lib/ops/backup';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Puts rows into every core table, with the awkward values a round trip can lose. */
async function fill(db: Db): Promise<void> {
  await withWriteTransaction(db, async (c) => {
    await c.run(`INSERT INTO import_batches (file_name, sha256, file_size, dataset, rows_loaded, imported_by, status, period, sheet_name)
      VALUES ('hoạt động 2022.xlsx', 'abc', 1234, 'activities', 2, 'vanphong', 'loaded', NULL, 'Trang 1'),
             ('khen thưởng.csv', 'def', 99, 'awards', 1, 'cli', 'undone', '2022', NULL),
             ('điểm.xlsx', 'ghi', 10, 'scores', 1, 'cli', 'loaded', '2022-H1', NULL)`);
    await c.run(`INSERT INTO import_issues VALUES (1, 14, 'Ngày', 'warning', 'date', 'Dòng 14, cột «Ngày»: cảnh báo', '31/02/2022')`);
    await c.run(`INSERT INTO units (name, abbreviation, kind, headcount, valid_to) VALUES
      ('Phòng Quản lý ngân sách', 'QLNS', 'division', 12, NULL), ('Thanh tra Sở', 'TTr', 'division', NULL, DATE '2025-06-30')`);
    await c.run(`INSERT INTO unit_aliases VALUES ('qlns', 'QLNS', 1, 'import'), ('pquanlyngansach', 'P. Quản lý ngân sách', 1, 'office')`);
    await c.run(`INSERT INTO blocs (name, short_name) VALUES ('Khối thi đua các phòng thuộc Sở', 'Khối phòng')`);
    await c.run(`INSERT INTO bloc_members VALUES (1, 1, 2022, 1), (1, 2, 2022, 1)`);
    await c.run(`INSERT INTO movements (name) VALUES ('Thi đua yêu nước')`);
    await c.run(`INSERT INTO activities (activity_date, unit_id, unit_raw, channel, title, participants, movement_id, exemplar, batch_id, source_row, row_key)
      VALUES (DATE '2022-12-20', 1, 'QLNS', 'portal', 'Bài viết "trích dẫn", dấu phẩy; và ''nháy''', 1250, 1, NULL, 1, 7, 'k1'),
             (DATE '2022-01-01', 2, 'TTr', 'other', '=HYPERLINK("x")', 0, NULL, 'Nguyễn Văn A', 1, 8, 'k2')`);
    await c.run(`INSERT INTO awards (recipient_name, recipient_type, unit_id, unit_raw, award_name, award_name_raw, award_kind, award_level, decision_no, decision_date, award_year, batch_id, source_row, row_key)
      VALUES ('Trần Thị B', 'individual', NULL, 'Phòng lạ', 'Lao động tiên tiến', 'LĐTT', 'title', 'grassroots', '125/QĐ-STC', DATE '2022-12-20', 2022, 2, 5, 'a1')`);
    await c.run(`INSERT INTO scores (bloc_id, unit_id, period, period_start, period_end, criterion_code, criterion_group, criterion, criterion_kind, sort_order, max_points, self_points, assessed_points, batch_id, row_key)
      VALUES (1, 1, '2022-H1', DATE '2022-01-01', DATE '2022-06-30', '1.1', 'I', 'Tiêu chí 1', 'criterion', 1, 10, 9.75, 0.1::DOUBLE + 0.2::DOUBLE, 3, 's1'),
             (1, 2, '2022-H1', DATE '2022-01-01', DATE '2022-06-30', NULL, NULL, 'Điểm trừ', 'penalty', 2, NULL, NULL, 1.5, 3, 's2')`);
    await c.run(`INSERT INTO settings (key, value, updated_by) VALUES ('test.backup.flag', '1', 'quantri'), ('test.backup.quota', '{"cstdcs": 0.15, "tên": "đủ"}', NULL)`);
  });
}

async function fingerprints(db: Db) {
  return withConnection(db, (c) => fingerprintTables(c));
}

describe('backup and restore', () => {
  it('round-trips every table exactly, sequences included', async () => {
    const db = await openDb(':memory:');
    await fill(db);
    const before = await fingerprints(db);
    for (const t of ['import_batches', 'import_issues', 'units', 'unit_aliases', 'blocs', 'bloc_members', 'movements', 'activities', 'awards', 'scores', 'settings']) {
      expect(before[t]?.rows, t).toBeGreaterThan(0);
    }
    const dir = path.join(tmp, 'b1');
    const manifest = await backupDatabase(db, dir);
    expect(manifest.tables).toEqual(before);
    expect(readManifest(dir).tables).toEqual(before);

    const target = path.join(tmp, 'restored.duckdb');
    const r = await restoreDatabase(dir, target);
    expect(r.previous).toBeNull();
    const restored = await openDb(target);
    try {
      expect(await fingerprints(restored)).toEqual(before);
      // Views answer and the sequences continue where they were.
      expect(await query(restored, 'SELECT count(*)::INTEGER AS n, sum(participants)::INTEGER AS p FROM v_activities')).toEqual([{ n: 2, p: 1250 }]);
      expect(await query(restored, "SELECT nextval('seq_batch_id')::INTEGER AS id")).toEqual([{ id: 4 }]);
      expect(await query(restored, "SELECT assessed_points FROM scores WHERE row_key = 's1'")).toEqual([{ assessed_points: 0.1 + 0.2 }]);
      // The fingerprint sees a changed value, not only a changed count.
      await withWriteTransaction(restored, (c) => c.run("UPDATE scores SET assessed_points = 0.3 WHERE row_key = 's1'"));
      expect((await fingerprints(restored)).scores.hash).not.toBe(before.scores.hash);
    } finally {
      restored.closeSync();
    }
  });

  it('restores over an existing file, keeping the old one beside it', async () => {
    const src = await openDb(':memory:');
    await fill(src);
    const dir = path.join(tmp, 'b2');
    const manifest = await backupDatabase(src, dir);
    const target = path.join(tmp, 'live.duckdb');
    const live = await openDb(target);
    await withWriteTransaction(live, (c) => c.run("INSERT INTO movements (name) VALUES ('chỉ có ở tệp cũ')"));
    live.closeSync();
    const r = await restoreDatabase(dir, target);
    expect(r.previous).toMatch(/live\.duckdb\.before-restore-/);
    expect(fs.existsSync(r.previous!)).toBe(true);
    const db = await openDb(target);
    try {
      expect(await fingerprints(db)).toEqual(manifest.tables);
    } finally {
      db.closeSync();
    }
  });

  it('takes a consistent snapshot while a writer keeps inserting', async () => {
    const db = await openDb(':memory:');
    await fill(db);
    let stop = false;
    const writer = (async () => {
      let i = 0;
      while (!stop) {
        await withWriteTransaction(db, (c) => c.run('INSERT INTO movements (name) VALUES ($n)', { n: `Phong trào ${i++}` }));
      }
      return i;
    })();
    await new Promise((r) => setTimeout(r, 20));
    const dir = path.join(tmp, 'b3');
    const manifest = await backupDatabase(db, dir);
    stop = true;
    const written = await writer;
    expect(written).toBeGreaterThan(0);
    // The restore checks the files against the manifest: both come from the same snapshot.
    await restoreDatabase(dir, path.join(tmp, 'snap.duckdb'));
    expect(manifest.tables.movements.rows).toBeGreaterThan(0);
  });

  it('refuses a non-empty target directory and an unfinished backup', async () => {
    const db = await openDb(':memory:');
    const dir = path.join(tmp, 'b4');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'x.txt'), 'x');
    await expect(backupDatabase(db, dir)).rejects.toThrow(/đã có dữ liệu/);
    await expect(restoreDatabase(dir, path.join(tmp, 'never.duckdb'))).rejects.toThrow(/không phải một bản sao lưu hoàn chỉnh/);
    expect(fs.existsSync(path.join(tmp, 'never.duckdb'))).toBe(false);
  });

  it('refuses a backup whose files were tampered with, leaving the target untouched', async () => {
    const src = await openDb(':memory:');
    await fill(src);
    const dir = path.join(tmp, 'b5');
    await backupDatabase(src, dir);
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    m.tables.activities.rows = 3;
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
    const target = path.join(tmp, 'keep.duckdb');
    (await openDb(target)).closeSync();
    const sizeBefore = fs.statSync(target).size;
    await expect(restoreDatabase(dir, target)).rejects.toThrow(/không khớp.*activities/);
    expect(fs.statSync(target).size).toBe(sizeBefore);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('keep.duckdb.'))).toEqual([]);
  });

  it('CLI: backs up and restores a file, and refuses while another process holds it', async () => {
    const file = path.join(tmp, 'cli.duckdb');
    const db = await openDb(file);
    await fill(db);
    const before = await fingerprints(db);
    const dir = path.join(tmp, 'cli-backup');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['dist/thidua.js', 'ops', ...args], { encoding: 'utf8', timeout: 60_000 });
    // The DuckDB lock is per process: a second process must be refused with a clear message.
    const locked = run('backup', dir, '--db', file);
    expect(locked.status).toBe(1);
    expect(locked.stderr).toMatch(/đang được một tiến trình khác/);
    db.closeSync();

    const ok = run('backup', dir, '--db', file);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Đã sao lưu/);
    const again = run('restore', dir, '--db', file);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/Đã khôi phục/);
    const restored = await openDb(file);
    try {
      expect(await fingerprints(restored)).toEqual(before);
    } finally {
      restored.closeSync();
    }
    expect(run('frobnicate').status).toBe(2);
  });
});
