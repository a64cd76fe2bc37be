import type { Cell } from '@/lib/import/types';
import { cleanCellString } from './fast-text';

/** Cached spreadsheet errors and placeholders that mean "no value". */
const EMPTY_MARKERS = new Set(['#N/A', '#N/A!', '#VALUE!', '#REF!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', 'N/A']);

/** Text of a cell: NFC, spaces collapsed; '' for empty cells and cached errors such as #N/A. */
export function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') {
    const t = cleanCellString(c);
    // Cached errors (#N/A…) and "N/A" are no value.
    return (t.charCodeAt(0) === 35 || t.length === 3) && EMPTY_MARKERS.has(t.toUpperCase()) ? '' : t;
  }
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  if (c instanceof Date) {
    const y = c.getUTCFullYear();
    const m = c.getUTCMonth() + 1;
    const d = c.getUTCDate();
    return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
  }
  return '';
}

export function isBlankCell(c: Cell): boolean {
  if (c === null || c === undefined) return true;
  if (typeof c === 'string') return cellText(c) === '';
  return false;
}

/** The raw value as a person would read it, for messages. */
export function rawForMessage(c: Cell): string {
  const t = cellText(c);
  return t.length > 80 ? `${t.slice(0, 77)}…` : t;
}
