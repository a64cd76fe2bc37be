/**
 * Streaming XLSX reader on top of the zip guard: workbook order, sheet names and visibility,
 * shared strings (rich text → plain), date styles, merged ranges filled from their master
 * cell, cached formula results (never evaluated), error values as text.
 */
import type { Cell, RawRow } from '@/etl/types';
import type { ImportLimits } from '@/lib/env';
import { columnLetter, columnOfRef, parseCellRef } from './cells';
import { FileRejectedError } from './errors';
import { attr, decodeExcelEscapes, decodeXml, XmlScanner, type XmlHandler } from './xml';
import { guardZip, inflateEntry, openByteSource, readCentralDirectory, type ByteSource, type SourceInput, type ZipEntry } from './zip';

export interface XlsxSheet {
  name: string;
  hidden: boolean;
  rows(): AsyncIterable<RawRow>;
}

/** More distinct strings than any real workbook holds; beyond it the file is refused. */
export const MAX_SHARED_STRINGS = 5_000_000;
/** Merged ranges per sheet we are willing to fill. */
export const MAX_MERGES = 200_000;
const MERGE_TAG = Buffer.from('mergeCell');

interface Rel {
  id: string;
  type: string;
  target: string;
}

interface Merge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

const notSpreadsheet = (what: string) =>
  new FileRejectedError(
    'not-xlsx',
    `Tệp là ${what}, không phải bảng tính Excel (.xlsx). Hãy mở tệp, chép bảng sang Excel và lưu thành .xlsx (hoặc xuất ra .csv UTF-8) rồi tải lên lại.`,
  );

export async function openXlsx(input: SourceInput, limits: ImportLimits): Promise<{ sheets: XlsxSheet[]; notes: string[] }> {
  const src = await openByteSource(input);
  try {
    const entries = await readCentralDirectory(src);
    const byName = new Map(entries.map((e) => [e.name, e]));
    if (!byName.has('xl/workbook.xml') && !byName.has('[Content_Types].xml')) {
      const mime = byName.get('mimetype');
      if (mime) {
        const text = await readSmallEntry(src, mime, limits);
        if (text.includes('opendocument.spreadsheet')) throw notSpreadsheet('bảng tính OpenDocument (.ods)');
        if (text.includes('opendocument.text')) throw notSpreadsheet('văn bản OpenDocument (.odt)');
      }
      throw notSpreadsheet('tệp nén ZIP');
    }
    if (byName.has('word/document.xml')) throw notSpreadsheet('văn bản Word (.docx)');
    if (byName.has('ppt/presentation.xml')) throw notSpreadsheet('bài trình chiếu PowerPoint (.pptx)');

    // The whole archive is checked before any part is parsed. Merged ranges sit after the
    // cells in a sheet's XML, so they are collected during this same pass.
    const mergeRefs = new Map<string, Set<string>>();
    const carry = new Map<string, string>();
    await guardZip(src, entries, limits, {
      wants: (e) => e.name.endsWith('.xml'),
      chunk: (e, data) => {
        const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
        const prev = carry.get(e.name) ?? '';
        // Most chunks hold only cells: look for the tag's bytes before building any string.
        if (!bytes.includes(MERGE_TAG) && !(prev + bytes.subarray(0, 16).toString('latin1')).includes('mergeCell')) {
          carry.set(e.name, bytes.subarray(Math.max(0, bytes.length - 200)).toString('latin1'));
          return;
        }
        const text = prev + bytes.toString('latin1');
        let set = mergeRefs.get(e.name);
        if (!set) mergeRefs.set(e.name, (set = new Set()));
        const re = /<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([A-Za-z$]+\d+(?::[A-Za-z$]+\d+)?)["']/g;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          set.add(m[1]);
          if (set.size > MAX_MERGES) {
            throw new FileRejectedError('too-many-merges', `Trang tính có quá nhiều ô gộp (trên ${MAX_MERGES}). Hãy bỏ gộp ô (Unmerge) ở vùng dữ liệu rồi tải lên lại.`);
          }
        }
        carry.set(e.name, text.slice(Math.max(0, text.length - 200)));
      },
    });

    // The package's root relationships name the workbook part; Excel always uses xl/workbook.xml.
    let workbookPath = 'xl/workbook.xml';
    const rootRels = byName.get('_rels/.rels');
    if (rootRels) {
      const rels = parseRels(await readSmallEntry(src, rootRels, limits), '');
      const doc = rels.find((r) => r.type.endsWith('/officeDocument'));
      if (doc && byName.has(doc.target)) workbookPath = doc.target;
    }
    const workbookEntry = byName.get(workbookPath);
    if (!workbookEntry) throw notSpreadsheet('tệp nén ZIP không có bảng tính (thiếu xl/workbook.xml)');
    const baseDir = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
    const relsEntry = byName.get(`${baseDir}_rels/${workbookPath.slice(baseDir.length)}.rels`);

    const workbook = parseWorkbook(await readSmallEntry(src, workbookEntry, limits));
    const rels = relsEntry ? parseRels(await readSmallEntry(src, relsEntry, limits), baseDir) : [];
    const relById = new Map(rels.map((r) => [r.id, r]));

    const sheetParts: { name: string; hidden: boolean; entry: ZipEntry }[] = [];
    for (const s of workbook.sheets) {
      const rel = relById.get(s.rid);
      if (!rel || !rel.type.endsWith('/worksheet')) continue; // chart sheets, macro sheets: no cells
      const entry = byName.get(rel.target);
      if (!entry) throw corruptPart(rel.target);
      sheetParts.push({ name: s.name.normalize('NFC'), hidden: s.state === 'hidden' || s.state === 'veryHidden', entry });
    }
    if (sheetParts.length === 0) {
      throw new FileRejectedError('no-sheet', 'Tệp Excel không có trang tính (sheet) nào chứa ô dữ liệu. Hãy kiểm tra lại tệp rồi tải lên lại.');
    }

    const stylesRel = rels.find((r) => r.type.endsWith('/styles'));
    const stylesEntry = byName.get(stylesRel?.target ?? `${baseDir}styles.xml`);
    const dateStyles = stylesEntry ? await parseStyles(src, stylesEntry, limits) : [];
    const sstRel = rels.find((r) => r.type.endsWith('/sharedStrings'));
    const sstEntry = byName.get(sstRel?.target ?? `${baseDir}sharedStrings.xml`);
    const sharedStrings = sstEntry ? await parseSharedStrings(src, sstEntry, limits) : [];

    const ctx: SheetContext = { input, limits, dateStyles, sharedStrings, date1904: workbook.date1904 };
    const sheets = sheetParts.map((p) => ({
      name: p.name,
      hidden: p.hidden,
      rows: () => readSheetRows(ctx, p.entry, p.name, parseMerges(mergeRefs.get(p.entry.name))),
    }));
    return { sheets, notes: [] };
  } finally {
    await src.close();
  }
}

function corruptPart(part: string) {
  return new FileRejectedError('corrupt', `Tệp bị hỏng: thiếu phần "${part}" của bảng tính. Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi tải lên lại.`);
}

async function readSmallEntry(src: ByteSource, entry: ZipEntry, limits: ImportLimits): Promise<string> {
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
async function* scanEntry(src: ByteSource, entry: ZipEntry, limits: ImportLimits, scanner: XmlScanner): AsyncGenerator<void> {
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

function parseRels(xml: string, baseDir: string): Rel[] {
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

function parseWorkbook(xml: string) {
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

async function parseStyles(src: ByteSource, entry: ZipEntry, limits: ImportLimits): Promise<boolean[]> {
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

async function parseSharedStrings(src: ByteSource, entry: ZipEntry, limits: ImportLimits): Promise<string[]> {
  const strings: string[] = [];
  let cur = '';
  let inT = false;
  let phonetic = 0;
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
          if (cur.length > limits.maxCellChars) {
            throw new FileRejectedError(
              'cell-too-long',
              `Tệp có một chuỗi văn bản dài hơn giới hạn ${limits.maxCellChars.toLocaleString('vi-VN')} ký tự một ô. Hãy rút gọn nội dung ô đó rồi tải lên lại.`,
            );
          }
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
    `Tệp có quá nhiều chuỗi văn bản khác nhau (trên ${MAX_SHARED_STRINGS.toLocaleString('vi-VN')}). Hãy xoá các trang và dữ liệu thừa, lưu lại thành .xlsx rồi tải lên lại.`,
  );
}

function parseMerges(refs: Set<string> | undefined): Merge[] {
  const merges: Merge[] = [];
  for (const ref of refs ?? []) {
    const [a, b = a] = ref.split(':');
    const p = parseCellRef(a);
    const q = parseCellRef(b);
    if (!p || !q) continue;
    merges.push({ r1: Math.min(p.row, q.row), c1: Math.min(p.col, q.col), r2: Math.max(p.row, q.row), c2: Math.max(p.col, q.col) });
  }
  merges.sort((x, y) => x.r1 - y.r1 || x.c1 - y.c1);
  return merges;
}

interface SheetContext {
  input: SourceInput;
  limits: ImportLimits;
  dateStyles: boolean[];
  sharedStrings: string[];
  date1904: boolean;
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** Excel serial → Date at UTC midnight of the calendar day the cell shows. */
export function serialToDate(serial: number, date1904 = false): Date {
  let days = Math.floor(serial + 1e-9);
  if (date1904) return new Date(EPOCH_1904 + days * DAY_MS);
  if (days < 61) days += 1; // Excel's fictitious 29/02/1900: serials before it are one day early
  return new Date(EPOCH_1900 + days * DAY_MS);
}

function isoToDate(s: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : s;
}

async function* readSheetRows(ctx: SheetContext, entry: ZipEntry, sheetName: string, merges: Merge[]): AsyncGenerator<RawRow> {
  const { limits, dateStyles, sharedStrings, date1904 } = ctx;
  const out: RawRow[] = [];

  // Merge bookkeeping: ranges whose first row has passed keep their master value.
  let nextMerge = 0;
  let active: { m: Merge; value: Cell }[] = [];
  let lastRow = 0;

  const tooWide = (row: number, col: number) =>
    new FileRejectedError(
      'too-many-columns',
      `Trang "${sheetName}", dòng ${row}: có dữ liệu ở cột ${columnLetter(col)}, vượt quá giới hạn ${limits.maxColumns} cột. Hãy xoá các cột thừa bên phải bảng rồi tải lên lại.`,
      row,
    );

  const emit = (rowNumber: number, cells: Cell[]) => {
    // Ranges starting on this row take the master value; ranges of earlier rows copy it.
    while (nextMerge < merges.length && merges[nextMerge].r1 <= rowNumber) {
      const m = merges[nextMerge++];
      if (m.r2 < rowNumber) continue;
      active.push({ m, value: m.r1 === rowNumber ? (cells[m.c1] ?? null) : null });
    }
    if (active.length) {
      active = active.filter((a) => a.m.r2 >= rowNumber);
      for (const a of active) {
        if (a.value === null) continue;
        const last = Math.min(a.m.c2, limits.maxColumns - 1);
        for (let c = a.m.c1; c <= last; c++) cells[c] = a.value;
      }
    }
    let width = cells.length;
    while (width > 0 && (cells[width - 1] === null || cells[width - 1] === undefined)) width--;
    if (width === 0) return;
    if (width > limits.maxColumns) throw tooWide(rowNumber, width - 1);
    if (rowNumber > limits.maxRows) {
      throw new FileRejectedError(
        'too-many-rows',
        `Trang "${sheetName}" có dữ liệu ở dòng ${rowNumber}, vượt quá giới hạn ${limits.maxRows.toLocaleString('vi-VN')} dòng. Hãy chia tệp thành nhiều tệp nhỏ hơn rồi tải lên lần lượt.`,
        rowNumber,
      );
    }
    const dense: Cell[] = new Array(width);
    for (let i = 0; i < width; i++) dense[i] = cells[i] ?? null;
    out.push({ rowNumber, cells: dense });
  };

  /** Rows absent from the XML but covered by a merged range with a value still appear. */
  const fillGap = (upTo: number) => {
    const live = active.filter((a) => a.value !== null && a.m.r2 > lastRow);
    if (!live.length) return;
    const until = Math.min(upTo - 1, Math.max(...live.map((a) => a.m.r2)));
    for (let r = lastRow + 1; r <= until; r++) emit(r, []);
    lastRow = Math.max(lastRow, until);
  };

  let rowNumber = 0;
  let cells: Cell[] = [];
  let col = -1;
  let cellType = '';
  let cellStyle = 0;
  let value: string | null = null;
  let formula: string | null = null;
  let capture: 0 | 1 | 2 | 3 = 0; // 1 value, 2 formula, 3 inline text
  let inInline = false;
  let phonetic = 0;

  const finishCell = () => {
    let v: Cell = null;
    switch (cellType) {
      case 's': {
        if (value !== null) {
          const s = sharedStrings[parseInt(value, 10)];
          v = s === undefined ? null : s;
        }
        break;
      }
      case 'inlineStr':
        v = value === null ? null : decodeExcelEscapes(value).normalize('NFC');
        break;
      case 'str':
        v = value !== null ? decodeExcelEscapes(value).normalize('NFC') : formula !== null ? `=${formula}` : null;
        break;
      case 'b':
        v = value === null ? (formula !== null ? `=${formula}` : null) : value.trim() === '1' || value.trim() === 'true';
        break;
      case 'e':
        v = value ?? (formula !== null ? `=${formula}` : null);
        break;
      case 'd':
        v = value === null ? null : isoToDate(value.trim());
        break;
      default: {
        if (value === null || value.trim() === '') {
          v = formula !== null && formula !== '' ? `=${formula}` : null;
        } else {
          const n = Number(value);
          if (Number.isNaN(n)) v = value;
          // Serials Excel can show as dates: 0 … 31/12/9999.
          else v = dateStyles[cellStyle] && n >= 0 && n < 2_958_466 ? serialToDate(n, date1904) : n;
        }
      }
    }
    if (typeof v === 'string' && v.length > limits.maxCellChars) {
      throw new FileRejectedError(
        'cell-too-long',
        `Trang "${sheetName}", dòng ${rowNumber}, cột ${columnLetter(col)}: ô dài ${v.length.toLocaleString('vi-VN')} ký tự, vượt quá giới hạn ${limits.maxCellChars.toLocaleString('vi-VN')}. Hãy rút gọn nội dung ô rồi tải lên lại.`,
        rowNumber,
      );
    }
    if (v !== null) {
      if (col >= limits.maxColumns) throw tooWide(rowNumber, col);
      cells[col] = v;
    }
  };

  const scanner = new XmlScanner(
    {
      open(name, a, selfClosing) {
        switch (name) {
          case 'c': {
            const r = attr(a, 'r');
            col = r ? columnOfRef(r) : col + 1;
            if (col < 0) col = 0;
            cellType = attr(a, 't') ?? 'n';
            const s = attr(a, 's');
            cellStyle = s ? parseInt(s, 10) : 0;
            value = null;
            formula = null;
            if (selfClosing) finishCell();
            break;
          }
          case 'v':
            if (selfClosing) break;
            capture = 1;
            value = '';
            break;
          case 'f':
            if (selfClosing) {
              if (formula === null) formula = '';
              break;
            }
            capture = 2;
            formula = '';
            break;
          case 'is':
            inInline = true;
            value = '';
            break;
          case 't':
            if (inInline && !selfClosing && phonetic === 0) capture = 3;
            break;
          case 'rPh':
            if (!selfClosing) phonetic++;
            break;
          case 'row': {
            const r = attr(a, 'r');
            const n = r ? parseInt(r, 10) : rowNumber + 1;
            rowNumber = Number.isFinite(n) && n > rowNumber ? n : rowNumber + 1;
            cells = [];
            col = -1;
            if (selfClosing) {
              fillGap(rowNumber);
              emit(rowNumber, cells);
              lastRow = rowNumber;
            }
            break;
          }
        }
      },
      close(name) {
        switch (name) {
          case 'v':
          case 'f':
          case 't':
            capture = 0;
            break;
          case 'is':
            inInline = false;
            break;
          case 'rPh':
            phonetic--;
            break;
          case 'c':
            finishCell();
            break;
          case 'row':
            fillGap(rowNumber);
            emit(rowNumber, cells);
            lastRow = rowNumber;
            break;
          case 'sheetData':
            // Ranges that run below the last written row still fill their rows.
            fillGap(Number.MAX_SAFE_INTEGER);
            break;
        }
      },
      text(raw) {
        if (capture === 0) return;
        const t = decodeXml(raw);
        if (capture === 2) formula += t;
        else value += t;
        if ((value?.length ?? 0) > limits.maxCellChars || (formula?.length ?? 0) > limits.maxCellChars) {
          throw new FileRejectedError(
            'cell-too-long',
            `Trang "${sheetName}", dòng ${rowNumber}, cột ${columnLetter(col)}: ô dài hơn giới hạn ${limits.maxCellChars.toLocaleString('vi-VN')} ký tự. Hãy rút gọn nội dung ô rồi tải lên lại.`,
            rowNumber,
          );
        }
      },
    },
    entry.name,
  );

  const src = await openByteSource(ctx.input);
  try {
    for await (const _ of scanEntry(src, entry, limits, scanner)) {
      if (out.length) {
        const batch = out.splice(0, out.length);
        for (const r of batch) yield r;
      }
    }
    for (const r of out.splice(0, out.length)) yield r;
  } finally {
    await src.close();
  }
}
