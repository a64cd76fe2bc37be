import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { query, type Db } from '@/lib/db/client';
import type { ImportResult } from '@/lib/import/types';
import type { SessionUser } from '@/lib/auth/types';
import { isInsideUploadRoot } from './paths';
import type { ImportChoices } from './choices';

/**
 * A file received from the browser and dry-run, waiting for the Office to confirm it. The row
 * remembers the last dry-run result so the page, the error-marked copy and the confirmation
 * all talk about the same thing. Writes are plain auto-commit statements on upload_staging:
 * they must not queue behind an import that is loading.
 */
type StagedStatus = 'validated' | 'rejected' | 'duplicate' | 'loaded' | 'failed';

export interface StagedUpload {
  uploadId: string;
  userId: number;
  username: string;
  fileName: string;
  fileSize: number;
  sha256: string;
  stagedPath: string;
  createdAt: string;
  status: StagedStatus;
  batchId: number | null;
  result: ImportResult | null;
  choices: ImportChoices;
}

const Row = z.object({
  upload_id: z.string(),
  user_id: z.coerce.number(),
  username: z.string(),
  file_name: z.string(),
  file_size: z.coerce.number(),
  sha256: z.string(),
  staged_path: z.string(),
  created_at: z.string(),
  status: z.enum(['validated', 'rejected', 'duplicate', 'loaded', 'failed']),
  batch_id: z.coerce.number().nullable(),
  result_json: z.string().nullable(),
});

function fromRow(r: z.infer<typeof Row>): StagedUpload {
  const stored = r.result_json ? (JSON.parse(r.result_json) as { result?: ImportResult; choices?: ImportChoices }) : {};
  return {
    uploadId: r.upload_id,
    userId: r.user_id,
    username: r.username,
    fileName: r.file_name,
    fileSize: r.file_size,
    sha256: r.sha256,
    stagedPath: r.staged_path,
    createdAt: r.created_at,
    status: r.status,
    batchId: r.batch_id,
    result: stored.result ?? null,
    choices: stored.choices ?? {},
  };
}

/** Status of the staging row for a dry-run or import result. */
function stagedStatusOf(result: ImportResult): StagedStatus {
  switch (result.status) {
    case 'validated':
      return 'validated';
    case 'loaded':
      return 'loaded';
    case 'duplicate':
      return 'duplicate';
    default:
      return 'rejected';
  }
}

export async function createStagedUpload(
  db: Db,
  input: { user: SessionUser; fileName: string; fileSize: number; sha256: string; stagedPath: string },
): Promise<string> {
  const uploadId = randomBytes(16).toString('base64url');
  await query(
    db,
    `INSERT INTO upload_staging (upload_id, user_id, username, file_name, file_size, sha256, staged_path, status)
     VALUES ($id, $uid, $un, $fn, $fs, $sha, $p, 'validated')`,
    {
      id: uploadId,
      uid: input.user.userId,
      un: input.user.username,
      fn: input.fileName,
      fs: input.fileSize,
      sha: input.sha256,
      p: input.stagedPath,
    },
  );
  return uploadId;
}

export async function saveStagedResult(
  db: Db,
  uploadId: string,
  result: ImportResult,
  choices: ImportChoices,
  status: StagedStatus = stagedStatusOf(result),
): Promise<void> {
  await query(
    db,
    'UPDATE upload_staging SET status = $s, dataset = $d, batch_id = $b, result_json = $j WHERE upload_id = $id',
    {
      s: status,
      d: result.dataset,
      b: result.status === 'loaded' ? result.batchId : result.status === 'duplicate' ? (result.duplicateOf ?? null) : null,
      j: JSON.stringify({ result, choices }),
      id: uploadId,
    },
  );
}

export async function markStagedFailed(db: Db, uploadId: string): Promise<void> {
  await query(db, "UPDATE upload_staging SET status = 'failed' WHERE upload_id = $id", { id: uploadId });
}

/**
 * The staged upload, if `user` may see it: its uploader, or an admin. Others get null, the same
 * as for an unknown id, so ids of other people's uploads cannot be probed.
 */
export async function getStagedUpload(db: Db, uploadId: string, user: SessionUser): Promise<StagedUpload | null> {
  if (!/^[\w-]{10,40}$/.test(uploadId)) return null;
  const rows = await query(
    db,
    `SELECT upload_id, user_id, username, file_name, file_size, sha256, staged_path, created_at::VARCHAR AS created_at,
            status, batch_id, result_json
     FROM upload_staging WHERE upload_id = $id`,
    { id: uploadId },
    Row,
  );
  const staged = rows[0] ? fromRow(rows[0]) : null;
  if (!staged) return null;
  if (staged.userId !== user.userId && user.role !== 'admin') return null;
  if (!isInsideUploadRoot(staged.stagedPath)) return null;
  return staged;
}

/** Drops staged files older than a day that were never confirmed (abandoned previews). */
export async function pruneStaging(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString().replace('T', ' ').replace('Z', '');
  const old = await query(
    db,
    'SELECT upload_id, staged_path FROM upload_staging WHERE created_at < $c::TIMESTAMP',
    { c: cutoff },
    z.object({ upload_id: z.string(), staged_path: z.string() }),
  );
  for (const o of old) {
    if (isInsideUploadRoot(o.staged_path)) await fs.promises.rm(o.staged_path, { force: true });
  }
  if (old.length) await query(db, 'DELETE FROM upload_staging WHERE created_at < $c::TIMESTAMP', { c: cutoff });
  return old.length;
}
