import type { NextRequest } from 'next/server';
import { requireApiUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { importLimits } from '@/lib/env';
import { decodeFileName, safeExtension } from '@/lib/upload/file-name';
import { jsonError } from '@/lib/upload/http';
import { ndjsonResponse } from '@/lib/upload/ndjson';
import { stagingDir } from '@/lib/upload/paths';
import { receiveToFile, tooLargeMessage, UploadRejectedError } from '@/lib/upload/receive';
import { runStagedImport } from '@/lib/upload/run-import';
import { createStagedUpload, getStagedUpload, pruneStaging } from '@/lib/upload/staging';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Receives one file as the raw request body (headers X-File-Name, X-Content-Sha256), stages it
 * and answers with NDJSON: progress of the dry run, then the preview. Nothing enters the store.
 * Session and role are checked before a byte of the body is read.
 */
export async function POST(req: NextRequest) {
  const auth = await requireApiUser(req, 'office');
  if (auth.response) return auth.response;
  const user = auth.user;

  const { maxFileBytes } = importLimits();
  const declared = req.headers.get('content-length');
  const expectedSize = declared !== null && /^\d+$/.test(declared) ? Number(declared) : null;
  if (expectedSize !== null && expectedSize > maxFileBytes) return jsonError(413, tooLargeMessage(maxFileBytes));
  const expectedSha256 = req.headers.get('x-content-sha256') ?? '';
  if (!/^[0-9a-fA-F]{64}$/.test(expectedSha256)) {
    return jsonError(400, 'Thiếu mã kiểm tra SHA-256 của tệp (tiêu đề X-Content-Sha256). Hãy tải lên từ trang «Tải dữ liệu lên».');
  }
  const fileName = decodeFileName(req.headers.get('x-file-name'));

  let received;
  try {
    received = await receiveToFile(req.body, { dir: stagingDir(), ext: safeExtension(fileName), maxBytes: maxFileBytes, expectedSize, expectedSha256 });
  } catch (err) {
    if (err instanceof UploadRejectedError) return jsonError(err.status, err.message);
    throw err;
  }

  const db = await getDb();
  await pruneStaging(db).catch(() => undefined);
  const uploadId = await createStagedUpload(db, { user, fileName, fileSize: received.size, sha256: received.sha256, stagedPath: received.path });
  const staged = await getStagedUpload(db, uploadId, user);
  if (!staged) return jsonError(500, 'Không lưu được tệp tạm. Hãy thử lại.');

  return ndjsonResponse(async (emit) => {
    const view = await runStagedImport(db, staged, user, {}, 'preview', emit);
    emit({ type: 'result', upload: view });
  });
}
