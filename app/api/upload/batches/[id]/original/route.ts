import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { NextRequest } from 'next/server';
import { requireApiUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { getBatch, originalPath } from '@/lib/upload/batches';
import { attachmentHeader } from '@/lib/upload/file-name';
import { jsonError } from '@/lib/upload/http';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The original file kept for a batch (audit, re-import). Office and admin. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiUser(req, 'office');
  if (auth.response) return auth.response;
  const batch = await getBatch(await getDb(), Number((await params).id));
  if (!batch) return jsonError(404, 'Không có lần nhập này.');
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
