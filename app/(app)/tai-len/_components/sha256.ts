import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * SHA-256 of a File in the browser, sent with the upload so the server can tell a truncated or
 * altered body. crypto.subtle exists only in secure contexts (HTTPS or localhost); an office LAN
 * served over plain http hashes incrementally with @noble/hashes, 4 MB at a time.
 */
export async function sha256OfFile(file: Blob, onProgress?: (ratio: number) => void): Promise<string> {
  const subtle = typeof crypto !== 'undefined' ? crypto.subtle : undefined;
  if (subtle) {
    const digest = await subtle.digest('SHA-256', await file.arrayBuffer());
    onProgress?.(1);
    return bytesToHex(new Uint8Array(digest));
  }
  const hash = sha256.create();
  const step = 4 * 1024 * 1024;
  for (let off = 0; off < file.size; off += step) {
    hash.update(new Uint8Array(await file.slice(off, off + step).arrayBuffer()));
    onProgress?.(Math.min(1, (off + step) / file.size));
  }
  return bytesToHex(hash.digest());
}
