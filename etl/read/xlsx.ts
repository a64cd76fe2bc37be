/**
 * Streaming XLSX reader on top of the zip guard: workbook order, sheet names and visibility,
 * shared strings (rich text → plain), date styles, merged ranges filled from their master
 * cell, cached formula results (never evaluated), error values as text.
 */
import type { RawRow } from '@/lib/import/types';
import type { ImportLimits } from '@/lib/env';
import { FileRejectedError } from './errors';
import { MergeCollector } from './xlsx-merges';
import { parseRels, parseSharedStrings, parseStyles, parseWorkbook, readSmallEntry, refuseHugeSharedStrings, type Rel } from './xlsx-parts';
import { readSheetRows, type SheetContext } from './xlsx-sheet';
import { guardZip, openByteSource, readCentralDirectory, type ByteSource, type SourceInput, type ZipEntry } from './zip';

export { MAX_MERGES } from './xlsx-merges';
export { isDateFormat, MAX_SHARED_STRINGS } from './xlsx-parts';
export { serialToDate } from './xlsx-sheet';

interface XlsxSheet {
  name: string;
  hidden: boolean;
  rows(): AsyncIterable<RawRow>;
}

const notSpreadsheet = (what: string) =>
  new FileRejectedError(
    'not-xlsx',
    `Tệp là ${what}, không phải bảng tính Excel (.xlsx). Hãy mở tệp, chép bảng sang Excel và lưu thành .xlsx (hoặc xuất ra .csv UTF-8) rồi tải lên lại.`,
  );

function corruptPart(part: string) {
  return new FileRejectedError('corrupt', `Tệp bị hỏng: thiếu phần "${part}" của bảng tính. Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi tải lên lại.`);
}

/** Other office packages (.ods, .odt, .docx, .pptx) or a plain zip are named, not parsed. */
async function refuseOtherPackages(src: ByteSource, byName: Map<string, ZipEntry>, limits: ImportLimits): Promise<void> {
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
}

/** The workbook part, its folder and relationships (the package's root rels name it; Excel uses xl/workbook.xml). */
async function workbookParts(src: ByteSource, byName: Map<string, ZipEntry>, limits: ImportLimits) {
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
  return { workbook, rels, baseDir };
}

function worksheets(workbook: ReturnType<typeof parseWorkbook>, rels: Rel[], byName: Map<string, ZipEntry>) {
  const relById = new Map(rels.map((r) => [r.id, r]));
  const parts: { name: string; hidden: boolean; entry: ZipEntry }[] = [];
  for (const s of workbook.sheets) {
    const rel = relById.get(s.rid);
    if (!rel || !rel.type.endsWith('/worksheet')) continue; // chart sheets, macro sheets: no cells
    const entry = byName.get(rel.target);
    if (!entry) throw corruptPart(rel.target);
    parts.push({ name: s.name.normalize('NFC'), hidden: s.state === 'hidden' || s.state === 'veryHidden', entry });
  }
  if (parts.length === 0) {
    throw new FileRejectedError('no-sheet', 'Tệp Excel không có trang tính (sheet) nào chứa ô dữ liệu. Hãy kiểm tra lại tệp rồi tải lên lại.');
  }
  return parts;
}

export async function openXlsx(input: SourceInput, limits: ImportLimits): Promise<{ sheets: XlsxSheet[]; notes: string[] }> {
  const src = await openByteSource(input);
  try {
    const entries = await readCentralDirectory(src);
    const byName = new Map(entries.map((e) => [e.name, e]));
    await refuseOtherPackages(src, byName, limits);
    await refuseHugeSharedStrings(src, entries, limits);

    // The whole archive is checked before any part is parsed. Merged ranges sit after the
    // cells in a sheet's XML, so they are collected during this same pass.
    const merges = new MergeCollector();
    await guardZip(src, entries, limits, { wants: (e) => e.name.endsWith('.xml'), chunk: (e, data) => merges.chunk(e.name, data) });

    const { workbook, rels, baseDir } = await workbookParts(src, byName, limits);
    const sheetParts = worksheets(workbook, rels, byName);

    const stylesRel = rels.find((r) => r.type.endsWith('/styles'));
    const stylesEntry = byName.get(stylesRel?.target ?? `${baseDir}styles.xml`);
    const dateStyles = stylesEntry ? await parseStyles(src, stylesEntry, limits) : [];
    const sstRel = rels.find((r) => r.type.endsWith('/sharedStrings'));
    const sstEntry = byName.get(sstRel?.target ?? `${baseDir}sharedStrings.xml`);
    const sharedStrings = sstEntry ? await parseSharedStrings(src, sstEntry, limits) : [];

    const ctx: SheetContext = { input, limits, dateStyles, sharedStrings, date1904: workbook.date1904 };
    const sheets = sheetParts.map((p) => ({ name: p.name, hidden: p.hidden, rows: () => readSheetRows(ctx, p.entry, p.name, merges.refs.get(p.entry.name)) }));
    return { sheets, notes: [] };
  } finally {
    await src.close();
  }
}
