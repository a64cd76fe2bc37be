import fs from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

/** Where uploads live: `staging/` until confirmed (or abandoned), `originals/` for kept files of batches. */
export function uploadRoot(): string {
  return path.resolve(env().THIDUA_UPLOAD_DIR);
}

export function stagingDir(): string {
  const dir = path.join(uploadRoot(), 'staging');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function originalsDir(): string {
  const dir = path.join(uploadRoot(), 'originals');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** True when `file` resolves inside the upload directory (a stored path is never trusted blindly). */
export function isInsideUploadRoot(file: string): boolean {
  const rel = path.relative(uploadRoot(), path.resolve(file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
