import type { NextRequest } from 'next/server';
import { jsonError, readChoices } from '@/lib/upload/http';
import { ndjsonResponse } from '@/lib/upload/ndjson';
import { stagedUploadRequest, type IdRoute } from '@/lib/upload/requests';
import { runStagedImport } from '@/lib/upload/run-import';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Dry run again with the Office's corrections (header mapping, dataset, period, bloc). */
export async function POST(req: NextRequest, route: IdRoute) {
  const start = await stagedUploadRequest(req, route, 'office');
  if (start.response) return start.response;
  const { db, user, staged } = start;
  if (staged.status === 'loaded') return jsonError(409, `Tệp này đã được nhập (lần nhập #${staged.batchId}).`);
  const body = await readChoices(req);
  if (!body.ok) return body.response;
  return ndjsonResponse(async (emit) => {
    emit({ type: 'result', upload: await runStagedImport(db, staged, user, body.choices, 'preview', emit) });
  });
}
