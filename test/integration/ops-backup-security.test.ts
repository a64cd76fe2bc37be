import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, query } from '@/lib/db/client';
import { BACKUP_DIR_MODE, BACKUP_FILE_MODE, backupDatabase, restoreDatabase } from '@/lib/ops/backup';
import { createSession, validateSession } from '@/lib/auth/sessions';
import { createUser } from '@/lib/auth/users';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-backup-sec-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('ops: backups kept private, restores that run nothing of the backup', () => {
  it('writes backups readable by the owner only (0700 directory, 0600 files)', async () => {
    const db = await openDb(':memory:');
    await createUser(db, { username: 'quantri', password: 'Quan-tri-2026', role: 'admin' });
    const dir = path.join(tmp, 'bk-perm');
    await backupDatabase(db, dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(BACKUP_DIR_MODE);
    const files = fs.readdirSync(dir);
    expect(files).toContain('users.parquet');
    for (const f of files) expect(fs.statSync(path.join(dir, f)).mode & 0o777, f).toBe(BACKUP_FILE_MODE);
  });

  it('restores without bringing old login sessions back', async () => {
    const db = await openDb(':memory:');
    const u = await createUser(db, { username: 'quantri', password: 'Quan-tri-2026', role: 'admin' });
    const { token } = await createSession(db, u.user_id);
    const dir = path.join(tmp, 'bk-sessions');
    await backupDatabase(db, dir);
    const target = path.join(tmp, 'restored.duckdb');
    await restoreDatabase(dir, target);
    const restored = await openDb(target);
    try {
      expect(await query(restored, 'SELECT username FROM users')).toEqual([{ username: 'quantri' }]);
      expect(await query(restored, 'SELECT count(*)::INTEGER AS n FROM sessions')).toEqual([{ n: 0 }]);
      expect(await validateSession(restored, token)).toBeNull();
    } finally {
      restored.closeSync();
    }
  });

  it('runs a backup\'s schema.sql with no access to other files', async () => {
    const db = await openDb(':memory:');
    const dir = path.join(tmp, 'bk-hostile');
    await backupDatabase(db, dir);
    const secret = path.join(tmp, 'secret.csv');
    fs.writeFileSync(secret, 'a\n1\n');
    const leak = path.join(tmp, 'leak.csv');
    // A tampered backup tries to read a file outside it and write one.
    fs.appendFileSync(path.join(dir, 'schema.sql'), `\nCOPY (SELECT * FROM read_csv('${secret}')) TO '${leak}';\n`);
    await expect(restoreDatabase(dir, path.join(tmp, 'hostile.duckdb'))).rejects.toThrow(/Permission|disabled|access/i);
    expect(fs.existsSync(leak)).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'hostile.duckdb'))).toBe(false);
  });
});
