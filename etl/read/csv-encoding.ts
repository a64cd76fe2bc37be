/**
 * CSV bytes → text: the encoding guessed from the first megabyte (BOM, NUL pattern, strict UTF-8,
 * Windows-1258, legacy TCVN3/VNI fonts) and confirmed over the whole file, then decoded with
 * every line break as LF.
 */
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { FileRejectedError } from './errors';
import { decodeTcvn3, decodeVni, vietnameseScore } from './legacy-vn';
import type { SourceInput } from './zip';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258' | 'tcvn3→unicode' | 'vni→unicode' | 'utf-8 (tcvn3→unicode)' | 'utf-8 (vni→unicode)';

export const SAMPLE_BYTES = 1024 * 1024;
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

export async function readSample(input: SourceInput): Promise<Buffer> {
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

export const binary = () =>
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

export const nfc = (s: string) => s.normalize('NFC');

export function cellConverter(encoding: CsvEncoding): (s: string) => string {
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
export function sniffEncoding(sample: Buffer, wholeFile: boolean): EncodingGuess {
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
export async function confirmUtf8(input: SourceInput, sample: Buffer, guess: EncodingGuess): Promise<EncodingGuess> {
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

export async function* decodedText(input: SourceInput, encoding: CsvEncoding): AsyncGenerator<string> {
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
export async function* lfText(input: SourceInput, encoding: CsvEncoding): AsyncGenerator<string> {
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

