import fs from 'node:fs';
import { z } from 'zod';
import { query, type Db } from '@/lib/db/client';
import { DATASETS } from '@/lib/domain';
import type { SessionUser } from '@/lib/auth/types';
import { isInsideUploadRoot } from './paths';

/** Batch history for the upload pages: who, when, file, dataset, rows, status. */
/** Undo goes through this module: the app reaches the pipeline only through lib/upload. */
export { undoBatch, UndoError } from '@/etl/pipeline';

export const BatchRow = z.object({
  batch_id: z.coerce.number(),
  file_name: z.string(),
  file_size: z.coerce.number().nullable(),
  sha256: z.string(),
  dataset: z.enum(DATASETS),
  rows_loaded: z.coerce.number(),
  rows_skipped: z.coerce.number(),
  imported_by: z.string(),
  imported_at: z.string(),
  status: z.enum(['loaded', 'undone']),
  undone_by: z.string().nullable(),
  undone_at: z.string().nullable(),
  period: z.string().nullable(),
  sheet_name: z.string().nullable(),
  bloc_name: z.string().nullable(),
  stored_path: z.string().nullable(),
  warnings: z.coerce.number(),
});
export type BatchRow = z.infer<typeof BatchRow>;

const SELECT = `
SELECT b.batch_id, b.file_name, b.file_size, b.sha256, b.dataset, b.rows_loaded, b.rows_skipped, b.imported_by,
       strftime(b.imported_at, '%Y-%m-%d %H:%M:%S') AS imported_at, b.status, b.undone_by,
       strftime(b.undone_at, '%Y-%m-%d %H:%M:%S') AS undone_at, b.period, b.sheet_name, bl.name AS bloc_name,
       b.stored_path,
       (SELECT count(*) FROM import_issues i WHERE i.batch_id = b.batch_id AND i.severity = 'warning')::INTEGER AS warnings
FROM import_batches b LEFT JOIN blocs bl ON bl.bloc_id = b.bloc_id`;

export async function listBatchHistory(db: Db, opts: { limit?: number; offset?: number } = {}): Promise<BatchRow[]> {
  return query(db, `${SELECT} ORDER BY b.batch_id DESC LIMIT $limit OFFSET $offset`, { limit: opts.limit ?? 50, offset: opts.offset ?? 0 }, BatchRow);
}

export async function countBatches(db: Db): Promise<number> {
  const [r] = await query(db, 'SELECT count(*)::INTEGER AS n FROM import_batches', {}, z.object({ n: z.coerce.number() }));
  return r.n;
}

export async function getBatch(db: Db, batchId: number): Promise<BatchRow | null> {
  if (!Number.isInteger(batchId) || batchId <= 0) return null;
  const rows = await query(db, `${SELECT} WHERE b.batch_id = $id`, { id: batchId }, BatchRow);
  return rows[0] ?? null;
}

/** Office may undo its own batches, admin any; an undone batch cannot be undone again. */
export function canUndo(user: SessionUser, batch: BatchRow): boolean {
  if (batch.status !== 'loaded') return false;
  if (user.role === 'admin') return true;
  return user.role === 'office' && batch.imported_by === user.username;
}

/**
 * Re-import brings back an undone batch from its kept original: only undone batches (a loaded
 * one would be a duplicate), and only by whoever imported it or an admin. Null when allowed.
 */
export function canReimport(user: SessionUser, batch: BatchRow): { status: 403 | 409; message: string } | null {
  if (batch.status !== 'undone') {
    return { status: 409, message: `Lần nhập #${batch.batch_id} đang có hiệu lực; chỉ nhập lại được lần nhập đã hủy.` };
  }
  if (user.role === 'admin' || (user.role === 'office' && batch.imported_by === user.username)) return null;
  return { status: 403, message: `Chỉ người thực hiện lần nhập #${batch.batch_id} (${batch.imported_by}) hoặc quản trị viên được nhập lại lần nhập này.` };
}

/** The kept original of a batch, when it exists inside the upload directory. */
export function originalPath(batch: BatchRow): string | null {
  if (!batch.stored_path || !isInsideUploadRoot(batch.stored_path)) return null;
  return fs.existsSync(batch.stored_path) ? batch.stored_path : null;
}

const BatchIssue = z.object({
  row_no: z.coerce.number().nullable(),
  column_name: z.string().nullable(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});

export async function batchIssues(db: Db, batchId: number, limit = 200) {
  return query(
    db,
    'SELECT row_no, column_name, severity, message FROM import_issues WHERE batch_id = $id ORDER BY row_no NULLS FIRST LIMIT $limit',
    { id: batchId, limit },
    BatchIssue,
  );
}
