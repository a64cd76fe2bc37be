/**
 * The small parts of a workbook package: relationships, the workbook (sheet order, names,
 * visibility, 1904 dates), styles (which cell formats show dates) and the shared-strings table.
 */
import type { ImportLimits } from '@/lib/env';
import { FileRejectedError } from './errors';
import { attr, decodeExcelEscapes, decodeXml, XmlScanner, type XmlHandler } from './xml';
import { inflateEntry, type ByteSource, type ZipEntry } from './zip';

/** More distinct strings than any real workbook of our kind holds; beyond it the file is refused. */
export const MAX_SHARED_STRINGS = 2_000_000;
/** Largest shared-strings part (inflated XML) we read. */
const MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;

export interface Rel {
  id: string;
  type: string;
  target: string;
}

export async function readSmallEntry(src: ByteSource, entry: ZipEntry, limits: ImportLimits): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of inflateEntry(src, entry, limits)) {
    size += chunk.length;
    if (size > 16 * 1024 * 1024) {
      throw new FileRejectedError('zip-bomb', `Phần "${entry.name}" của tệp lớn bất thường. Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi tải lên lại.`);
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** Streams an entry through the XML scanner, chunk by chunk, as UTF-8 text. */
export async function* scanEntry(src: ByteSource, entry: ZipEntry, limits: ImportLimits, scanner: XmlScanner): AsyncGenerator<void> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of inflateEntry(src, entry, limits)) {
    scanner.feed(decoder.decode(chunk, { stream: true }));
    yield;
  }
  scanner.feed(decoder.decode());
  scanner.end();
}

function scanString(xml: string, part: string, h: XmlHandler): void {
  const s = new XmlScanner(h, part);
  s.feed(xml);
  s.end();
}

function resolveTarget(target: string, baseDir: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (baseDir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

export function parseRels(xml: string, baseDir: string): Rel[] {
  const rels: Rel[] = [];
  scanString(xml, 'rels', {
    open(name, a) {
      if (name !== 'Relationship') return;
      const id = attr(a, 'Id');
      const target = attr(a, 'Target');
      if (!id || !target || attr(a, 'TargetMode') === 'External') return;
      rels.push({ id, type: attr(a, 'Type') ?? '', target: resolveTarget(target, baseDir) });
    },
    close() {},
    text() {},
  });
  return rels;
}

export function parseWorkbook(xml: string) {
  const sheets: { name: string; rid: string; state: string }[] = [];
  let date1904 = false;
  scanString(xml, 'xl/workbook.xml', {
    open(name, a) {
      if (name === 'sheet') {
        const rid = attr(a, 'id'); // r:id
        sheets.push({ name: attr(a, 'name') ?? `Sheet${sheets.length + 1}`, rid: rid ?? '', state: attr(a, 'state') ?? 'visible' });
      } else if (name === 'workbookPr') {
        const v = attr(a, 'date1904');
        date1904 = v === '1' || v === 'true';
      }
    },
    close() {},
    text() {},
  });
  return { sheets, date1904 };
}

/** Built-in number formats that show dates (times alone stay numbers). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormat(code: string): boolean {
  const stripped = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  // Only the first section matters for positive numbers.
  const first = stripped.split(';')[0];
  return /[dy]/i.test(first) && !/^general$/i.test(first.trim());
}

export async function parseStyles(src: ByteSource, entry: ZipEntry, limits: ImportLimits): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  const scanner = new XmlScanner(
    {
      open(name, a, selfClosing) {
        if (name === 'numFmt') {
          const id = Number(attr(a, 'numFmtId'));
          custom.set(id, attr(a, 'formatCode') ?? '');
        } else if (name === 'cellXfs') {
          inCellXfs = !selfClosing;
        } else if (name === 'xf' && inCellXfs) {
          xfFormats.push(Number(attr(a, 'numFmtId') ?? 0));
        }
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    },
    entry.name,
  );
  for await (const _ of scanEntry(src, entry, limits, scanner)) void _;
  return xfFormats.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE_FORMATS.has(id)));
}

const SST_PART = /(^|\/)sharedStrings\.xml$/i;
const SST_COUNT = /<(?:\w+:)?sst\b[^>]*?\b(?:uniqueCount|count)\s*=\s*["'](\d+)["']/;

/**
 * Before anything is inflated in full: a shared-strings part larger than we read, or declaring
 * more strings than we keep, is refused from its central-directory size and its first bytes.
 */
export async function refuseHugeSharedStrings(src: ByteSource, entries: ZipEntry[], limits: ImportLimits): Promise<void> {
  for (const e of entries) {
    if (!SST_PART.test(e.name)) continue;
    if (e.uncompressedSize > MAX_SHARED_STRINGS_BYTES) throw tooManyStrings();
    let head = '';
    for await (const chunk of inflateEntry(src, e, limits)) {
      head += Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString('latin1');
      if (head.length >= 4096) break;
    }
    const m = SST_COUNT.exec(head.slice(0, 4096));
    if (m && Number(m[1]) > MAX_SHARED_STRINGS) throw tooManyStrings();
  }
}

export async function parseSharedStrings(src: ByteSource, entry: ZipEntry, limits: ImportLimits): Promise<string[]> {
  const strings: string[] = [];
  let cur = '';
  let inT = false;
  let phonetic = 0;
  const tooLong = () =>
    new FileRejectedError(
      'cell-too-long',
      `Tệp có một chuỗi văn bản dài hơn giới hạn ${limits.maxCellChars.toLocaleString('vi-VN')} ký tự một ô. Hãy rút gọn nội dung ô đó rồi tải lên lại.`,
    );
  const scanner = new XmlScanner(
    {
      open(name, a, selfClosing) {
        if (name === 'sst') {
          const declared = Number(attr(a, 'uniqueCount') ?? attr(a, 'count') ?? 0);
          if (declared > MAX_SHARED_STRINGS) throw tooManyStrings();
        } else if (name === 'si') cur = '';
        else if (name === 't' && !selfClosing) inT = true;
        else if (name === 'rPh' && !selfClosing) phonetic++;
      },
      close(name) {
        if (name === 't') inT = false;
        else if (name === 'rPh') phonetic--;
        else if (name === 'si') {
          if (strings.length >= MAX_SHARED_STRINGS) throw tooManyStrings();
          strings.push(decodeExcelEscapes(cur).normalize('NFC')); // length is checked per cell
        }
      },
      text(raw) {
        if (inT && phonetic === 0) {
          cur += decodeXml(raw);
          if (cur.length > limits.maxCellChars) throw tooLong();
        }
      },
    },
    entry.name,
  );
  for await (const _ of scanEntry(src, entry, limits, scanner)) void _;
  return strings;
}

function tooManyStrings() {
  return new FileRejectedError(
    'too-many-strings',
    `Tệp có quá nhiều chuỗi văn bản khác nhau (trên ${MAX_SHARED_STRINGS.toLocaleString('vi-VN')}, hoặc bảng chuỗi lớn hơn ${MAX_SHARED_STRINGS_BYTES / 1024 / 1024} MB). Hãy xóa các trang và dữ liệu thừa, hoặc chia tệp thành nhiều tệp nhỏ hơn, lưu lại thành .xlsx rồi tải lên lại.`,
  );
}
