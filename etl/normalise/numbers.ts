import type { Cell } from '@/lib/import/types';
import { cellText } from './cells';

/**
 * Numbers as typed in Vietnamese sheets. Counts: `1.250` = 1250 (dot before exactly three digits
 * is a thousands separator), `1 250` too. Points: `18,5` and `18.5` are both 18.5, `1.250,5` is
 * 1250.5. Empty, `-` and cached errors (#N/A) are null.
 */
type NumberResult = { ok: true; value: number | null } | { ok: false };

const NULL: NumberResult = { ok: true, value: null };
const BAD: NumberResult = { ok: false };
const GROUPED_INT = /^[+-]?\d{1,3}(?:[.\s]\d{3})+$/;
const PLAIN = /^[+-]?\d+(?:[.,]\d+)?$/;
const VI_DECIMAL = /^[+-]?\d{1,3}(?:\.\d{3})+,\d+$/;
const EN_GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export function parseNumberCell(c: Cell, kind: 'count' | 'points'): NumberResult {
  if (c === null || c === undefined) return NULL;
  if (typeof c === 'number') return Number.isFinite(c) ? { ok: true, value: c } : BAD;
  if (typeof c === 'boolean' || c instanceof Date) return BAD;
  const t = cellText(c);
  if (!t || t === '-' || t === '–') return NULL;
  return parseNumberText(t.replace(/\u00A0/g, ' '), kind);
}

function parseNumberText(t: string, kind: 'count' | 'points'): NumberResult {
  const s = t.trim();
  if (kind === 'count' && GROUPED_INT.test(s)) return { ok: true, value: Number(s.replace(/[.\s]/g, '')) };
  if (PLAIN.test(s)) return { ok: true, value: Number(s.replace(',', '.')) };
  if (VI_DECIMAL.test(s)) return { ok: true, value: Number(s.replace(/\./g, '').replace(',', '.')) };
  if (/^[+-]?\d{1,3}(?:\s\d{3})+(?:,\d+)?$/.test(s)) return { ok: true, value: Number(s.replace(/\s/g, '').replace(',', '.')) };
  if (kind === 'count' && EN_GROUPED.test(s) && !s.includes('.')) return { ok: true, value: Number(s.replace(/,/g, '')) };
  return BAD;
}

/** A year cell: a whole number from 1990 to 2100, or empty (null). */
export function parseYearCell(c: Cell): NumberResult {
  const y = parseNumberCell(c, 'count');
  if (!y.ok || y.value === null) return y;
  return Number.isInteger(y.value) && y.value >= 1990 && y.value <= 2100 ? y : BAD;
}
