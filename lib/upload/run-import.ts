import type { Db } from '@/lib/db/client';
import type { ImportResult } from '@/lib/import/types';
import { importFile } from '@/etl/pipeline';
import type { SessionUser } from '@/lib/auth/types';
import type { ImportChoices } from './choices';
import { originalsDir } from './paths';
import { markStagedFailed, saveStagedResult, type StagedUpload } from './staging';
import { throttledProgress, type UploadEvent } from './ndjson';

/** What the browser gets for a staged upload (no server paths). */
export interface UploadView {
  uploadId: string;
  fileName: string;
  fileSize: number;
  sha256: string;
  status: StagedUpload['status'];
  batchId: number | null;
  choices: ImportChoices;
  result: ImportResult | null;
  uploadedBy: string;
}

export function uploadView(s: StagedUpload): UploadView {
  return {
    uploadId: s.uploadId,
    fileName: s.fileName,
    fileSize: s.fileSize,
    sha256: s.sha256,
    status: s.status,
    batchId: s.batchId,
    choices: s.choices,
    result: s.result,
    uploadedBy: s.username,
  };
}

/**
 * Runs the pipeline on a staged file: a dry run (nothing written) for the preview, or the real
 * all-or-nothing import on confirmation, which also keeps the original under originals/.
 */
export async function runStagedImport(
  db: Db,
  staged: StagedUpload,
  user: SessionUser,
  choices: ImportChoices,
  mode: 'preview' | 'confirm',
  emit: (e: UploadEvent) => void,
): Promise<UploadView> {
  let result: ImportResult;
  try {
    result = await importFile(db, { path: staged.stagedPath }, {
      fileName: staged.fileName,
      importedBy: user.username,
      dryRun: mode === 'preview',
      ...(mode === 'confirm' ? { storeOriginalDir: originalsDir() } : {}),
      ...choices,
      onProgress: throttledProgress(emit),
    });
  } catch (err) {
    await markStagedFailed(db, staged.uploadId).catch(() => undefined);
    throw err;
  }
  await saveStagedResult(db, staged.uploadId, result, choices);
  return uploadView({
    ...staged,
    status: result.status === 'validated' ? 'validated' : result.status === 'loaded' ? 'loaded' : result.status === 'duplicate' ? 'duplicate' : 'rejected',
    batchId: result.status === 'loaded' ? result.batchId : (result.duplicateOf ?? null),
    result,
    choices,
  });
}
