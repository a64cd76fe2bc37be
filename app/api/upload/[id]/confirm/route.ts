import type { NextRequest } from 'next/server';
import { recordAudit } from '@/lib/audit';
import { ndjsonResponse } from '@/lib/upload/ndjson';
import { stagedChoicesRequest, type IdRoute } from '@/lib/upload/requests';
import { runStagedImport, uploadView } from '@/lib/upload/run-import';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Loads a staged file for real, all or nothing, with the corrections the Office made; the
 * original is kept for audit and re-import. Answers with NDJSON progress, then the result.
 */
export async function POST(req: NextRequest, route: IdRoute) {
  const start = await stagedChoicesRequest(req, route, 'office', { refuseLoaded: false });
  if (start.response) return start.response;
  const { db, user, staged, choices } = start;
  if (staged.status === 'loaded') {
    // Confirming twice (double click, retry after a dropped answer) is not a second load.
    return ndjsonResponse(async (emit) => emit({ type: 'result', upload: uploadView(staged) }));
  }
  return ndjsonResponse(async (emit) => {
    const upload = await runStagedImport(db, staged, user, choices, 'confirm', emit);
    await recordAudit(db, user, 'upload.confirm', { target: staged.fileName, details: { status: upload.status, batchId: upload.batchId, dataset: upload.result?.dataset ?? null } });
    emit({ type: 'result', upload });
  });
}
