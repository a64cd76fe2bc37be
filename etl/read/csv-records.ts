/**
 * CSV records: quoting followed across chunks (RFC 4180), a quote left open refused with its row,
 * whole records handed to papaparse a batch at a time, and fields turned into cells within the limits.
 */
import Papa from 'papaparse';
import type { Cell } from '@/lib/import/types';
import type { ImportLimits } from '@/lib/env';
import { columnLetter } from './cells';
import { binary, lfText, nfc, type CsvEncoding } from './csv-encoding';
import { FileRejectedError } from './errors';
import type { SourceInput } from './zip';

/**
 * Follows quoting across chunks (RFC 4180: a quote opens a field only at its start; "" inside
 * is a quote). Reports where complete records end so papaparse only sees whole records.
 */
export class RecordTracker {
  row = 1;
  inQuotes = false;
  openedAt = 0;
  private fieldStart = true;
  private pendingQuote = false;
  private readonly nl: number;
  private readonly d: number;

  constructor(delimiter: string) {
    this.nl = 10; // text comes through lfText
    this.d = delimiter.charCodeAt(0);
  }

  /** Feeds text; returns the index just after the last record end in it, or -1. */
  feed(s: string): number {
    let safe = -1;
    const { nl, d } = this;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (this.inQuotes) {
        if (this.pendingQuote) {
          this.pendingQuote = false;
          if (c === 34) continue; // "" escape
          this.inQuotes = false; // that quote closed the field; this char is outside
        } else {
          if (c === 34) this.pendingQuote = true;
          else if (c === nl) this.row++;
          continue;
        }
      }
      if (c === 34 && this.fieldStart) {
        this.inQuotes = true;
        this.openedAt = this.row;
        this.fieldStart = false;
      } else if (c === d) this.fieldStart = true;
      else if (c === nl) {
        this.row++;
        this.fieldStart = true;
        safe = i + 1;
      } else if (c !== 13) this.fieldStart = false;
    }
    return safe;
  }

  /** True when the text ended inside a quoted field. */
  get unbalanced(): boolean {
    return this.inQuotes && !this.pendingQuote;
  }
}

/**
 * Walks the whole text once: a NUL character means a binary file; a quote left open until the end
 * is refused with the row where it opened.
 */
export async function checkQuotes(input: SourceInput, encoding: CsvEncoding, delimiter: string): Promise<void> {
  const t = new RecordTracker(delimiter);
  for await (const s of lfText(input, encoding)) {
    if (s.indexOf('\u0000') !== -1) throw binary();
    t.feed(s);
  }
  if (t.unbalanced) {
    throw new FileRejectedError(
      'unbalanced-quotes',
      `Dòng ${t.openedAt}: dấu ngoặc kép (") mở mà không đóng, nên phần còn lại của tệp bị dồn vào một ô. Hãy sửa ô đó (thêm dấu " đóng, hoặc viết "" cho một dấu ngoặc kép trong ô) rồi tải lên lại.`,
      t.openedAt,
    );
  }
}

/** Whole records, a chunk at a time: papaparse parses each batch synchronously (bounded memory). */
export async function* recordBatches(input: SourceInput, encoding: CsvEncoding, delimiter: string, limits: ImportLimits): AsyncGenerator<string[][]> {
  const tracker = new RecordTracker(delimiter);
  const parse = (text: string) =>
    Papa.parse<string[]>(text, { delimiter, newline: '\n', header: false, dynamicTyping: false, skipEmptyLines: false, quoteChar: '"' }).data;
  let carry = '';
  for await (const s of lfText(input, encoding)) {
    const cut = tracker.feed(s);
    if (cut === -1) {
      carry += s;
      if (carry.length > limits.maxCellChars * 4 + 1024 * 1024) {
        throw new FileRejectedError(
          'cell-too-long',
          `Dòng ${tracker.row}: một dòng dài hơn ${carry.length.toLocaleString('vi-VN')} ký tự. Hãy kiểm tra dấu ngoặc kép và xuống dòng trong ô rồi tải lên lại.`,
          tracker.row,
        );
      }
      continue;
    }
    const text = carry + s.slice(0, cut - 1);
    carry = s.slice(cut);
    yield parse(text);
  }
  if (carry.length) yield parse(carry);
}

/**
 * Fields of one record → cells as the reader gives them: trailing empty fields dropped, '' → null,
 * text converted (UTF-8: NFC). Also what the DuckDB-loaded body's rows go through (csv-bulk.ts).
 */
export function fieldCells(fields: readonly string[], convert: (s: string) => string = nfc): Cell[] {
  let width = fields.length;
  while (width > 0 && fields[width - 1] === '') width--;
  const cells: Cell[] = new Array(width);
  for (let i = 0; i < width; i++) cells[i] = fields[i] === '' ? null : convert(fields[i]);
  return cells;
}

/** fieldCells within the reader limits (rows, columns, cell length), or null for an empty record. */
export function recordCells(fields: string[], rowNumber: number, limits: ImportLimits, convert: (s: string) => string): Cell[] | null {
  const cells = fieldCells(fields, convert);
  const width = cells.length;
  if (width === 0) return null;
  if (rowNumber > limits.maxRows) {
    throw new FileRejectedError(
      'too-many-rows',
      `Tệp có dữ liệu ở dòng ${rowNumber}, vượt quá giới hạn ${limits.maxRows.toLocaleString('vi-VN')} dòng. Hãy chia tệp thành nhiều tệp nhỏ hơn rồi tải lên lần lượt.`,
      rowNumber,
    );
  }
  if (width > limits.maxColumns) {
    throw new FileRejectedError(
      'too-many-columns',
      `Dòng ${rowNumber}: có dữ liệu ở cột ${columnLetter(width - 1)}, vượt quá giới hạn ${limits.maxColumns} cột. Hãy xóa các cột thừa bên phải bảng rồi tải lên lại.`,
      rowNumber,
    );
  }
  for (let i = 0; i < width; i++) {
    const f = fields[i];
    if (f.length > limits.maxCellChars) {
      throw new FileRejectedError(
        'cell-too-long',
        `Dòng ${rowNumber}, cột ${columnLetter(i)}: ô dài ${f.length.toLocaleString('vi-VN')} ký tự, vượt quá giới hạn ${limits.maxCellChars.toLocaleString('vi-VN')}. Hãy rút gọn nội dung ô (hoặc kiểm tra dấu ngoặc kép) rồi tải lên lại.`,
        rowNumber,
      );
    }
  }
  return cells;
}

