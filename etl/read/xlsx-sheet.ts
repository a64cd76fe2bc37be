/**
 * One worksheet's rows, streamed: cell types (shared strings, inline text, booleans, errors,
 * ISO dates, numbers with date styles), cached formula results (never evaluated), merged ranges
 * filled from their master cell, and the row, column and cell limits.
 */
import type { Cell, RawRow } from '@/lib/import/types';
import type { ImportLimits } from '@/lib/env';
import { columnLetter, columnOfRef } from './cells';
import { FileRejectedError } from './errors';
import { MergeFiller, parseMerges, type Merge } from './xlsx-merges';
import { scanEntry } from './xlsx-parts';
import { attr, decodeExcelEscapes, decodeXml, XmlScanner, type XmlHandler } from './xml';
import { openByteSource, type SourceInput, type ZipEntry } from './zip';

export interface SheetContext {
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

/** What one <c> element held while it was read. */
interface RawCell {
  type: string;
  style: number;
  value: string | null;
  formula: string | null;
}

const formulaText = (f: string | null) => (f !== null && f !== '' ? `=${f}` : null);

/** A cell's value as the spreadsheet shows it; a formula without a cached result is its text. */
export function cellValue(c: RawCell, ctx: SheetContext): Cell {
  const { value, formula } = c;
  switch (c.type) {
    case 's': {
      if (value === null) return null;
      return ctx.sharedStrings[parseInt(value, 10)] ?? null;
    }
    case 'inlineStr':
      return value === null ? null : decodeExcelEscapes(value).normalize('NFC');
    case 'str':
      return value !== null ? decodeExcelEscapes(value).normalize('NFC') : formula !== null ? `=${formula}` : null;
    case 'b':
      return value === null ? (formula !== null ? `=${formula}` : null) : value.trim() === '1' || value.trim() === 'true';
    case 'e':
      return value ?? (formula !== null ? `=${formula}` : null);
    case 'd':
      return value === null ? null : isoToDate(value.trim());
  }
  if (value === null || value.trim() === '') return formulaText(formula);
  const n = Number(value);
  if (Number.isNaN(n)) return value;
  // Serials Excel can show as dates: 0 … 31/12/9999.
  return ctx.dateStyles[c.style] && n >= 0 && n < 2_958_466 ? serialToDate(n, ctx.date1904) : n;
}

/** Rows of one sheet: collects them as the XML is scanned; `take()` hands over what is ready. */
class SheetRows {
  private out: RawRow[] = [];
  private lastRow = 0;
  private rowNumber = 0;
  private cells: Cell[] = [];
  private col = -1;
  private cell: RawCell = { type: 'n', style: 0, value: null, formula: null };
  private capture: 0 | 1 | 2 | 3 = 0; // 1 value, 2 formula, 3 inline text
  private inInline = false;
  private phonetic = 0;
  private readonly filler: MergeFiller;

  constructor(
    private readonly ctx: SheetContext,
    private readonly sheetName: string,
    merges: Merge[],
  ) {
    this.filler = new MergeFiller(merges, ctx.limits.maxColumns);
  }

  take(): RawRow[] {
    const rows = this.out;
    this.out = [];
    return rows;
  }

  readonly handler: XmlHandler = {
    open: (name, a, selfClosing) => this.open(name, a, selfClosing),
    close: (name) => this.close(name),
    text: (raw) => this.text(raw),
  };

  private open(name: string, a: string, selfClosing: boolean): void {
    switch (name) {
      case 'c': {
        const r = attr(a, 'r');
        this.col = Math.max(0, r ? columnOfRef(r) : this.col + 1);
        const s = attr(a, 's');
        this.cell = { type: attr(a, 't') ?? 'n', style: s ? parseInt(s, 10) : 0, value: null, formula: null };
        if (selfClosing) this.finishCell();
        break;
      }
      case 'v':
        if (selfClosing) break;
        this.capture = 1;
        this.cell.value = '';
        break;
      case 'f':
        if (selfClosing) this.cell.formula ??= '';
        else {
          this.capture = 2;
          this.cell.formula = '';
        }
        break;
      case 'is':
        this.inInline = true;
        this.cell.value = '';
        break;
      case 't':
        if (this.inInline && !selfClosing && this.phonetic === 0) this.capture = 3;
        break;
      case 'rPh':
        if (!selfClosing) this.phonetic++;
        break;
      case 'row': {
        const r = attr(a, 'r');
        const n = r ? parseInt(r, 10) : this.rowNumber + 1;
        this.rowNumber = Number.isFinite(n) && n > this.rowNumber ? n : this.rowNumber + 1;
        this.cells = [];
        this.col = -1;
        if (selfClosing) this.endRow();
        break;
      }
    }
  }

  private close(name: string): void {
    switch (name) {
      case 'v':
      case 'f':
      case 't':
        this.capture = 0;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'c':
        this.finishCell();
        break;
      case 'row':
        this.endRow();
        break;
      case 'sheetData':
        // Ranges that run below the last written row still fill their rows.
        this.fillGap(Number.MAX_SAFE_INTEGER);
        break;
    }
  }

  private text(raw: string): void {
    if (this.capture === 0) return;
    const t = decodeXml(raw);
    const c = this.cell;
    if (this.capture === 2) c.formula += t;
    else c.value += t;
    const max = this.ctx.limits.maxCellChars;
    if ((c.value?.length ?? 0) > max || (c.formula?.length ?? 0) > max) {
      throw new FileRejectedError(
        'cell-too-long',
        `Trang "${this.sheetName}", dòng ${this.rowNumber}, cột ${columnLetter(this.col)}: ô dài hơn giới hạn ${max.toLocaleString('vi-VN')} ký tự. Hãy rút gọn nội dung ô rồi tải lên lại.`,
        this.rowNumber,
      );
    }
  }

  private finishCell(): void {
    const v = cellValue(this.cell, this.ctx);
    const { limits } = this.ctx;
    if (typeof v === 'string' && v.length > limits.maxCellChars) {
      throw new FileRejectedError(
        'cell-too-long',
        `Trang "${this.sheetName}", dòng ${this.rowNumber}, cột ${columnLetter(this.col)}: ô dài ${v.length.toLocaleString('vi-VN')} ký tự, vượt quá giới hạn ${limits.maxCellChars.toLocaleString('vi-VN')}. Hãy rút gọn nội dung ô rồi tải lên lại.`,
        this.rowNumber,
      );
    }
    if (v !== null) {
      if (this.col >= limits.maxColumns) throw this.tooWide(this.rowNumber, this.col);
      this.cells[this.col] = v;
    }
  }

  private endRow(): void {
    this.fillGap(this.rowNumber);
    this.emit(this.rowNumber, this.cells);
    this.lastRow = this.rowNumber;
  }

  /** Rows absent from the XML but covered by a merged range with a value still appear. */
  private fillGap(upTo: number): void {
    const until = this.filler.coveredUntil(this.lastRow, upTo - 1);
    for (let r = this.lastRow + 1; r <= until; r++) this.emit(r, []);
    this.lastRow = Math.max(this.lastRow, until);
  }

  private emit(rowNumber: number, cells: Cell[]): void {
    const { limits } = this.ctx;
    this.filler.fill(rowNumber, cells);
    let width = cells.length;
    while (width > 0 && (cells[width - 1] === null || cells[width - 1] === undefined)) width--;
    if (width === 0) return;
    if (width > limits.maxColumns) throw this.tooWide(rowNumber, width - 1);
    if (rowNumber > limits.maxRows) {
      throw new FileRejectedError(
        'too-many-rows',
        `Trang "${this.sheetName}" có dữ liệu ở dòng ${rowNumber}, vượt quá giới hạn ${limits.maxRows.toLocaleString('vi-VN')} dòng. Hãy chia tệp thành nhiều tệp nhỏ hơn rồi tải lên lần lượt.`,
        rowNumber,
      );
    }
    const dense: Cell[] = new Array(width);
    for (let i = 0; i < width; i++) dense[i] = cells[i] ?? null;
    this.out.push({ rowNumber, cells: dense });
  }

  private tooWide(row: number, col: number): FileRejectedError {
    return new FileRejectedError(
      'too-many-columns',
      `Trang "${this.sheetName}", dòng ${row}: có dữ liệu ở cột ${columnLetter(col)}, vượt quá giới hạn ${this.ctx.limits.maxColumns} cột. Hãy xóa các cột thừa bên phải bảng rồi tải lên lại.`,
      row,
    );
  }
}

/** Rows of one sheet; its merged ranges (`mergeRefs`) are checked first (overlaps refused). */
export async function* readSheetRows(ctx: SheetContext, entry: ZipEntry, sheetName: string, mergeRefs: Iterable<string> | undefined): AsyncGenerator<RawRow> {
  const rows = new SheetRows(ctx, sheetName, parseMerges(mergeRefs, sheetName, ctx.limits.maxColumns));
  const scanner = new XmlScanner(rows.handler, entry.name);
  const src = await openByteSource(ctx.input);
  try {
    for await (const _ of scanEntry(src, entry, ctx.limits, scanner)) {
      void _;
      yield* rows.take();
    }
    yield* rows.take();
  } finally {
    await src.close();
  }
}
