import ExcelJS from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * Helpers that lay out a workbook the way the Office's Excel files look: the two-column
 * "UBND TỈNH… / CỘNG HÒA…" block, the list's title, merged headers, a column-number row, a
 * footer and a signature block. Output bytes are deterministic (fixed document dates and zip
 * timestamps), so regenerating the sample changes nothing in git.
 */
export const FIXED_DATE = new Date(Date.UTC(2024, 0, 15, 8, 0, 0));

/** The issuer of the Office's lists, top left. */
export const ISSUER = ['UBND TỈNH TÂY NINH', 'SỞ TÀI CHÍNH'];

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Văn phòng Sở Tài chính';
  wb.lastModifiedBy = 'Văn phòng Sở Tài chính';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

/** exceljs stamps the current time into zip entries: re-zip with a fixed time. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  const raw = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const entries = unzipSync(raw);
  const out: Zippable = {};
  for (const name of Object.keys(entries)) out[name] = [entries[name], { mtime: FIXED_DATE, level: 6 }];
  return Buffer.from(zipSync(out, { mtime: FIXED_DATE }));
}

const BOLD = { bold: true } as const;
const CENTER: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export function col(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function merge(ws: ExcelJS.Worksheet, row: number, from: number, to: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style> = {}): void {
  if (to > from) ws.mergeCells(row, from, row, to);
  const cell = ws.getCell(row, from);
  cell.value = value;
  cell.style = { ...style };
}

export interface TitleBlock {
  /** Issuer, top left: e.g. ['UBND TỈNH TÂY NINH', 'SỞ TÀI CHÍNH']. */
  issuer: string[];
  /** The list's title lines (capitals), centred across the table. */
  title: string[];
  /** Number of table columns. */
  width: number;
  /** Omit the national motto block (some lists have none). */
  noMotto?: boolean;
}

/** Writes the title block from row 1; returns the first free row (leaves one blank row). */
export function writeTitleBlock(ws: ExcelJS.Worksheet, t: TitleBlock): number {
  const half = Math.max(2, Math.floor(t.width / 2));
  const right = (i: number) => (t.noMotto ? '' : ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'][i] ?? '');
  let r = 1;
  for (let i = 0; i < Math.max(2, t.issuer.length); i++, r++) {
    merge(ws, r, 1, half, t.issuer[i] ?? '', { font: i === t.issuer.length - 1 ? BOLD : {}, alignment: CENTER });
    if (right(i)) merge(ws, r, half + 1, t.width, right(i), { font: BOLD, alignment: CENTER });
  }
  r++;
  for (const line of t.title) {
    merge(ws, r, 1, t.width, line, { font: { bold: true, size: 13 }, alignment: CENTER });
    r++;
  }
  return r + 1;
}

export interface HeaderSpec {
  /** Top header text, and either a sub-header text or children spanning several columns. */
  text: string;
  sub?: string[];
}

/**
 * A header over two rows: a column without `sub` is merged vertically; a column with `sub`
 * spans its children horizontally. Returns the row after the header.
 */
export function writeTwoRowHeader(ws: ExcelJS.Worksheet, row: number, headers: HeaderSpec[]): number {
  let c = 1;
  for (const h of headers) {
    const style: Partial<ExcelJS.Style> = { font: BOLD, alignment: CENTER, border: THIN };
    if (!h.sub) {
      ws.mergeCells(row, c, row + 1, c);
      ws.getCell(row, c).value = h.text;
      ws.getCell(row, c).style = style;
      c++;
    } else {
      if (h.sub.length > 1) ws.mergeCells(row, c, row, c + h.sub.length - 1);
      ws.getCell(row, c).value = h.text;
      ws.getCell(row, c).style = style;
      h.sub.forEach((s, i) => {
        ws.getCell(row + 1, c + i).value = s;
        ws.getCell(row + 1, c + i).style = style;
      });
      c += h.sub.length;
    }
  }
  return row + 2;
}

/**
 * The head of a list: the title block, the header (over two rows when given HeaderSpecs) and,
 * when `numbered`, the "(1) (2) (3)…" row. Returns the first data row.
 */
export function writeListHead(ws: ExcelJS.Worksheet, block: TitleBlock, headers: string[] | HeaderSpec[], numbered = true): number {
  const r = writeTitleBlock(ws, block);
  const next = headers.every((h) => typeof h === 'string') ? writeHeaderRow(ws, r, headers) : writeTwoRowHeader(ws, r, headers as HeaderSpec[]);
  return numbered ? writeColumnNumbers(ws, next, block.width) : next;
}

export function writeHeaderRow(ws: ExcelJS.Worksheet, row: number, headers: string[]): number {
  headers.forEach((h, i) => {
    const cell = ws.getCell(row, i + 1);
    cell.value = h;
    cell.style = { font: BOLD, alignment: CENTER, border: THIN };
  });
  return row + 1;
}

/** The "(1) (2) (3)…" row under a header. */
export function writeColumnNumbers(ws: ExcelJS.Worksheet, row: number, width: number): number {
  for (let i = 1; i <= width; i++) {
    const cell = ws.getCell(row, i);
    cell.value = `(${i})`;
    cell.style = { font: { italic: true }, alignment: CENTER, border: THIN };
  }
  return row + 1;
}

export function writeRow(ws: ExcelJS.Worksheet, row: number, values: ExcelJS.CellValue[], numFmts: (string | undefined)[] = []): void {
  values.forEach((v, i) => {
    const cell = ws.getCell(row, i + 1);
    cell.value = v;
    cell.border = THIN;
    if (numFmts[i]) cell.numFmt = numFmts[i]!;
  });
}

/** A full-width row such as "I. TẬP THỂ" or "Tổng cộng: …". */
export function writeBandRow(ws: ExcelJS.Worksheet, row: number, width: number, text: string, bold = true): void {
  merge(ws, row, 1, width, text, { font: bold ? BOLD : {}, border: THIN });
}

/** "Tây Ninh, ngày … tháng … năm …", "Nơi nhận:", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" and a name. */
export function writeSignature(ws: ExcelJS.Worksheet, row: number, width: number, date: string, signer: string, preparer?: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const half = Math.max(2, Math.floor(width / 2));
  let r = row + 1;
  merge(ws, r++, half + 1, width, `Tây Ninh, ngày ${d} tháng ${m} năm ${y}`, { font: { italic: true }, alignment: CENTER });
  merge(ws, r, 1, half, 'Nơi nhận:', { font: { bold: true, italic: true } });
  merge(ws, r++, half + 1, width, 'KT. GIÁM ĐỐC', { font: BOLD, alignment: CENTER });
  merge(ws, r, 1, half, '- Ban Thi đua - Khen thưởng tỉnh;');
  merge(ws, r++, half + 1, width, 'PHÓ GIÁM ĐỐC', { font: BOLD, alignment: CENTER });
  merge(ws, r++, 1, half, '- Lãnh đạo Sở;');
  merge(ws, r++, 1, half, '- Lưu: VT, VP.');
  if (preparer) merge(ws, r, 1, half, 'NGƯỜI LẬP BIỂU', { font: BOLD, alignment: CENTER });
  r += 3;
  if (preparer) merge(ws, r, 1, half, preparer, { font: BOLD, alignment: CENTER });
  merge(ws, r, half + 1, width, signer, { font: BOLD, alignment: CENTER });
  return r + 1;
}

export function setWidths(ws: ExcelJS.Worksheet, widths: number[]): void {
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}
