import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { NextRequest } from 'next/server';
import { recordAudit } from '@/lib/audit';
import { seeOther } from '@/lib/auth/request';
import { canReimport, originalPath } from '@/lib/upload/batches';
import { safeExtension } from '@/lib/upload/file-name';
import { jsonError } from '@/lib/upload/http';
import { stagingDir } from '@/lib/upload/paths';
import { batchRequest, type IdRoute } from '@/lib/upload/requests';
import { runStagedImport } from '@/lib/upload/run-import';
import { createStagedUpload, getStagedUpload } from '@/lib/upload/staging';
import { routes, withQuery } from '@/lib/routes';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Re-import an undone batch from its kept original: the file is staged again and dry-run, and
 * the upload page opens on the preview, where the Office confirms as for any upload.
 */
export async function POST(req: NextRequest, route: IdRoute) {
  const start = await batchRequest(req, route, 'office');
  if (start.response) return start.response;
  const { db, user, batch } = start;
  const refusal = canReimport(user, batch);
  if (refusal) return jsonError(refusal.status, refusal.message);
  const original = originalPath(batch);
  if (!original) return jsonError(404, `Lần nhập #${batch.batch_id} không còn giữ tệp gốc.`);

  const staged = path.join(stagingDir(), `${randomBytes(12).toString('hex')}${safeExtension(batch.file_name)}`);
  await fs.promises.copyFile(original, staged, fs.constants.COPYFILE_EXCL);
  const uploadId = await createStagedUpload(db, {
    user,
    fileName: batch.file_name,
    fileSize: (await fs.promises.stat(staged)).size,
    sha256: batch.sha256,
    stagedPath: staged,
  });
  const upload = await getStagedUpload(db, uploadId, user);
  if (!upload) return jsonError(500, 'Không lưu được tệp tạm. Hãy thử lại.');
  await runStagedImport(db, upload, user, {}, 'preview', () => undefined);
  await recordAudit(db, user, 'upload.reimport', { target: `lần nhập #${batch.batch_id}`, details: { file: batch.file_name } });
  return seeOther(withQuery(routes.upload, { tep: uploadId }));
}
