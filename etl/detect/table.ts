import type { Cell, HeaderMapping, RawRow } from '@/lib/import/types';
import { DATASETS, type Dataset } from '@/lib/domain';
import { foldKey } from '@/lib/text';
import { DATASET_SCHEMAS } from '@/lib/datasets';
import { columnLetter } from '@/etl/read/cells';
import { cellText } from '@/etl/normalise/cells';
import { matchHeaderText, type SynonymHit } from '@/etl/headers/synonyms';
import { distinctTexts, isBlankRow, isColumnNumberRow } from './rows';

/**
 * Finds the table in the first rows of a sheet: the header row (scored by synonym hits), a second
 * header row when the header spans two merged rows, the dataset, and the title block above.
 */
export const HEADER_SCAN_ROWS = 30;

interface ColumnHeader {
  index: number;
  letter: string;
  /** Joined header text (parent + child when two rows). */
  text: string;
  parent: string;
  child: string;
  field: string | null;
}

export interface DetectedTable {
  dataset: Dataset;
  /** Index (in the rows given) of the first header row. */
  headerIndex: number;
  headerRows: 1 | 2;
  /** Index of the first row after the header (and its column-number row). */
  bodyIndex: number;
  columns: ColumnHeader[];
  /** field → column index (first column mapped to that field). */
  fieldColumns: Map<string, number>;
  /** Texts of the rows above the header (title block), for period and bloc. */
  titleLines: string[];
  score: number;
  /** For wide score sheets: whether units run across columns. */
  wide: boolean;
}

function rowTexts(cells: Cell[], width: number): string[] {
  const out: string[] = new Array(width);
  for (let i = 0; i < width; i++) out[i] = typeof cells[i] === 'string' ? cellText(cells[i]) : '';
  return out;
}

function looksLikeSubHeader(parent: string[], child: string[], childCells: Cell[]): boolean {
  let differs = 0;
  for (let i = 0; i < child.length; i++) {
    const c = childCells[i];
    if (c !== null && c !== undefined && typeof c !== 'string') return false; // numbers/dates: data
    if (!child[i]) continue;
    if (child[i] === parent[i]) continue; // vertical merge copied the master value
    differs++;
  }
  return differs > 0;
}

interface Candidate {
  dataset: Dataset;
  score: number;
  columns: ColumnHeader[];
  fields: Map<string, number>;
  wide: boolean;
}

function mapColumns(dataset: Dataset, parent: string[], child: string[] | null): Candidate {
  const columns: ColumnHeader[] = [];
  const fields = new Map<string, number>();
  let score = 0;
  for (let i = 0; i < parent.length; i++) {
    const p = parent[i] ?? '';
    const c = child ? (child[i] ?? '') : '';
    const hasChild = c !== '' && c !== p;
    const text = hasChild ? (p ? `${p} ${c}` : c) : p;
    let hit: SynonymHit | null = null;
    if (hasChild) {
      const tries = [matchHeaderText(dataset, `${c} ${p}`), matchHeaderText(dataset, c), matchHeaderText(dataset, text)];
      for (const t of tries) if (t && (!hit || t.score > hit.score || (t.score === hit.score && t.length > hit.length))) hit = t;
      // A child under an unrecognised parent (a unit name) stays with the parent for wide sheets.
    } else if (p) hit = matchHeaderText(dataset, p);
    let field = hit?.field ?? null;
    if (field && fields.has(field)) {
      // A second column for the same field: keep the better one, ignore this one.
      field = null;
    }
    if (field) {
      fields.set(field, i);
      score += hit!.score;
    }
    columns.push({ index: i, letter: columnLetter(i), text, parent: p, child: hasChild ? c : '', field });
  }
  let wide = false;
  if (dataset === 'scores' && !fields.has('unit')) {
    // Wide: units across columns. A Tự chấm / Khối chấm child under a parent is a unit's pair.
    for (const col of columns) {
      if (col.child && col.parent && (col.field === 'self_points' || col.field === 'assessed_points')) {
        if (fields.get(col.field) === col.index) fields.delete(col.field);
        col.field = null;
      }
    }
    const unitCols = columns.filter((col) => !col.field && col.parent && !/^(ghichu|tong|tongdiem|tongcong|xephang|hang|thuhang)$/.test(foldKey(col.parent)));
    for (const col of unitCols) {
      const k = foldKey(col.child);
      const hitChild = col.child ? matchHeaderText('scores', col.child) : null;
      if (hitChild?.field === 'self_points') col.field = 'unit_self';
      else if (hitChild?.field === 'assessed_points' || !col.child) col.field = 'unit_assessed';
      else if (k) col.field = null;
    }
    wide = columns.some((c) => c.field === 'unit_self' || c.field === 'unit_assessed');
    // The unit columns show the layout but do not prove it: only the criteria columns score.
    // A row of pairs (Tự chấm / Khối chấm) is strong evidence of the wide layout.
    if (wide) score += columns.some((c) => c.field === 'unit_self') ? 2 : 1;
  }
  const ok = DATASET_SCHEMAS[dataset].recognisedBy.some((alt) => alt.every((f) => fields.has(f)));
  if (dataset === 'scores' && fields.has('max_points') && !fields.has('unit') && !wide) return { dataset, score: 0, columns, fields, wide };
  return { dataset, score: ok ? score : 0, columns, fields, wide };
}

export function detectTable(rows: RawRow[], forced?: Dataset): DetectedTable | null {
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  let width = 0;
  for (let i = 0; i < Math.min(rows.length, limit + 2); i++) width = Math.max(width, rows[i].cells.length);
  let best: (Candidate & { headerIndex: number; headerRows: 1 | 2 }) | null = null;
  const datasets = forced ? [forced] : [...DATASETS];
  for (let i = 0; i < limit; i++) {
    const cells = rows[i].cells;
    if (isBlankRow(cells)) continue;
    const texts = rowTexts(cells, width);
    if (texts.filter(Boolean).length < 2) continue;
    // A title merged across the table (every cell holds the same text) is never a header row.
    if (new Set(texts.filter(Boolean)).size < 2) continue;
    const next = rows[i + 1];
    const nextTexts = next ? rowTexts(next.cells, width) : null;
    const twoRow = next && nextTexts && !isColumnNumberRow(next.cells) && looksLikeSubHeader(texts, nextTexts, next.cells);
    for (const d of datasets) {
      const single = mapColumns(d, texts, null);
      let cand = { ...single, headerIndex: i, headerRows: 1 as 1 | 2 };
      if (twoRow) {
        const double = mapColumns(d, texts, nextTexts);
        if (double.score > single.score || (double.score === single.score && double.score > 0 && double.fields.size > single.fields.size)) {
          cand = { ...double, headerIndex: i, headerRows: 2 };
        }
      }
      if (cand.score > 0 && (!best || cand.score > best.score)) best = cand;
    }
  }
  if (!best) return null;
  let bodyIndex = best.headerIndex + best.headerRows;
  while (bodyIndex < rows.length && isBlankRow(rows[bodyIndex].cells)) bodyIndex++;
  if (bodyIndex < rows.length && isColumnNumberRow(rows[bodyIndex].cells)) bodyIndex++;
  const titleLines: string[] = [];
  for (let i = 0; i < best.headerIndex; i++) titleLines.push(...distinctTexts(rows[i].cells));
  return {
    dataset: best.dataset,
    headerIndex: best.headerIndex,
    headerRows: best.headerRows,
    bodyIndex,
    columns: best.columns,
    fieldColumns: best.fields,
    titleLines,
    score: best.score,
    wide: best.wide,
  };
}

/** Applies the upload page's corrections (column letter → field or null). */
export function applyHeaderOverrides(table: DetectedTable, overrides: Record<string, string | null> | undefined): void {
  if (!overrides) return;
  for (const [letter, field] of Object.entries(overrides)) {
    const col = table.columns.find((c) => c.letter === letter.toUpperCase());
    if (!col) continue;
    if (col.field) table.fieldColumns.delete(col.field);
    for (const other of table.columns) if (field && other.field === field) other.field = null;
    col.field = field;
    if (field) table.fieldColumns.set(field, col.index);
  }
}

export function headerMapping(table: DetectedTable): HeaderMapping[] {
  return table.columns.filter((c) => c.text).map((c) => ({ column: c.letter, header: c.text, field: c.field }));
}
