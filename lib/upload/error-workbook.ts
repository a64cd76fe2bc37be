import ExcelJS from 'exceljs';
import type { Cell, HeaderMapping, ImportIssue, RawRow } from '@/etl/types';
import { safeCell } from '@/lib/spreadsheet-safety';
import { foldKey } from '@/lib/text';

/**
 * The copy of an uploaded sheet the Office sends back to a division: every row as it came, an
 * extra «Lỗi» column saying what is wrong in each row, faulty cells filled red (warnings amber),
 * and a second sheet listing every issue. Text that would run as a formula is neutralised.
 */
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF8B4B4' } };
const WARNING_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE68A' } };
const ROW_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDECEC' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1E3A8A' } };

export function columnIndexOfLetter(letter: string): number {
  let n = 0;
  for (const ch of letter.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Resolves an issue's column (header text as the file names it, or a letter) to a 0-based index. */
export function issueColumnResolver(mapping: HeaderMapping[]): (column: string | null) => number | null {
  const byHeader = new Map<string, number>();
  for (const m of mapping) {
    const key = foldKey(m.header);
    if (key && !byHeader.has(key)) byHeader.set(key, columnIndexOfLetter(m.column));
  }
  return (column) => {
    if (!column) return null;
    if (/^[A-Z]{1,3}$/.test(column)) return columnIndexOfLetter(column);
    const hit = byHeader.get(foldKey(column));
    if (hit !== undefined) return hit;
    // "Khối chấm – Phòng A" style names: match the longest header contained in it.
    const key = foldKey(column);
    let best: { len: number; idx: number } | null = null;
    for (const [h, idx] of byHeader) if (h.length > 2 && key.includes(h) && (!best || h.length > best.len)) best = { len: h.length, idx };
    return best?.idx ?? null;
  };
}

function cellValue(c: Cell): ExcelJS.CellValue {
  if (c === null || c === undefined) return null;
  if (c instanceof Date) return c;
  if (typeof c === 'string') return safeCell(c);
  return c;
}

export interface ErrorWorkbookInput {
  sheetName: string | null;
  rows: AsyncIterable<RawRow> | Iterable<RawRow>;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  headerMapping: HeaderMapping[];
  fileName: string;
  /** Stop copying rows after this many (the issue list stays complete). */
  maxRows?: number;
}

export async function buildErrorWorkbook(input: ErrorWorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Thi đua analytics';
  const sheet = wb.addWorksheet(safeSheetName(input.sheetName ?? 'Dữ liệu'));
  const listSheet = wb.addWorksheet('Danh sách lỗi');

  const columnOf = issueColumnResolver(input.headerMapping);
  const byRow = new Map<number, ImportIssue[]>();
  for (const issue of [...input.errors, ...input.warnings]) {
    if (issue.row === null) continue;
    const list = byRow.get(issue.row) ?? [];
    list.push(issue);
    byRow.set(issue.row, list);
  }

  let width = 0;
  let copied = 0;
  const head: RawRow[] = [];
  const max = input.maxRows ?? 200_000;
  for await (const raw of input.rows as AsyncIterable<RawRow>) {
    if (copied >= max) break;
    if (head.length < 40) head.push(raw);
    width = Math.max(width, raw.cells.length);
    const row = sheet.getRow(raw.rowNumber);
    raw.cells.forEach((c, i) => {
      const v = cellValue(c);
      if (v !== null) row.getCell(i + 1).value = v;
    });
    copied++;
  }
  const errorCol = Math.max(width, 1) + 1;
  sheet.getColumn(errorCol).width = 60;

  const title = sheet.getRow(findHeaderRow(head, input.headerMapping)).getCell(errorCol);
  title.value = 'Lỗi';
  title.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  title.fill = HEADER_FILL;

  for (const [rowNo, issues] of byRow) {
    const row = sheet.getRow(rowNo);
    const hasError = issues.some((i) => i.severity === 'error');
    for (const issue of issues) {
      const idx = columnOf(issue.column);
      if (idx === null) continue;
      const cell = row.getCell(idx + 1);
      if (issue.severity === 'error' || cell.fill !== ERROR_FILL) cell.fill = issue.severity === 'error' ? ERROR_FILL : WARNING_FILL;
      cell.note = issue.message;
    }
    const note = row.getCell(errorCol);
    note.value = safeCell(issues.map((i) => `${i.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}${i.column ? ` (${i.column})` : ''}: ${i.message}`).join('\n'));
    note.alignment = { wrapText: true, vertical: 'top' };
    note.fill = hasError ? ROW_FILL : WARNING_FILL;
    note.font = { color: { argb: hasError ? 'FF991B1B' : 'FF92400E' } };
  }

  listSheet.columns = [
    { header: 'Dòng', key: 'row', width: 8 },
    { header: 'Cột', key: 'column', width: 28 },
    { header: 'Mức độ', key: 'severity', width: 12 },
    { header: 'Nội dung lỗi và cách sửa', key: 'message', width: 100 },
  ];
  listSheet.getRow(1).font = { bold: true };
  for (const i of [...input.errors, ...input.warnings]) {
    listSheet.addRow({
      row: i.row ?? '',
      column: safeCell(i.column ?? ''),
      severity: i.severity === 'error' ? 'Lỗi' : 'Cảnh báo',
      message: safeCell(i.message),
    });
  }
  if (input.errors.length + input.warnings.length === 0) listSheet.addRow({ message: 'Không có lỗi.' });
  listSheet.addRow({});
  listSheet.addRow({ message: safeCell(`Tệp gốc: ${input.fileName}. Sửa các ô tô đỏ trong trang «${sheet.name}», xoá cột «Lỗi» rồi tải lên lại.`) });

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The row whose cells spell the mapped headers (a two-row header joins both texts, so a cell
 * counts when its text starts the header). Row 1 when nothing matches.
 */
export function findHeaderRow(head: RawRow[], mapping: HeaderMapping[]): number {
  let best = { row: head[0]?.rowNumber ?? 1, hits: 0 };
  for (const raw of head) {
    let hits = 0;
    for (const m of mapping) {
      const c = raw.cells[columnIndexOfLetter(m.column)];
      const text = typeof c === 'string' ? foldKey(c) : '';
      if (text && foldKey(m.header).startsWith(text)) hits++;
    }
    if (hits > best.hits) best = { row: raw.rowNumber, hits };
  }
  return best.row;
}

function safeSheetName(name: string): string {
  return name.replace(/[\\/*?:[\]]/g, '_').slice(0, 31) || 'Dữ liệu';
}
