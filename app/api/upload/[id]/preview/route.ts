import type { NextRequest } from 'next/server';
import { ndjsonResponse } from '@/lib/upload/ndjson';
import { stagedChoicesRequest, type IdRoute } from '@/lib/upload/requests';
import { runStagedImport } from '@/lib/upload/run-import';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Dry run again with the Office's corrections (header mapping, dataset, period, bloc). */
export async function POST(req: NextRequest, route: IdRoute) {
  const start = await stagedChoicesRequest(req, route, 'office', { refuseLoaded: true });
  if (start.response) return start.response;
  const { db, user, staged, choices } = start;
  return ndjsonResponse(async (emit) => {
    emit({ type: 'result', upload: await runStagedImport(db, staged, user, choices, 'preview', emit) });
  });
}
