import type { Cell } from '@/lib/import/types';
import { EXEMPLAR_KIND_LABELS, EXEMPLAR_KINDS, type ExemplarKind } from '@/lib/domain';
import { fold } from '@/lib/text';
import { cellText, rawForMessage } from '@/etl/normalise/cells';
import { parseNumberCell } from '@/etl/normalise/numbers';
import { rowList } from './award-recipient';

/**
 * What an activity row says beyond attendance: its reach («lượt xem», kept apart from the people
 * who took part and never added to them) and the exemplar it presents, typed (điển hình tiên
 * tiến, mô hình mới, nhân tố mới, người tốt việc tốt) and flagged when proposed to the
 * province's emulation council. The JS row checks and the SQL of a bulk CSV body both come from
 * here, so both paths store the same values.
 */

/** A field's verdict: its value, or what is wrong (a warning still loads the row). */
export type Check<T> = { ok: true; value: T } | { ok: false; code: string; message: string; warning?: T };

/** The phrase (folded) that names each kind in free text. */
const PHRASES: Record<ExemplarKind, string> = {
  advanced: 'dien hinh tien tien',
  new_model: 'mo hinh moi',
  new_factor: 'nhan to moi',
  good_deed: 'nguoi tot viec tot',
};
/** Short forms accepted in the «Loại điển hình» column only. */
const ABBREVIATIONS: Record<string, ExemplarKind> = { dhtt: 'advanced', mhm: 'new_model', ntm: 'new_factor', ntvt: 'good_deed' };
const PHRASE_RE = `\\b(${EXEMPLAR_KINDS.map((k) => PHRASES[k]).join('|')})\\b`;
const KIND_OF_PHRASE = new Map(EXEMPLAR_KINDS.map((k) => [PHRASES[k], k]));

/** The distinct kinds a text names, in the order of EXEMPLAR_KINDS. */
export function exemplarKindsIn(text: string): ExemplarKind[] {
  const found = new Set<ExemplarKind>();
  for (const m of fold(text).matchAll(new RegExp(PHRASE_RE, 'g'))) found.add(KIND_OF_PHRASE.get(m[1])!);
  return EXEMPLAR_KINDS.filter((k) => found.has(k));
}

/** SQL of lib/text.ts fold() for clean NFC text (what the bulk path keeps as read). */
const foldSql = (x: string) => `trim(regexp_replace(lower(strip_accents(replace(replace(coalesce(${x}, ''), 'đ', 'd'), 'Đ', 'd'))), '[^a-z0-9]+', ' ', 'g'))`;

/** SQL: the list of distinct kinds (identifiers) a text column names. */
export function exemplarKindsSql(x: string): string {
  const cases = EXEMPLAR_KINDS.map((k) => `WHEN '${PHRASES[k]}' THEN '${k}'`).join(' ');
  return `list_distinct(list_transform(regexp_extract_all(${foldSql(x)}, '${PHRASE_RE}', 1), p -> CASE p ${cases} END))`;
}

/**
 * A cheap test that is true of every clean (NFC) text whose folded form names a kind: each
 * phrase has a word folding to «tien», «moi» or «tot». Folding and matching the phrases costs
 * ~10 µs a text, so it runs only where this test passes (DuckDB evaluates a CASE branch only
 * for the rows that reach it).
 */
const O = 'oóòỏõọôốồổỗộơớờởỡợ';
const MAYBE_KIND_RE = `(?i)m[${O}]i|t[iíìỉĩị][eéèẻẽẹêếềểễệ]n|t[${O}]t`;

/** SQL: the list of distinct kinds a text column names, computed only when it may name one. */
function guardedKindsSql(x: string): string {
  return `CASE WHEN regexp_matches(${x}, '${MAYBE_KIND_RE}') THEN ${exemplarKindsSql(x)} ELSE []::VARCHAR[] END`;
}

/**
 * SQL of ExemplarTyping.kind for a bulk body. `kinds`: for a row with an exemplar, the kinds the
 * exemplar names, else those the title names — computed once per row (a column of the body's subquery `x`). `kind`: the
 * stated kind, else the only one named; `clean` is false where a text names two kinds (those
 * rows go through JS, which warns).
 */
export function exemplarKindSql(stated: string, exemplar: string, title: string, x: string) {
  const kx = guardedKindsSql(exemplar);
  return {
    // NULL (not an empty list) for the usual row without an exemplar: nothing is built for it.
    kinds: `CASE WHEN ${exemplar} IS NULL OR ${exemplar} = '' THEN NULL WHEN len(${kx}) > 0 THEN ${kx} ELSE ${guardedKindsSql(title)} END`,
    kind: `coalesce(${stated}, CASE WHEN len(${x}) = 1 THEN ${x}[1] END)`,
    clean: `(${stated} IS NOT NULL OR coalesce(len(${x}), 0) <= 1)`,
  };
}

/** The «Loại điển hình» cell: a kind, null when empty, undefined when not understood. */
export function exemplarKindOfColumn(text: string): ExemplarKind | null | undefined {
  if (!text) return null;
  const abbr = ABBREVIATIONS[fold(text).replace(/ /g, '')];
  if (abbr) return abbr;
  const kinds = exemplarKindsIn(text);
  if (kinds.length === 1) return kinds[0];
  // «Người tốt việc tốt» is often written «Gương người tốt»; «Mô hình» alone is a new model.
  const f = fold(text);
  if (/^(guong )?nguoi tot\b/.test(f)) return 'good_deed';
  if (/^mo hinh\b/.test(f) && kinds.length === 0) return 'new_model';
  return undefined;
}

const YES = new Set(['co', 'x', 'yes', '1', 'true', 'de nghi', 'da de nghi', 'dong y', 'dat']);
const NO = new Set(['khong', '0', 'no', 'false', 'chua', 'chua de nghi', 'khong de nghi']);

/** The «Đề nghị Hội đồng TĐKT tỉnh» cell: có/x/✓ → true, không/0 → false, empty → null, else undefined. */
export function proposedOf(cell: Cell): boolean | null | undefined {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : undefined;
  const raw = cellText(cell);
  if (!raw || raw === '-' || raw === '–') return null;
  if (/^[✓✔☑✅√]$/u.test(raw)) return true;
  const f = fold(raw);
  if (YES.has(f)) return true;
  if (NO.has(f)) return false;
  return undefined;
}

/** «Số người tham gia»: a non-negative whole number, 0 when empty. */
export function checkParticipants(cell: Cell): Check<number> {
  if (cell === null) return { ok: true, value: 0 };
  const p = parseNumberCell(cell, 'count');
  if (!p.ok || (p.value !== null && !Number.isInteger(p.value))) {
    return { ok: false, code: 'count_invalid', message: `«${rawForMessage(cell)}» không phải số người hợp lệ. Hãy nhập số nguyên, ví dụ 1.250 hoặc 1250.` };
  }
  if (p.value !== null && p.value < 0) {
    return { ok: false, code: 'count_negative', message: `số người tham gia không được âm («${rawForMessage(cell)}»). Hãy nhập 0 hoặc số dương.` };
  }
  if (p.value !== null && p.value > 2_147_483_647) {
    return { ok: false, code: 'count_too_large', message: `số người tham gia «${rawForMessage(cell)}» quá lớn. Hãy kiểm tra lại.` };
  }
  return { ok: true, value: p.value ?? 0 };
}

/** «Số lượt xem»: a non-negative whole number, null when empty. */
export function checkReach(cell: Cell): Check<number | null> {
  if (cell === null) return { ok: true, value: null };
  const p = parseNumberCell(cell, 'count');
  if (!p.ok || (p.value !== null && !Number.isInteger(p.value))) {
    return { ok: false, code: 'reach_invalid', message: `«${rawForMessage(cell)}» không phải số lượt xem hợp lệ. Hãy nhập số nguyên, ví dụ 12.500 hoặc 12500.` };
  }
  if (p.value !== null && p.value < 0) {
    return { ok: false, code: 'reach_negative', message: `số lượt xem không được âm («${rawForMessage(cell)}»). Hãy nhập 0 hoặc số dương.` };
  }
  if (p.value !== null && p.value > Number.MAX_SAFE_INTEGER) {
    return { ok: false, code: 'reach_too_large', message: `số lượt xem «${rawForMessage(cell)}» quá lớn. Hãy kiểm tra lại.` };
  }
  return { ok: true, value: p.value };
}

const kindList = (kinds: ExemplarKind[]) => kinds.map((k) => `«${EXEMPLAR_KIND_LABELS[k]}»`).join(' và ');

/**
 * Types the exemplar of each row and keeps, grouped, what needs the Office's answer: text naming
 * two kinds (the kind is left empty), kinds and proposal marks not understood.
 */
export class ExemplarTyping {
  private ambiguous = new Map<string, { kinds: ExemplarKind[]; rows: number[] }>();
  private unknownKind = new Map<string, number[]>();
  private unknownProposed = new Map<string, number[]>();

  /** kindText: the «Loại điển hình» cell's text; exemplar and title: the row's texts. */
  kind(row: number, kindText: string, exemplar: string, title: string): ExemplarKind | null {
    const stated = exemplarKindOfColumn(kindText);
    if (stated) return stated;
    if (stated === undefined) {
      push(this.unknownKind, kindText, row);
      return null;
    }
    // A row that names no exemplar has none to type. The exemplar's own name first; the title
    // only when the exemplar names no kind («Tổ thu ngân sách» in «Giới thiệu mô hình mới …»).
    if (!exemplar) return null;
    for (const text of [exemplar, title]) {
      const kinds = exemplarKindsIn(text);
      if (kinds.length === 1) return kinds[0];
      if (kinds.length > 1) {
        const key = kinds.join('|');
        const g = this.ambiguous.get(key) ?? { kinds, rows: [] };
        g.rows.push(row);
        this.ambiguous.set(key, g);
        return null;
      }
    }
    return null;
  }

  proposed(row: number, cell: Cell): boolean | null {
    const p = proposedOf(cell);
    if (p !== undefined) return p;
    push(this.unknownProposed, rawForMessage(cell), row);
    return null;
  }

  /** Grouped warnings: [column field, message, code]. */
  notes(): [string, string, string][] {
    const out: [string, string, string][] = [];
    const n = (rows: number[]) => `${rows.length.toLocaleString('vi-VN')} dòng (${rowList(rows)})`;
    for (const { kinds, rows } of this.ambiguous.values()) {
      out.push(['exemplar', `${n(rows)} ghi cả ${kindList(kinds)}: chưa xếp loại điển hình cho các dòng này. Hãy ghi cột «Loại điển hình» (một trong: ${Object.values(EXEMPLAR_KIND_LABELS).join('; ')}).`, 'exemplar_kind_ambiguous']);
    }
    for (const [text, rows] of this.unknownKind) {
      out.push(['exemplar_kind', `không nhận ra loại điển hình «${text}» ở ${n(rows)}; để trống loại. Hãy ghi một trong: ${Object.values(EXEMPLAR_KIND_LABELS).join('; ')}.`, 'exemplar_kind_unknown']);
    }
    for (const [text, rows] of this.unknownProposed) {
      out.push(['exemplar_proposed', `không hiểu «${text}» ở ${n(rows)}; coi như chưa ghi. Hãy ghi «x» (hoặc «Có») cho điển hình đề nghị Hội đồng Thi đua – Khen thưởng tỉnh, để trống nếu không.`, 'exemplar_proposed_unknown']);
    }
    return out;
  }
}

function push(map: Map<string, number[]>, key: string, row: number): void {
  const rows = map.get(key) ?? [];
  rows.push(row);
  map.set(key, rows);
}
