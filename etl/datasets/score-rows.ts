import type { CriterionKind } from '@/lib/domain';
import { fold, foldKey } from '@/lib/text';
import type { Period } from '@/lib/periods';
import { formatNumber } from '@/lib/format';
import { rowKey } from '@/etl/normalise/row-key';
import type { IssueLog } from '@/etl/normalise/issues';
import type { DatasetContext } from './types';

/** Score sheets' criteria: numbering, kinds, groups and the rows a unit's sheet gives to load. */

interface Item {
  row: number;
  code: string;
  text: string;
  max: number | null;
  self: number | null;
  assessed: number | null;
  /** Column names for messages (wide sheets: the unit's header as written). */
  selfCol: string | null;
  assessedCol: string | null;
}

export interface UnitSheet {
  unitId: number;
  name: string;
  items: Item[];
  total?: { row: number; self: number | null; assessed: number | null; selfCol: string | null; assessedCol: string | null };
  rank?: { row: number; value: number | null; raw: string; column: string | null };
}

export interface WideUnit {
  header: string;
  selfCol: number | null;
  assessedCol: number | null;
}

const BONUS = /diem thuong|cong diem|diem cong|thuong diem/;
const PENALTY = /diem tru|tru diem|bi tru/;
export const TOTAL = /^(tong cong|tong diem|tong so diem|cong diem dat|tong)( |$)/;
export const RANK = /^(xep hang|thu hang|hang)( |$)/;
const ROMAN = /^(i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)$/;

/** Depth of a criterion code: I → 1, A → 1, 1 → 2, 1.1 → 3, a → 5, "-"/none → 6. */
function depthOf(code: string): number {
  const c = code.trim().replace(/[.)]+$/, '');
  if (!c) return 6;
  if (ROMAN.test(c.toLowerCase()) && c === c.toUpperCase()) return 1;
  if (/^[A-Z]$/.test(c)) return 1;
  if (/^\d+$/.test(c)) return 2;
  if (/^\d+(\.\d+)+$/.test(c)) return 1 + c.split('.').length;
  if (/^[a-zđ]$/.test(c)) return 5;
  return 6;
}

/** Leading code written inside the text ("1.2. Chấp hành…") when there is no STT column. */
export function splitCode(text: string): { code: string; text: string } {
  const m = /^((?:[IVX]+|[A-Z]|\d+(?:\.\d+)*|[a-zđ])[.)])\s+(.*)$/.exec(text);
  return m ? { code: m[1], text: m[2] } : { code: '', text };
}

function kindOfText(text: string): CriterionKind | null {
  const f = fold(text);
  return PENALTY.test(f) ? 'penalty' : BONUS.test(f) ? 'bonus' : null;
}

/**
 * A row is a group when deeper rows follow it (I over 1, 1 over 1.1) and, if it carries points,
 * they are the sum of its leaf rows. A bonus / penalty row never sits under an ordinary group.
 */
function isGroupAt(items: Item[], depths: number[], i: number): boolean {
  const d = depths[i];
  if (d >= 6) return false;
  const ownKind = kindOfText(items[i].text);
  let end = i + 1;
  while (end < items.length && depths[end] > d && (ownKind !== null || kindOfText(items[end].text) === null)) end++;
  if (end === i + 1) return false;
  const it = items[i];
  if (it.max === null && it.assessed === null && it.self === null) return true;
  let max = 0;
  let assessed = 0;
  let self = 0;
  for (let j = i + 1; j < end; j++) {
    const leaf = !(j + 1 < end && depths[j + 1] > depths[j]);
    if (!leaf) continue;
    max += items[j].max ?? 0;
    assessed += items[j].assessed ?? 0;
    self += items[j].self ?? 0;
  }
  return (it.max !== null && near(it.max, max)) || (it.assessed !== null && near(it.assessed, assessed)) || (it.self !== null && near(it.self, self));
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 0.01 + 1e-9;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** One criterion of one unit, as it is loaded. */
export interface ScoreLoadRow {
    unitId: number;
    code: string;
    group: string | null;
    text: string;
    kind: CriterionKind;
    order: number;
    max: number | null;
    self: number | null;
    assessed: number | null;
    row: number;
    key: string;
}

/** A group row above the current one, and the points of the leaf rows under it so far. */
interface OpenGroup {
  depth: number;
  text: string;
  row: number;
  kind: CriterionKind | null;
  item: Item;
  leafSum: { max: number; self: number; assessed: number };
}

/** The groups open above the current row of a unit's sheet, outermost first. */
class GroupStack {
  private readonly open: OpenGroup[] = [];

  constructor(
    private readonly unit: UnitSheet,
    private readonly issues: IssueLog,
  ) {}

  /** The kind (bonus, penalty) the rows below inherit from an open group. */
  inheritedKind(): CriterionKind | null {
    return this.open.find((g) => g.kind)?.kind ?? null;
  }

  /** Whether an open group is of another kind than `kind`. */
  holdsOtherThan(kind: CriterionKind): boolean {
    return this.open.some((g) => g.kind !== kind);
  }

  push(group: OpenGroup): void {
    this.open.push(group);
  }

  /** The outermost open group, as loaded with its criteria («I Thực hiện nhiệm vụ»). */
  outerName(): string | null {
    const g = this.open[0];
    return g ? `${g.item.code ? g.item.code + ' ' : ''}${g.text}`.trim() : null;
  }

  /** A leaf row's points count in the innermost open group. */
  addLeaf(max: number, self: number, assessed: number): void {
    const g = this.open.at(-1);
    if (!g) return;
    g.leafSum.max += max;
    g.leafSum.self += self;
    g.leafSum.assessed += assessed;
  }

  /** Closes the groups at `depth` or deeper; a group's own points, when given, should be the sum of its children. */
  close(depth: number): void {
    while (this.open.length && this.open[this.open.length - 1].depth >= depth) {
      const g = this.open.pop()!;
      const checks: [number | null, number, string][] = [
        [g.item.max, g.leafSum.max, 'điểm chuẩn'],
        [g.item.assessed, g.leafSum.assessed, 'điểm khối chấm'],
      ];
      for (const [own, sum, label] of checks) {
        if (own !== null && !near(own, sum)) {
          this.issues.warning(g.row, null, `dòng nhóm «${g.item.code} ${g.text}» của ${this.unit.name} có ${label} ${formatNumber(own)} khác tổng các tiêu chí con ${formatNumber(round2(sum))}; dòng nhóm không được tính vào tổng.`, 'group_sum');
        }
      }
      this.addLeaf(g.leafSum.max, g.leafSum.self, g.leafSum.assessed);
    }
  }
}

/** A unit's totals as recomputed from its criteria. */
interface UnitTotals {
  u: UnitSheet;
  total: number;
  selfTotal: number;
  hasSelf: boolean;
}

/**
 * Each unit's criteria in order: group subtotals checked against their children, bonus and
 * penalty rows typed, totals and ranks checked against what the sheet states.
 */
export function buildScoreRows(units: Iterable<UnitSheet>, ctx: DatasetContext, period: Period | null, blocId: number | null): ScoreLoadRow[] {
  const rows: ScoreLoadRow[] = [];
  const computed: UnitTotals[] = [];
  for (const u of units) computed.push(unitScoreRows(u, ctx, { period, blocId }, rows));
  checkTotals(computed, ctx.issues);
  checkRanks(computed, ctx.issues);
  return rows;
}

/** One unit's criteria: its rows to load are added to `rows`; its totals are returned. */
function unitScoreRows(u: UnitSheet, ctx: DatasetContext, scope: { period: Period | null; blocId: number | null }, rows: ScoreLoadRow[]): UnitTotals {
  const items = u.items;
  const depths = items.map((it) => depthOf(it.code));
  const groups = new GroupStack(u, ctx.issues);
  const seenKeys = new Map<string, number>();
  let total = 0;
  let selfTotal = 0;
  let hasSelf = false;
  let order = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const d = depths[i];
    const ownKind = kindOfText(it.text);
    // A bonus / penalty row ends the ordinary groups above it.
    groups.close(ownKind && groups.holdsOtherThan(ownKind) ? 0 : d);
    const inherited = groups.inheritedKind();
    const kind: CriterionKind = ownKind ?? inherited ?? 'criterion';
    if (isGroupAt(items, depths, i)) {
      groups.push({ depth: d, text: it.text, row: it.row, kind: ownKind ?? inherited, item: it, leafSum: { max: 0, self: 0, assessed: 0 } });
      continue;
    }
    if (it.max === null && it.self === null && it.assessed === null) continue; // a heading or a note
    const { self, assessed } = checkedPoints(it, kind, u, ctx);
    const sign = kind === 'penalty' ? -1 : 1;
    total += sign * (assessed ?? 0);
    if (self !== null) hasSelf = true;
    selfTotal += sign * (self ?? 0);
    groups.addLeaf(it.max ?? 0, self ?? 0, assessed ?? 0);
    const group = groups.outerName();
    const key = rowKey(`${scope.blocId ?? ''}|${u.unitId}|${scope.period?.id ?? ''}|${foldKey(it.code)}|${foldKey(it.text)}`);
    const prev = seenKeys.get(key);
    if (prev !== undefined) {
      const critLabel = it.code ? `${it.code} ${it.text}` : it.text;
      ctx.issues.error(it.row, null, `tiêu chí «${critLabel}» của ${u.name} trùng với dòng ${prev}. Hãy xóa một trong hai dòng.`, 'duplicate_row');
      continue;
    }
    seenKeys.set(key, it.row);
    rows.push({ unitId: u.unitId, code: it.code, group, text: it.text, kind, order: order++, max: it.max, self, assessed, row: it.row, key });
  }
  groups.close(0);
  return { u, total: round2(total), selfTotal: round2(selfTotal), hasSelf };
}

/** A criterion's points: a penalty's kept as a positive amount; negative points and points above the maximum are errors. */
function checkedPoints(it: Item, kind: CriterionKind, u: UnitSheet, ctx: DatasetContext): { self: number | null; assessed: number | null } {
  const { issues } = ctx;
  let self = it.self;
  let assessed = it.assessed;
  if (kind === 'penalty') {
    self = self !== null ? Math.abs(self) : null;
    assessed = assessed !== null ? Math.abs(assessed) : null;
  } else {
    for (const [v, label, col] of [[it.self, 'tự chấm', it.selfCol], [it.assessed, 'khối chấm', it.assessedCol]] as const) {
      if (v !== null && v < 0) issues.error(it.row, col, `điểm ${label} của ${u.name} cho «${it.text}» là ${formatNumber(v)}, không được âm. Điểm trừ hãy ghi ở dòng «Điểm trừ».`, 'points_negative');
    }
  }
  if (it.max !== null && it.max < 0) issues.error(it.row, ctx.columnName('max_points'), `điểm chuẩn ${formatNumber(it.max)} không được âm.`, 'points_negative');
  for (const [v, label, col] of [[self, 'tự chấm', it.selfCol], [assessed, 'khối chấm', it.assessedCol]] as const) {
    if (v !== null && it.max !== null && v > it.max + 1e-9) {
      issues.error(it.row, col, `điểm ${label} của ${u.name} cho «${it.text}» là ${formatNumber(v)}, vượt điểm tối đa ${formatNumber(it.max)}. Hãy sửa điểm cho không quá điểm chuẩn.`, 'points_above_max');
    }
  }
  return { self, assessed };
}

/** TỔNG CỘNG: the sheet's totals must agree with ours (one error per differing unit). */
function checkTotals(computed: UnitTotals[], issues: IssueLog): void {
  for (const c of computed) {
    const t = c.u.total;
    if (!t) continue;
    const diffs: string[] = [];
    if (t.assessed !== null && !near(t.assessed, c.total)) diffs.push(`điểm khối chấm: bảng ghi ${formatNumber(t.assessed)}, tính lại được ${formatNumber(c.total)}`);
    if (t.self !== null && c.hasSelf && !near(t.self, c.selfTotal)) diffs.push(`điểm tự chấm: bảng ghi ${formatNumber(t.self)}, tính lại được ${formatNumber(c.selfTotal)}`);
    if (diffs.length) {
      issues.error(t.row, t.assessed !== null && !near(t.assessed, c.total) ? t.assessedCol : t.selfCol, `dòng TỔNG CỘNG của ${c.u.name} không khớp với tổng tính lại (điểm các tiêu chí + điểm thưởng − điểm trừ) — ${diffs.join('; ')}. Hãy kiểm tra lại điểm từng tiêu chí hoặc dòng tổng.`, 'total_mismatch');
    }
  }
}

/** XẾP HẠNG: rank 1 is best, equal totals share a rank (1, 2, 2, 4). */
function checkRanks(computed: UnitTotals[], issues: IssueLog): void {
  const sorted = computed.map((c) => c.total).sort((a, b) => b - a);
  const rankOf = (t: number) => sorted.findIndex((x) => near(x, t)) + 1;
  for (const c of computed) {
    const r = c.u.rank;
    if (!r || r.value === null) continue;
    const expected = rankOf(c.total);
    if (Number.isNaN(r.value) || r.value !== expected) {
      issues.error(r.row, r.column, `dòng XẾP HẠNG ghi ${c.u.name} hạng «${r.raw}», nhưng theo tổng điểm ${formatNumber(c.total)} thì đúng là hạng ${expected} (điểm bằng nhau cùng hạng). Hãy sửa thứ hạng.`, 'rank_mismatch');
    }
  }
}
