import type { NextRequest } from 'next/server';
import { requireApiUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { jsonError, NOT_FOUND, readChoices } from '@/lib/upload/http';
import { ndjsonResponse } from '@/lib/upload/ndjson';
import { runStagedImport } from '@/lib/upload/run-import';
import { getStagedUpload } from '@/lib/upload/staging';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Dry run again with the Office's corrections (header mapping, dataset, period, bloc). */
export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiUser(req, 'office');
  if (auth.response) return auth.response;
  const db = await getDb();
  const staged = await getStagedUpload(db, (await params).id, auth.user);
  if (!staged) return jsonError(404, NOT_FOUND);
  if (staged.status === 'loaded') return jsonError(409, `Tệp này đã được nhập (lần nhập #${staged.batchId}).`);
  const body = await readChoices(req);
  if (!body.ok) return body.response;
  return ndjsonResponse(async (emit) => {
    emit({ type: 'result', upload: await runStagedImport(db, staged, auth.user, body.choices, 'preview', emit) });
  });
}
