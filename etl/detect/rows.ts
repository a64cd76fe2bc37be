import type { Cell, RawRow } from '@/lib/import/types';
import { fold } from '@/lib/text';
import { cellText, isBlankCell } from '@/etl/normalise/cells';

/** Row classification around the table: blank, column numbers, sections, subtotals, signatures. */

export function isBlankRow(cells: Cell[]): boolean {
  for (let i = 0; i < cells.length; i++) if (!isBlankCell(cells[i])) return false;
  return true;
}

/** Distinct non-empty texts of a row, in column order (merged cells repeat the master value). */
export function distinctTexts(cells: Cell[]): string[] {
  const out: string[] = [];
  let last = '';
  for (const c of cells) {
    const t = cellText(c);
    if (t && t !== last && !out.includes(t)) out.push(t);
    if (t) last = t;
  }
  return out;
}

const COLUMN_NUMBER = /^\(?\s*(\d{1,2}|[a-zA-Z])\s*\)?$/;

/** The row of column numbers under a header: (1), (2)… or 1, 2, 3… */
export function isColumnNumberRow(cells: Cell[]): boolean {
  let n = 0;
  let numeric: number[] = [];
  for (const c of cells) {
    if (isBlankCell(c)) continue;
    if (typeof c === 'number') {
      if (!Number.isInteger(c) || c < 0 || c > 99) return false;
      numeric.push(c);
    } else if (typeof c === 'string') {
      const t = cellText(c);
      const m = COLUMN_NUMBER.exec(t);
      if (!m) return false;
      if (/^\d+$/.test(m[1])) numeric.push(Number(m[1]));
    } else return false;
    n++;
  }
  if (n < 2) return false;
  // Mostly increasing: column numbers, not a row of small data values.
  let inc = 0;
  for (let i = 1; i < numeric.length; i++) if (numeric[i] > numeric[i - 1]) inc++;
  return numeric.length < 2 || inc >= (numeric.length - 1) * 0.7;
}

const SIGNATURE = /^(kt |tm |ktm |q |tl |giam doc|pho giam doc|chanh van phong|truong phong|noi nhan|nguoi lap|nguoi tong hop|thu truong|xac nhan|ky ten|luu vt|nhu tren|nguoi ky)/;
const DATE_LINE = /(^| )ngay( \d{1,2}| \.+)? thang( \d{1,2}| \.+)? nam( \d{4}| \.+)?/;
const SUBTOTAL = /^(cong|tong cong|tong so|tong|cong so|tong hop)( |$)/;

type RowMark = 'signature' | 'subtotal' | null;

/** Signature blocks end the table; subtotal / total rows are skipped (scores keep TỔNG CỘNG). */
export function markRow(texts: string[]): RowMark {
  if (texts.length === 0) return null;
  const first = fold(texts[0]);
  if (SIGNATURE.test(first)) return 'signature';
  if (texts.length <= 2 && DATE_LINE.test(first) && first.length < 80 && /,/.test(texts[0])) return 'signature';
  if (SUBTOTAL.test(first)) return 'subtotal';
  return null;
}

const SECTION_HEAD = /^((i|ii|iii|iv|v|vi|vii|viii|ix|x|a|b|c|d)[.)]?\s|[ivx]+[.)]\s*|[abcd][.)]\s*)/;

/** Recipient type announced by a section row ("I. TẬP THỂ", "II. CÁ NHÂN", "HỘ GIA ĐÌNH"). */
export function sectionRecipientType(text: string): 'individual' | 'collective' | 'household' | null {
  const f = fold(text).replace(SECTION_HEAD, '').trim();
  if (/^(khen thuong )?(danh hieu )?(cho )?(cac )?tap the\b/.test(f) || /^(khen thuong )?tap the\b/.test(f)) return 'collective';
  if (/^(khen thuong )?(danh hieu )?(cho )?(cac )?ca nhan\b/.test(f)) return 'individual';
  if (/^(khen thuong )?(cho )?(cac )?ho gia dinh\b/.test(f)) return 'household';
  return null;
}

export function rowHasSectionLead(texts: string[]): boolean {
  return texts.length > 0 && SECTION_HEAD.test(fold(texts[0]) + ' ');
}

export type { RawRow };
