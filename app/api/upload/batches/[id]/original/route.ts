import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { NextRequest } from 'next/server';
import { originalPath } from '@/lib/upload/batches';
import { attachmentHeader } from '@/lib/upload/file-name';
import { jsonError } from '@/lib/upload/http';
import { batchRequest, type IdRoute } from '@/lib/upload/requests';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The original file kept for a batch (audit, re-import). Office and admin. */
export async function GET(req: NextRequest, route: IdRoute) {
  const start = await batchRequest(req, route, 'office');
  if (start.response) return start.response;
  const { batch } = start;
  const file = originalPath(batch);
  if (!file) return jsonError(404, `Lần nhập #${batch.batch_id} không còn giữ tệp gốc (lần nhập bằng dòng lệnh hoặc tệp đã bị xóa).`);
  const size = fs.statSync(file).size;
  const ext = path.extname(batch.file_name) ? '' : path.extname(file);
  return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(size),
      'Content-Disposition': attachmentHeader(`${batch.file_name}${ext}`),
      'Cache-Control': 'no-store',
    },
  });
}
