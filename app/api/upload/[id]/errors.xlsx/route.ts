import { Readable } from 'node:stream';
import type { NextRequest } from 'next/server';
import { requireApiUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { attachmentHeader } from '@/lib/upload/file-name';
import { jsonError, NOT_FOUND } from '@/lib/upload/http';
import { stagedErrorWorkbook } from '@/lib/upload/staged-errors';
import { getStagedUpload } from '@/lib/upload/staging';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The uploaded sheet with an extra «Lỗi» column and the faulty cells marked, to send back to the division. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiUser(req, 'office');
  if (auth.response) return auth.response;
  const staged = await getStagedUpload(await getDb(), (await params).id, auth.user);
  if (!staged || !staged.result) return jsonError(404, NOT_FOUND);
  const { stream, fileName } = await stagedErrorWorkbook({ ...staged, result: staged.result });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': attachmentHeader(fileName),
      'Cache-Control': 'no-store',
    },
  });
}
