import type { NextRequest } from 'next/server';
import { recordAudit } from '@/lib/audit';
import { requireApiUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { jsonError, NOT_FOUND, readChoices } from '@/lib/upload/http';
import { ndjsonResponse } from '@/lib/upload/ndjson';
import { runStagedImport, uploadView } from '@/lib/upload/run-import';
import { getStagedUpload } from '@/lib/upload/staging';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Loads a staged file for real, all or nothing, with the corrections the Office made; the
 * original is kept for audit and re-import. Answers with NDJSON progress, then the result.
 */
export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiUser(req, 'office');
  if (auth.response) return auth.response;
  const db = await getDb();
  const staged = await getStagedUpload(db, (await params).id, auth.user);
  if (!staged) return jsonError(404, NOT_FOUND);
  const body = await readChoices(req);
  if (!body.ok) return body.response;
  if (staged.status === 'loaded') {
    // Confirming twice (double click, retry after a dropped answer) is not a second load.
    return ndjsonResponse(async (emit) => emit({ type: 'result', upload: uploadView(staged) }));
  }
  return ndjsonResponse(async (emit) => {
    const upload = await runStagedImport(db, staged, auth.user, body.choices, 'confirm', emit);
    await recordAudit(db, auth.user, 'upload.confirm', { target: staged.fileName, details: { status: upload.status, batchId: upload.batchId, dataset: upload.result?.dataset ?? null } });
    emit({ type: 'result', upload });
  });
}
