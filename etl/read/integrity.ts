/**
 * Is the file we parse the file that was sent? The upload checks the received body against the
 * browser's size and SHA-256; the CLI can pass the same two facts (--size, --sha256), and a file
 * on disk must not change between the moment it is hashed and the moment its rows are stored
 * (a copy still in progress). One set of messages for both.
 */
import { stat } from 'node:fs/promises';
import { formatNumber } from '@/lib/format';

export function incompleteMessage(got: number, expected: number): string {
  return `Tệp nhận được không đầy đủ (${formatNumber(got)} / ${formatNumber(expected)} byte). Có thể đường truyền bị gián đoạn hoặc tệp chưa chép xong; hãy chép hoặc tải lên lại tệp đầy đủ.`;
}

export const SHA_MISMATCH_MESSAGE =
  'Mã kiểm tra (SHA-256) của tệp nhận được không khớp với tệp đã gửi. Có thể đường truyền bị lỗi hoặc tệp đã bị sửa; hãy chép hoặc tải lên lại.';

export function changedMessage(fileName: string): string {
  return `Tệp «${fileName}» đã thay đổi trong lúc đang đọc (kích thước hoặc thời điểm sửa khác lúc bắt đầu) — có thể tệp đang được chép hoặc ghi dở. Không có dữ liệu nào được ghi. Hãy đợi chép xong rồi nhập lại.`;
}

/** What the file looked like when it was hashed. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export async function stampOf(path: string): Promise<FileStamp> {
  const s = await stat(path);
  return { size: s.size, mtimeMs: s.mtimeMs };
}

/** True when the file on disk is no longer the one stamped (or is gone). */
export async function changedSince(path: string, stamp: FileStamp): Promise<boolean> {
  try {
    const now = await stampOf(path);
    return now.size !== stamp.size || now.mtimeMs !== stamp.mtimeMs;
  } catch {
    return true;
  }
}

/** The CLI's (or any caller's) expected size and SHA-256 against what was read; a message, or null. */
export function expectationFailure(meta: { size: number; sha256: string }, expected: { size?: number; sha256?: string } | undefined): string | null {
  if (!expected) return null;
  if (expected.size !== undefined && expected.size !== meta.size) return incompleteMessage(meta.size, expected.size);
  if (expected.sha256 !== undefined && expected.sha256.toLowerCase() !== meta.sha256) return SHA_MISMATCH_MESSAGE;
  return null;
}
