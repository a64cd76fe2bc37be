import type { NextRequest } from 'next/server';
import { recordAudit } from '@/lib/audit';
import { seeOther } from '@/lib/auth/request';
import { canUndo, undoBatch, UndoError } from '@/lib/upload/batches';
import { jsonError } from '@/lib/upload/http';
import { batchRequest, type IdRoute } from '@/lib/upload/requests';
import { routes, withQuery } from '@/lib/routes';

export const dynamic = 'force-dynamic';

/**
 * Undo a batch (form post from the confirmation page). Office may undo its own batches, admin
 * any. Answers with a redirect to the history, which shows what happened.
 */
export async function POST(req: NextRequest, route: IdRoute) {
  const start = await batchRequest(req, route, 'office');
  if (start.response) return start.response;
  const { db, user, batch } = start;
  if (!canUndo(user, batch)) {
    if (batch.status !== 'loaded') return seeOther(withQuery(routes.uploadHistory, { loi: 'da-hoan-tac', lo: batch.batch_id }));
    return jsonError(403, `Chỉ người thực hiện lần nhập #${batch.batch_id} (${batch.imported_by}) hoặc quản trị viên được hủy lần nhập này.`);
  }
  try {
    await undoBatch(db, batch.batch_id, user.username);
  } catch (err) {
    if (err instanceof UndoError) return seeOther(withQuery(routes.uploadHistory, { loi: err.code === 'units_in_use' ? 'don-vi-dang-dung' : 'khong-hoan-tac', lo: batch.batch_id }));
    throw err;
  }
  await recordAudit(db, user, 'batch.undo', { target: `lần nhập #${batch.batch_id}`, details: { file: batch.file_name, dataset: batch.dataset } });
  return seeOther(withQuery(routes.uploadHistory, { 'da-hoan-tac': batch.batch_id }));
}
