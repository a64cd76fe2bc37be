import { Readable } from 'node:stream';
import type { NextRequest } from 'next/server';
import { attachmentHeader } from '@/lib/upload/file-name';
import { jsonError, NOT_FOUND } from '@/lib/upload/http';
import { stagedUploadRequest, type IdRoute } from '@/lib/upload/requests';
import { stagedErrorWorkbook } from '@/lib/upload/staged-errors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The uploaded sheet with an extra «Lỗi» column and the faulty cells marked, to send back to the division. */
export async function GET(req: NextRequest, route: IdRoute) {
  const start = await stagedUploadRequest(req, route, 'office');
  if (start.response) return start.response;
  const { staged } = start;
  if (!staged.result) return jsonError(404, NOT_FOUND);
  const { stream, fileName } = await stagedErrorWorkbook({ ...staged, result: staged.result });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': attachmentHeader(fileName),
      'Cache-Control': 'no-store',
    },
  });
}
