/**
 * CSV / TXT reader: encoding and delimiter detection, a quote-balance check with the row
 * number, then rows streamed through papaparse (no type guessing; cells stay text).
 */
import { stat } from 'node:fs/promises';
import Papa from 'papaparse';
import type { RawRow } from '@/lib/import/types';
import type { ImportLimits } from '@/lib/env';
import { binary, cellConverter, confirmUtf8, decodedText, readSample, SAMPLE_BYTES, sniffEncoding, type CsvEncoding } from './csv-encoding';
import { checkQuotes, recordBatches, recordCells, RecordTracker } from './csv-records';
import { FileRejectedError } from './errors';
import type { SourceInput } from './zip';

export type { CsvEncoding } from './csv-encoding';
export { fieldCells } from './csv-records';

interface CsvInfo {
  encoding: CsvEncoding;
  delimiter: ';' | ',' | '\t';
  newline: '\r\n' | '\n' | '\r';
  notes: string[];
  rows(): AsyncIterable<RawRow>;
  /** Set for a UTF-8 file on disk: its body can be loaded by DuckDB directly. */
  bulk?: BulkCsv;
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

function detectDelimiter(text: string): ';' | ',' | '\t' {
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
