/**
 * The reader itself, in the calling thread: recognise the file by its content, guard it, and
 * stream its rows. Cells come back as typed (text NFC-normalised, never trimmed or parsed).
 * The import runs it inside a worker (./isolated.ts); only that worker and reader tests call it directly.
 */
import { open, stat } from 'node:fs/promises';
import type { RawRow } from '@/lib/import/types';
import type { ImportLimits } from '@/lib/env';
import { openCsv, type BulkCsv } from './csv';
import { FileRejectedError } from './errors';
import { openXlsx } from './xlsx';
import type { SourceInput } from './zip';

export interface SheetSource {
  /** Sheet name; for CSV the file name. */
  name: string;
  /** Hidden or very hidden sheet in the workbook (never for CSV). */
  hidden?: boolean;
  /** Streams the rows in order. Empty rows may be skipped, rowNumber stays the spreadsheet's 1-based row number. */
  rows(): AsyncIterable<RawRow>;
}

export interface OpenedFile {
  format: 'xlsx' | 'csv';
  /** In workbook order (CSV: one). */
  sheets: SheetSource[];
  /** CSV: detected encoding, e.g. 'utf-8', 'utf-16le', 'windows-1258', 'tcvn3→unicode', 'vni→unicode'. */
  encoding?: string;
  /** CSV: ';' ',' or '\t'. */
  delimiter?: string;
  /** Vietnamese notes worth showing (e.g. "Đã chuyển mã TCVN3 sang Unicode"); CSV may add one when its rows are read. */
  notes: string[];
  /** CSV: a plain UTF-8 file on disk whose body DuckDB can load directly. */
  bulk?: BulkCsv;
  /** Frees what reading holds (the worker of an isolated read); rows cannot be read after it. */
  close?(): Promise<void>;
}

const HEAD_BYTES = 8;

async function readHead(input: SourceInput): Promise<{ head: Buffer; size: number }> {
  if ('bytes' in input) return { head: input.bytes.subarray(0, HEAD_BYTES), size: input.bytes.length };
  const { size } = await stat(input.path);
  const fh = await open(input.path, 'r');
  try {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    await fh.read(head, 0, head.length, 0);
    return { head, size };
  } finally {
    await fh.close();
  }
}

/** Other binary formats people upload by mistake, by their magic bytes. */
const OTHER_FORMATS: { magic: number[]; name: string }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46], name: 'tài liệu PDF' },
  { magic: [0x89, 0x50, 0x4e, 0x47], name: 'ảnh PNG' },
  { magic: [0xff, 0xd8, 0xff], name: 'ảnh JPEG' },
  { magic: [0x47, 0x49, 0x46, 0x38], name: 'ảnh GIF' },
  { magic: [0x52, 0x61, 0x72, 0x21], name: 'tệp nén RAR' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], name: 'tệp nén 7z' },
  { magic: [0x1f, 0x8b], name: 'tệp nén gzip' },
];

const startsWith = (head: Buffer, magic: number[]) => magic.every((b, i) => head[i] === b);

export async function readSpreadsheet(input: SourceInput, fileName: string, limits: ImportLimits): Promise<OpenedFile> {
  const { head, size } = await readHead(input);
  if (size === 0) {
    throw new FileRejectedError('empty', `Tệp rỗng: "${fileName}" không có dữ liệu (0 byte). Hãy kiểm tra lại tệp (có thể tải lên chưa xong) rồi tải lên lại.`);
  }
  if (size > limits.maxFileBytes) {
    throw new FileRejectedError(
      'too-large',
      `Tệp "${fileName}" lớn ${(size / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB, vượt quá giới hạn ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB. Hãy chia tệp thành nhiều tệp nhỏ hơn rồi tải lên lần lượt.`,
    );
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    const { sheets, notes } = await openXlsx(input, limits);
    return { format: 'xlsx', sheets, notes };
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new FileRejectedError(
      'xls',
      'Tệp .xls (Excel 97–2003) không được hỗ trợ. Hãy mở tệp trong Excel và Lưu thành (Save As) định dạng .xlsx (Excel Workbook) rồi tải lên lại.',
    );
  }
  for (const f of OTHER_FORMATS) {
    if (startsWith(head, f.magic)) {
      throw new FileRejectedError('not-spreadsheet', `Tệp "${fileName}" là ${f.name}, không phải bảng tính. Hãy tải lên tệp Excel .xlsx hoặc tệp .csv.`);
    }
  }
  const csv = await openCsv(input, fileName, limits);
  return {
    format: 'csv',
    sheets: [{ name: fileName, rows: () => csv.rows() }],
    // The encoding guessed on the first megabyte is confirmed when the rows are first read.
    get encoding() {
      return csv.encoding;
    },
    delimiter: csv.delimiter,
    notes: csv.notes,
    bulk: csv.bulk,
  };
}
