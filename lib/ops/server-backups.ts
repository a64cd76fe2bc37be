import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { BACKUP_DIR_MODE, backupDatabase, BackupError, MANIFEST_FILE, readManifest, type BackupManifest } from './backup';

/**
 * Backups the running server takes (the admin page and POST /api/ops/backup): each in a new
 * directory `sao-luu-<UTC time>-<random>` under THIDUA_BACKUP_DIR.
 */

export function backupRoot(): string {
  return path.resolve(env().THIDUA_BACKUP_DIR);
}

export async function takeServerBackup(db: Db): Promise<{ dir: string; manifest: BackupManifest }> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  fs.mkdirSync(backupRoot(), { recursive: true, mode: BACKUP_DIR_MODE });
  const dir = path.join(backupRoot(), `sao-luu-${stamp}-${crypto.randomBytes(3).toString('hex')}`);
  return { dir, manifest: await backupDatabase(db, dir) };
}

/** What the admin is told when a backup fails (the details go to the server log). */
export function backupFailureMessage(err: unknown): string {
  console.error('[ops] backup failed', err);
  return err instanceof BackupError ? err.message : 'Không sao lưu được cơ sở dữ liệu. Xem nhật ký máy chủ để biết chi tiết.';
}

interface ServerBackup {
  name: string;
  dir: string;
  /** Null for a directory without a manifest: an unfinished backup, never restored. */
  manifest: BackupManifest | null;
  /** Total bytes of the files in the directory. */
  bytes: number;
}

/** The backups under THIDUA_BACKUP_DIR, newest first. */
export function listServerBackups(): ServerBackup[] {
  const root = backupRoot();
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith('sao-luu-'))
    .map((e) => {
      const dir = path.join(root, e.name);
      let manifest: BackupManifest | null = null;
      try {
        if (fs.existsSync(path.join(dir, MANIFEST_FILE))) manifest = readManifest(dir);
      } catch {
        manifest = null;
      }
      const bytes = fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
      return { name: e.name, dir, manifest, bytes };
    })
    .sort((a, b) => b.name.localeCompare(a.name));
}
