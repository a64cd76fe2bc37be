import type { Dataset } from '@/lib/domain';
import { query, queryOn, withWriteTransaction, type Db } from '@/lib/db/client';
import { restoreUnitsBatch, UnitsUndoError } from '@/lib/units/history';

/** The batches a file import leaves behind (lần nhập): listing them and undoing one. */

interface BatchInfo {
  batch_id: number;
  file_name: string;
  dataset: Dataset;
  rows_loaded: number;
  rows_skipped: number;
  imported_by: string;
  imported_at: string;
  status: 'loaded' | 'undone';
  period: string | null;
  sheet_name: string | null;
  sha256: string;
  undone_by: string | null;
  undone_at: string | null;
}

export async function listBatches(db: Db): Promise<BatchInfo[]> {
  const rows = await query<Record<string, unknown>>(
    db,
    `SELECT batch_id, file_name, dataset, rows_loaded, rows_skipped, imported_by, strftime(imported_at, '%Y-%m-%d %H:%M:%S') AS imported_at,
            status, period, sheet_name, sha256, undone_by, strftime(undone_at, '%Y-%m-%d %H:%M:%S') AS undone_at
     FROM import_batches ORDER BY batch_id DESC`,
  );
  return rows.map((r) => ({
    ...(r as unknown as BatchInfo),
    batch_id: Number(r.batch_id),
    rows_loaded: Number(r.rows_loaded),
    rows_skipped: Number(r.rows_skipped),
  }));
}

export class UndoError extends Error {
  constructor(
    message: string,
    /** 'units_in_use': a units batch whose new units loaded rows already use. */
    readonly code?: 'units_in_use',
  ) {
    super(message);
    this.name = 'UndoError';
  }
}

/**
 * Undoes a batch: status 'undone' and its facts deleted (views only show loaded batches anyway).
 * A units batch puts units and aliases back as they were (lib/units/history.ts); it cannot be
 * undone while loaded rows use a unit it added.
 */
export async function undoBatch(db: Db, batchId: number, by: string): Promise<{ batchId: number; rowsRemoved: number }> {
  return withWriteTransaction(db, async (conn) => {
    const rows = await queryOn<{ status: string; dataset: string }>(conn, 'SELECT status, dataset FROM import_batches WHERE batch_id = $id', { id: batchId });
    if (!rows.length) throw new UndoError(`Không có lần nhập #${batchId}. Xem danh sách lần nhập bằng lệnh «batches».`);
    if (rows[0].status === 'undone') throw new UndoError(`Lần nhập #${batchId} đã được hủy trước đó.`);
    let removed = 0;
    const dataset = rows[0].dataset as Dataset;
    if (dataset === 'activities' || dataset === 'awards' || dataset === 'scores') {
      const r = await queryOn<{ n: number }>(conn, `SELECT count(*)::INTEGER AS n FROM ${dataset} WHERE batch_id = $id`, { id: batchId });
      removed = Number(r[0].n);
      await conn.run(`DELETE FROM ${dataset} WHERE batch_id = $id`, { id: batchId });
    } else {
      const r = await queryOn<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM bloc_members WHERE batch_id = $id', { id: batchId });
      removed = Number(r[0].n);
      await conn.run('DELETE FROM bloc_members WHERE batch_id = $id', { id: batchId });
      try {
        await restoreUnitsBatch(conn, batchId);
      } catch (e) {
        if (e instanceof UnitsUndoError) throw new UndoError(e.message, 'units_in_use');
        throw e;
      }
    }
    await conn.run("UPDATE import_batches SET status = 'undone', undone_by = $by, undone_at = current_timestamp WHERE batch_id = $id", { by, id: batchId });
    return { batchId, rowsRemoved: removed };
  });
}
