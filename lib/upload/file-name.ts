import path from 'node:path';
import { cleanText } from '@/lib/text';

/**
 * The browser sends the file name URI-encoded in X-File-Name (headers are ASCII). Keep only a
 * base name, no control or path characters, NFC, at most 200 characters.
 */
export function decodeFileName(header: string | null): string {
  let name = header ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    /* not encoded: use as sent */
  }
  name = cleanText(name.replace(/[\u0000-\u001f\u007f]/g, '').replace(/[\\/]/g, '_'));
  name = name.replace(/^\.+/, '');
  if (name.length > 200) {
    const ext = path.extname(name).slice(0, 10);
    name = name.slice(0, 200 - ext.length) + ext;
  }
  return name || 'tep-tai-len';
}

const KNOWN_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls', '.csv', '.txt', '.tsv']);

/** Extension for the staged copy (readers check content, but keeping the extension helps people auditing). */
export function safeExtension(fileName: string): string {
  const ext = path.extname(fileName).toLowerCase();
  return KNOWN_EXTENSIONS.has(ext) ? ext : '';
}

/** `Content-Disposition` value that carries a Vietnamese file name (RFC 6266 / 5987). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
