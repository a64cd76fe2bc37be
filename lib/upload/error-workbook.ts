import { PassThrough, type Writable } from 'node:stream';
import { PRODUCT_NAME } from '@/lib/domain';
import ExcelJS from 'exceljs';
import type { Cell, HeaderMapping, ImportIssue, RawRow } from '@/lib/import/types';
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

function columnIndexOfLetter(letter: string): number {
  let n = 0;
  for (const ch of letter.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Resolves an issue's column (header text as the file names it, or a letter) to a 0-based index. */
function issueColumnResolver(mapping: HeaderMapping[]): (column: string | null) => number | null {
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

interface ErrorWorkbookInput {
  sheetName: string | null;
  rows: AsyncIterable<RawRow> | Iterable<RawRow>;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  headerMapping: HeaderMapping[];
  fileName: string;
  /** Stop copying rows after this many (default ERROR_WORKBOOK_LIMITS.maxRows). */
  maxRows?: number;
  /** List at most this many issues (default ERROR_WORKBOOK_LIMITS.maxIssues). */
  maxIssues?: number;
}

/**
 * The workbook is written as a stream (rows leave memory as they are written) and bounded: a
 * sheet of millions of rows gives its first `maxRows` rows and a note saying where it stopped.
 */
export const ERROR_WORKBOOK_LIMITS = { maxRows: 50_000, maxIssues: 20_000 } as const;
const HEAD_ROWS = 40;

/** Writes the marked copy to `output` as it goes; resolves when the workbook is complete. */
export async function writeErrorWorkbook(input: ErrorWorkbookInput, output: Writable): Promise<{ rowsCopied: number; truncated: boolean }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  wb.creator = PRODUCT_NAME;
  const sheet = wb.addWorksheet(safeSheetName(input.sheetName ?? 'Dữ liệu'));
  const listSheet = wb.addWorksheet('Danh sách lỗi');
  const maxRows = input.maxRows ?? ERROR_WORKBOOK_LIMITS.maxRows;
  const maxIssues = input.maxIssues ?? ERROR_WORKBOOK_LIMITS.maxIssues;

  const columnOf = issueColumnResolver(input.headerMapping);
  const all = [...input.errors, ...input.warnings];
  const byRow = new Map<number, ImportIssue[]>();
  for (const issue of all.slice(0, maxIssues)) {
    if (issue.row === null) continue;
    const list = byRow.get(issue.row) ?? [];
    list.push(issue);
    byRow.set(issue.row, list);
  }

  // The «Lỗi» column goes right of the widest of the first rows, titled on the header row; both
  // are known once the first HEAD_ROWS rows are read, so only those wait in memory.
  const head: RawRow[] = [];
  let errorCol = 0;
  let headerRow = 0;
  let copied = 0;
  let truncated = false;
  let lastRow = 0;
  const writeRow = (raw: RawRow) => {
    if (raw.rowNumber <= lastRow) return; // the streaming writer needs increasing row numbers
    lastRow = raw.rowNumber;
    const row = sheet.getRow(raw.rowNumber);
    raw.cells.forEach((c, i) => {
      const v = cellValue(c);
      if (v !== null && i + 1 < errorCol) row.getCell(i + 1).value = v;
    });
    if (raw.rowNumber === headerRow) {
      const title = row.getCell(errorCol);
      title.value = 'Lỗi';
      title.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      title.fill = HEADER_FILL;
    }
    markRow(row, byRow.get(raw.rowNumber), errorCol, columnOf);
    row.commit();
  };
  const flushHead = () => {
    const width = head.reduce((w, r) => Math.max(w, r.cells.length), 0);
    errorCol = Math.max(width, 1) + 1;
    sheet.getColumn(errorCol).width = 60;
    headerRow = findHeaderRow(head, input.headerMapping);
    head.forEach(writeRow);
    head.length = 0;
  };
  for await (const raw of input.rows as AsyncIterable<RawRow>) {
    if (copied >= maxRows) {
      truncated = true;
      break;
    }
    copied++;
    if (errorCol === 0) {
      head.push(raw);
      if (head.length >= HEAD_ROWS) flushHead();
    } else {
      writeRow(raw);
    }
  }
  if (errorCol === 0) flushHead();
  sheet.commit();

  listSheet.columns = [
    { header: 'Dòng', key: 'row', width: 8 },
    { header: 'Cột', key: 'column', width: 28 },
    { header: 'Mức độ', key: 'severity', width: 12 },
    { header: 'Nội dung lỗi và cách sửa', key: 'message', width: 100 },
  ];
  listSheet.getRow(1).font = { bold: true };
  for (const i of all.slice(0, maxIssues)) {
    listSheet
      .addRow({ row: i.row ?? '', column: safeCell(i.column ?? ''), severity: i.severity === 'error' ? 'Lỗi' : 'Cảnh báo', message: safeCell(i.message) })
      .commit();
  }
  if (all.length === 0) listSheet.addRow({ message: 'Không có lỗi.' }).commit();
  listSheet.addRow({}).commit();
  if (all.length > maxIssues) {
    listSheet.addRow({ message: `Chỉ liệt kê ${maxIssues.toLocaleString('vi-VN')} trong ${all.length.toLocaleString('vi-VN')} lỗi và cảnh báo; sửa các lỗi này rồi tải lên lại để xem phần còn lại.` }).commit();
  }
  if (truncated) {
    listSheet
      .addRow({ message: `Trang «${sheet.name}» chỉ chép ${maxRows.toLocaleString('vi-VN')} dòng đầu của tệp; các lỗi ở dòng sau đó vẫn có trong danh sách này.` })
      .commit();
  }
  listSheet.addRow({ message: safeCell(`Tệp gốc: ${input.fileName}. Sửa các ô tô đỏ trong trang «${sheet.name}», xóa cột «Lỗi» rồi tải lên lại.`) }).commit();
  listSheet.commit();
  await wb.commit();
  return { rowsCopied: copied, truncated };
}

function markRow(row: ExcelJS.Row, issues: ImportIssue[] | undefined, errorCol: number, columnOf: (column: string | null) => number | null): void {
  if (!issues) return;
  const hasError = issues.some((i) => i.severity === 'error');
  for (const issue of issues) {
    const idx = columnOf(issue.column);
    if (idx === null || idx + 1 >= errorCol) continue;
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

/** The whole workbook in memory (tests; small files). The route streams with writeErrorWorkbook. */
export async function buildErrorWorkbook(input: ErrorWorkbookInput): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  await writeErrorWorkbook(input, sink);
  await done;
  return Buffer.concat(chunks);
}

/**
 * The row whose cells spell the mapped headers (a two-row header joins both texts, so a cell
 * counts when its text starts the header). Row 1 when nothing matches.
 */
function findHeaderRow(head: RawRow[], mapping: HeaderMapping[]): number {
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
