/**
 * CSV / TXT reader: encoding and delimiter detection, a quote-balance check with the row
 * number, then rows streamed through papaparse (no type guessing; cells stay text).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { Cell, RawRow } from '@/etl/types';
import type { ImportLimits } from '@/lib/env';
import { columnLetter } from './cells';
import { FileRejectedError } from './errors';
import { decodeTcvn3, decodeVni, vietnameseScore } from './legacy-vn';
import type { SourceInput } from './zip';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258' | 'tcvn3→unicode' | 'vni→unicode' | 'utf-8 (tcvn3→unicode)' | 'utf-8 (vni→unicode)';

export interface CsvInfo {
  encoding: CsvEncoding;
  delimiter: ';' | ',' | '\t';
  newline: '\r\n' | '\n' | '\r';
  notes: string[];
  rows(): AsyncIterable<RawRow>;
  /** Set for a UTF-8 file on disk: its body can be loaded by DuckDB directly. */
  bulk?: BulkCsv;
}

const SAMPLE_BYTES = 1024 * 1024;
const CHUNK_BYTES = 256 * 1024;

const UNIKEY_HINT =
  'Hãy chuyển tệp sang Unicode bằng Unikey (Công cụ chuyển mã: chọn bảng mã nguồn TCVN3 hoặc VNI, bảng mã đích Unicode) hoặc mở tệp trong Excel và lưu thành "CSV UTF-8", rồi tải lên lại.';

async function* byteChunks(input: SourceInput): AsyncGenerator<Buffer> {
  if ('bytes' in input) {
    for (let i = 0; i < input.bytes.length; i += CHUNK_BYTES) yield input.bytes.subarray(i, i + CHUNK_BYTES);
    return;
  }
  for await (const chunk of createReadStream(input.path, { highWaterMark: CHUNK_BYTES })) yield chunk as Buffer;
}

async function readSample(input: SourceInput): Promise<Buffer> {
  if ('bytes' in input) return input.bytes.subarray(0, SAMPLE_BYTES);
  const parts: Buffer[] = [];
  let n = 0;
  for await (const c of byteChunks(input)) {
    parts.push(c);
    n += c.length;
    if (n >= SAMPLE_BYTES) break;
  }
  return Buffer.concat(parts).subarray(0, SAMPLE_BYTES);
}

function utf16ByNulPattern(sample: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.3 && odd < pairs * 0.05) return 'utf-16be';
  return null;
}

const binary = () =>
  new FileRejectedError(
    'binary',
    'Tệp không phải bảng tính hay văn bản CSV (có ký tự nhị phân). Hãy tải lên tệp Excel .xlsx hoặc tệp .csv xuất từ Excel (Lưu thành "CSV UTF-8").',
  );

/** Control characters that never appear in text: more than a handful means a binary file. */
function looksBinary(sample: Buffer): boolean {
  let ctrl = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 0x1a && b !== 0x0c) ctrl++;
  }
  return ctrl > 8 && ctrl > sample.length / 200;
}

function newDecoder(encoding: CsvEncoding): { write(b: Buffer): string; end(): string } {
  switch (encoding) {
    case 'utf-8':
    case 'utf-8 (tcvn3→unicode)':
    case 'utf-8 (vni→unicode)':
    case 'utf-16le':
    case 'utf-16be': {
      const label = encoding.startsWith('utf-8') ? 'utf-8' : encoding;
      const d = new TextDecoder(label);
      return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
    }
    case 'windows-1258': {
      const d = iconv.getDecoder('windows1258');
      return { write: (b) => d.write(b), end: () => d.end() ?? '' };
    }
    default:
      // Legacy fonts: every byte as its Latin-1 code point; cells are converted one by one.
      return { write: (b) => b.toString('latin1'), end: () => '' };
  }
}

const nfc = (s: string) => s.normalize('NFC');

function cellConverter(encoding: CsvEncoding): (s: string) => string {
  if (encoding.includes('tcvn3')) return (s) => decodeTcvn3(toLatin1(s));
  if (encoding.includes('vni')) return (s) => decodeVni(toLatin1(s));
  return nfc;
}

/** Text that went through a Windows-1252 → UTF-8 round trip gets its bytes back (€ → 0x80…). */
const CP1252_BACK = new Map<string, string>(
  [...iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), 'windows1252')].map((ch, i) => [ch, String.fromCharCode(0x80 + i)]),
);
function toLatin1(s: string): string {
  return /[^\x00-\xff]/.test(s) ? s.replace(/[^\x00-\xff]/g, (ch) => CP1252_BACK.get(ch) ?? ch) : s;
}

function score(text: string): number {
  const { good, bad } = vietnameseScore(text);
  return good - 2 * bad;
}

interface EncodingGuess {
  encoding: CsvEncoding;
  notes: string[];
  /** False when UTF-8 was judged on the first megabyte only: the rest is checked before rows stream. */
  confirmed: boolean;
}

/**
 * Picks the encoding from the first megabyte: BOM, NUL pattern, strict UTF-8, then the legacy
 * candidates. A UTF-8 guess on a longer file is confirmed over the whole file by `confirmUtf8`.
 */
function sniffEncoding(sample: Buffer, wholeFile: boolean): EncodingGuess {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', notes: [], confirmed: true };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', notes: [], confirmed: true };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', notes: [], confirmed: true };
  const u16 = utf16ByNulPattern(sample);
  if (u16) return { encoding: u16, notes: [], confirmed: true };
  if (looksBinary(sample)) throw binary();
  if (sample.includes(0)) throw binary();
  const strict = new TextDecoder('utf-8', { fatal: true });
  let sampleText: string | null;
  try {
    // A prefix may end inside a multi-byte character: stream mode leaves it pending.
    sampleText = strict.decode(sample, { stream: !wholeFile });
  } catch {
    sampleText = null;
  }
  return sampleText === null ? legacyEncoding(sample) : { ...utf8Flavour(sampleText), confirmed: wholeFile };
}

/** UTF-8 text, or legacy text that someone already "saved as UTF-8" through Windows-1252 ("Phßng", "Phoøng"). */
function utf8Flavour(sampleText: string): { encoding: CsvEncoding; notes: string[] } {
  const base = score(sampleText);
  const latin = base < 0 ? toLatin1(sampleText) : '';
  if (base < 0 && /[\u00a1-\u00ff]/.test(latin)) {
    const tcvn = score(decodeTcvn3(latin));
    const vni = score(decodeVni(latin));
    if (tcvn > 0 && tcvn > vni && tcvn > base) {
      return { encoding: 'utf-8 (tcvn3→unicode)', notes: ['Đã chuyển mã TCVN3 (ABC) sang Unicode. Hãy kiểm tra lại tên đơn vị và họ tên trong bản xem trước.'] };
    }
    if (vni > 0 && vni > tcvn && vni > base) {
      return { encoding: 'utf-8 (vni→unicode)', notes: ['Đã chuyển mã VNI-Windows sang Unicode. Hãy kiểm tra lại tên đơn vị và họ tên trong bản xem trước.'] };
    }
  }
  return { encoding: 'utf-8', notes: [] };
}

/** Not UTF-8: Windows-1258, TCVN3 or VNI, whichever reads as the most Vietnamese. */
function legacyEncoding(sample: Buffer): EncodingGuess {
  const latin = sample.toString('latin1');
  const candidates: { encoding: CsvEncoding; text: string; note: string }[] = [
    { encoding: 'windows-1258', text: iconv.decode(sample, 'windows1258'), note: 'Tệp dùng bảng mã Windows-1258; đã chuyển sang Unicode.' },
    { encoding: 'tcvn3→unicode', text: decodeTcvn3(latin), note: 'Đã chuyển mã TCVN3 (ABC) sang Unicode. Hãy kiểm tra lại tên đơn vị và họ tên trong bản xem trước.' },
    { encoding: 'vni→unicode', text: decodeVni(latin), note: 'Đã chuyển mã VNI-Windows sang Unicode. Hãy kiểm tra lại tên đơn vị và họ tên trong bản xem trước.' },
  ];
  const scored = candidates.map((c) => ({ ...c, ...vietnameseScore(c.text) }));
  scored.sort((a, b) => b.good - 2 * b.bad - (a.good - 2 * a.bad));
  const best = scored[0];
  if (best.bad >= 3 && best.bad > best.good * 0.25) {
    throw new FileRejectedError('encoding', `Không nhận ra bảng mã của tệp (không phải UTF-8; có thể là bảng mã cũ TCVN3/VNI bị lẫn). ${UNIKEY_HINT}`);
  }
  if (best.good === 0) return { encoding: 'windows-1258', notes: [candidates[0].note], confirmed: true };
  return { encoding: best.encoding, notes: [best.note], confirmed: true };
}

/** Whole-file check of a UTF-8 guess: a NUL byte anywhere is a binary file; invalid UTF-8 falls back to the legacy encodings. */
async function confirmUtf8(input: SourceInput, sample: Buffer, guess: EncodingGuess): Promise<EncodingGuess> {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let valid = true;
  for await (const chunk of byteChunks(input)) {
    if (chunk.includes(0)) throw binary();
    if (valid) {
      try {
        strict.decode(chunk, { stream: true });
      } catch {
        valid = false;
      }
    }
  }
  if (valid) {
    try {
      strict.decode();
    } catch {
      valid = false;
    }
  }
  return valid ? { ...guess, confirmed: true } : legacyEncoding(sample);
}

/** Counts a delimiter on one line, outside quotes. */
function countOutsideQuotes(line: string, delim: string): number {
  let n = 0;
  let inQ = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQ = !inQ;
    else if (!inQ && c === delim) n++;
  }
  return n;
}

export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim().length > 0).slice(0, 100);
  let best: { d: ';' | ',' | '\t'; score: number } = { d: ';', score: -1 };
  // Order breaks ties: vi-VN Excel writes ';' because ',' is the decimal separator.
  for (const d of [';', '\t', ','] as const) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modeCount = 0;
    let mode = 0;
    for (const [c, f] of freq) if (f > modeCount || (f === modeCount && c > mode)) [mode, modeCount] = [c, f];
    // Lines that agree with the usual count, weighted a little by how many columns it gives.
    const score = mode === 0 ? 0 : modeCount * 10 + Math.min(mode, 9) + counts.filter((c) => c > 0).length;
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  const i = text.indexOf('\n');
  if (i > 0 && text[i - 1] === '\r') return '\r\n';
  if (i >= 0) return '\n';
  return text.includes('\r') ? '\r' : '\n';
}

async function* decodedText(input: SourceInput, encoding: CsvEncoding): AsyncGenerator<string> {
  const dec = newDecoder(encoding);
  let first = true;
  for await (const chunk of byteChunks(input)) {
    let s = dec.write(chunk);
    if (first && s.length) {
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      first = false;
    }
    if (s) yield s;
  }
  const tail = dec.end();
  if (tail) yield tail;
}

/**
 * The decoded text with every line break as LF (CR LF and lone CR too, as Excel reads them),
 * so records split the same way whatever the file mixes; a CR at a chunk end waits for the next.
 */
async function* lfText(input: SourceInput, encoding: CsvEncoding): AsyncGenerator<string> {
  let held = '';
  for await (const raw of decodedText(input, encoding)) {
    let s = held + raw;
    held = '';
    if (s.endsWith('\r')) {
      held = '\r';
      s = s.slice(0, -1);
    }
    if (s) yield s.indexOf('\r') === -1 ? s : s.replace(/\r\n?/g, '\n');
  }
  if (held) yield '\n';
}

/**
 * Follows quoting across chunks (RFC 4180: a quote opens a field only at its start; "" inside
 * is a quote). Reports where complete records end so papaparse only sees whole records.
 */
class RecordTracker {
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
async function checkQuotes(input: SourceInput, encoding: CsvEncoding, delimiter: string): Promise<void> {
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
async function* recordBatches(input: SourceInput, encoding: CsvEncoding, delimiter: string, limits: ImportLimits): AsyncGenerator<string[][]> {
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
function recordCells(fields: string[], rowNumber: number, limits: ImportLimits, convert: (s: string) => string): Cell[] | null {
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
      `Dòng ${rowNumber}: có dữ liệu ở cột ${columnLetter(width - 1)}, vượt quá giới hạn ${limits.maxColumns} cột. Hãy xoá các cột thừa bên phải bảng rồi tải lên lại.`,
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

/**
 * A plain UTF-8 CSV on disk: DuckDB's own CSV reader can load its body (etl/read/csv-bulk.ts).
 * `headRows` are the first records, parsed from the first megabyte only.
 */
export interface BulkCsv {
  path: string;
  delimiter: ';' | ',' | '\t';
  headRows: RawRow[];
  /** Fields of the widest record in the first megabyte, trailing empty ones included. */
  fields: number;
}

export async function openCsv(input: SourceInput, fileName: string, limits: ImportLimits): Promise<CsvInfo> {
  const sample = await readSample(input);
  const wholeFile = 'bytes' in input ? input.bytes.length <= SAMPLE_BYTES : (await stat(input.path)).size <= SAMPLE_BYTES;
  let guess = sniffEncoding(sample, wholeFile);
  let sampleText = '';
  for await (const s of decodedText({ bytes: sample }, guess.encoding)) sampleText += s;
  if (guess.encoding === 'utf-16le' || guess.encoding === 'utf-16be') {
    if (/[\u0000-\u0008\u000e-\u001f]/.test(sampleText.slice(0, 4096).replace(/[\t\r\n]/g, ''))) throw binary();
  }
  if (!sampleText.replace(/[\s\uFEFF]/g, '').length) {
    throw new FileRejectedError('empty', `Tệp "${fileName}" không có dữ liệu (chỉ có khoảng trắng). Hãy kiểm tra lại tệp rồi tải lên lại.`);
  }
  // Web systems often export an HTML table or an Excel 2003 XML file named .xls: not CSV.
  const start = sampleText.slice(0, 2048).trimStart().toLowerCase();
  if (/^(<!doctype html|<html|<table|<\?xml)/.test(start)) {
    const what = start.includes('urn:schemas-microsoft-com:office:spreadsheet') || sampleText.includes('urn:schemas-microsoft-com:office:spreadsheet')
      ? 'bảng tính XML Spreadsheet 2003'
      : start.startsWith('<?xml')
        ? 'tệp XML'
        : 'trang HTML';
    throw new FileRejectedError(
      'not-spreadsheet',
      `Tệp "${fileName}" là ${what} (thường do phần mềm xuất ra với đuôi .xls), không phải .xlsx hay .csv. Hãy mở tệp trong Excel và Lưu thành (Save As) định dạng .xlsx rồi tải lên lại.`,
    );
  }
  const delimiter = detectDelimiter(sampleText);
  const newline = detectNewline(sampleText);
  const notes = [...guess.notes];

  const info: CsvInfo = {
    encoding: guess.encoding,
    delimiter,
    newline,
    notes,
    async *rows(): AsyncGenerator<RawRow> {
      // The whole-file checks run once, before the first row: a UTF-8 guess made on the first
      // megabyte is confirmed (or replaced by a legacy encoding), then quotes must balance.
      if (!guess.confirmed) {
        guess = await confirmUtf8(input, sample, guess);
        info.encoding = guess.encoding;
        for (const n of guess.notes) if (!notes.includes(n)) notes.push(n);
      }
      await checkQuotes(input, guess.encoding, delimiter);
      const convert = cellConverter(guess.encoding);
      let rowNumber = 0;
      for await (const batch of recordBatches(input, guess.encoding, delimiter, limits)) {
        for (const fields of batch) {
          rowNumber++;
          const cells = recordCells(fields, rowNumber, limits, convert);
          if (cells) yield { rowNumber, cells };
        }
      }
    },
  };
  if ('path' in input && guess.encoding === 'utf-8') {
    info.bulk = { path: input.path, delimiter, ...headRows(sampleText, wholeFile, delimiter, limits) };
  }
  return info;
}

/** The complete records of the first megabyte (a record cut by the sample's end is left out). */
function headRows(sampleText: string, wholeFile: boolean, delimiter: string, limits: ImportLimits): { headRows: RawRow[]; fields: number } {
  let text = sampleText.charCodeAt(0) === 0xfeff ? sampleText.slice(1) : sampleText;
  text = text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
  if (!wholeFile) {
    const cut = new RecordTracker(delimiter).feed(text);
    text = cut === -1 ? '' : text.slice(0, cut);
  }
  if (text.endsWith('\n')) text = text.slice(0, -1);
  if (!text) return { headRows: [], fields: 1 };
  const records = Papa.parse<string[]>(text, { delimiter, newline: '\n', header: false, dynamicTyping: false, skipEmptyLines: false, quoteChar: '"' }).data;
  const convert = cellConverter('utf-8');
  const rows: RawRow[] = [];
  let fields = 1;
  for (let i = 0; i < records.length; i++) {
    fields = Math.max(fields, records[i].length);
    const cells = recordCells(records[i], i + 1, limits, convert);
    if (cells) rows.push({ rowNumber: i + 1, cells });
  }
  return { headRows: rows, fields };
}
