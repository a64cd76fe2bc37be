import iconv from 'iconv-lite';
import { TCVN3_ENCODE } from '@/etl/read/legacy-vn';
import { foldKey } from '@/lib/text';

/**
 * CSV/TXT as Vietnamese offices save them: `;` with a BOM (Excel, Vietnamese regional
 * settings), `,` without a BOM (exported by a web system), Windows-1258 (legacy Excel "CSV"),
 * UTF-16LE tab-separated ("Unicode Text").
 */
export type CsvEncoding = 'utf-8-bom' | 'utf-8' | 'windows-1258' | 'utf-16le' | 'tcvn3';

export function csvField(value: string | number | null | undefined, delimiter: string): string {
  const s = value === null || value === undefined ? '' : String(value);
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvText(rows: (string | number | null)[][], delimiter: string): string {
  return rows.map((r) => r.map((v) => csvField(v, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Windows-1258 holds the vowels with circumflex/breve/horn as single bytes but most tone marks
 * only as combining characters: split each letter into "base letter (NFC) + tone mark".
 */
function toWindows1258Form(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const nfd = ch.normalize('NFD');
    const tones = nfd.match(TONES)?.join('') ?? '';
    out += nfd.replace(TONES, '').normalize('NFC') + tones;
  }
  return out;
}

/** Punctuation TCVN3 fonts do not have, typed as plain ASCII in those files. */
const TCVN3_ASCII: Record<string, string> = { '–': '-', '“': '"', '”': '"', '«': '"', '»': '"', '’': "'" };

/** Replaces what TCVN3 cannot hold by the ASCII people typed instead (before CSV quoting). */
export function tcvn3Punctuation(s: string): string {
  return s.replace(/[–“”«»’]/g, (c) => TCVN3_ASCII[c]);
}

/**
 * TCVN3 (.VnTime fonts): one byte per letter; a toned capital has no code of its own and is
 * typed with the lower-case code (as with the .VnTimeH capitals fonts).
 */
function encodeTcvn3(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else if (TCVN3_ENCODE.has(ch)) out.push(TCVN3_ENCODE.get(ch)!);
    else if (TCVN3_ENCODE.has(ch.toLowerCase())) out.push(TCVN3_ENCODE.get(ch.toLowerCase())!);
    else if (TCVN3_ASCII[ch]) out.push(TCVN3_ASCII[ch].charCodeAt(0));
    else throw new Error(`TCVN3 cannot hold «${ch}» in: ${text.slice(0, 80)}`);
  }
  return Buffer.from(out);
}

export function encodeCsv(text: string, encoding: CsvEncoding): Buffer {
  switch (encoding) {
    case 'tcvn3': {
      const bytes = encodeTcvn3(text);
      // Capitals and punctuation may change; the letters (hence names and keys) must not.
      const back = decodeLatin1Tcvn3(bytes);
      if (foldKey(back) !== foldKey(text)) throw new Error('TCVN3 round trip changed the text');
      return bytes;
    }
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'windows-1258': {
      const bytes = iconv.encode(toWindows1258Form(text), 'windows-1258');
      // Every character must survive the round trip, or the sample would lie about its content.
      const back = iconv.decode(bytes, 'windows-1258').normalize('NFC');
      if (back !== text.normalize('NFC')) {
        const i = [...back].findIndex((c, k) => c !== [...text.normalize('NFC')][k]);
        throw new Error(`Windows-1258 cannot hold the text near: ${text.normalize('NFC').slice(Math.max(0, i - 20), i + 20)}`);
      }
      return bytes;
    }
  }
}

function decodeLatin1Tcvn3(bytes: Buffer): string {
  const reverse = new Map([...TCVN3_ENCODE].map(([ch, b]) => [b, ch]));
  let out = '';
  for (const b of bytes) out += reverse.get(b) ?? String.fromCharCode(b);
  return out;
}
