import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { incompleteMessage, SHA_MISMATCH_MESSAGE } from '@/etl/read/integrity';
import { formatNumber } from '@/lib/format';

/** Raised when a received body is refused; `status` is the HTTP status to answer with. */
export class UploadRejectedError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'UploadRejectedError';
  }
}

export function tooLargeMessage(maxBytes: number): string {
  return `Tệp vượt quá giới hạn ${formatNumber(maxBytes / 1024 / 1024)} MB. Hãy tách tệp thành nhiều tệp nhỏ hơn (ví dụ theo quý) rồi tải lên lần lượt.`;
}

interface ReceivedFile {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Streams a request body to `dir/<random><ext>`, hashing as it goes and stopping as soon as it
 * passes `maxBytes` (413). Then checks the byte count against Content-Length and the sha256
 * against the one the browser computed: a truncated or altered transfer is never parsed.
 */
export async function receiveToFile(
  body: ReadableStream<Uint8Array> | null,
  opts: { dir: string; ext: string; maxBytes: number; expectedSize: number | null; expectedSha256: string },
): Promise<ReceivedFile> {
  if (!body) throw new UploadRejectedError(400, 'Không nhận được nội dung tệp. Hãy chọn lại tệp và tải lên lần nữa.');
  const file = path.join(opts.dir, `${randomBytes(12).toString('hex')}${opts.ext}`);
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  const hash = createHash('sha256');
  let size = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > opts.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new UploadRejectedError(413, tooLargeMessage(opts.maxBytes));
      }
      hash.update(value);
      if (!out.write(value)) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (size === 0) throw new UploadRejectedError(400, 'Tệp rỗng (0 byte). Hãy kiểm tra lại tệp trước khi tải lên.');
    if (opts.expectedSize !== null && size !== opts.expectedSize) {
      throw new UploadRejectedError(400, incompleteMessage(size, opts.expectedSize));
    }
    const sha256 = hash.digest('hex');
    if (sha256 !== opts.expectedSha256.toLowerCase()) {
      throw new UploadRejectedError(400, SHA_MISMATCH_MESSAGE);
    }
    return { path: file, size, sha256 };
  } catch (err) {
    out.destroy();
    await fs.promises.rm(file, { force: true });
    throw err;
  }
}
