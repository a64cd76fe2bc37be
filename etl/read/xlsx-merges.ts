/**
 * Merged ranges of a worksheet: collected from the raw bytes during the zip guard's pass (they
 * sit after the cells), checked, and filled from their master cell while rows stream — in time
 * linear in rows × columns whatever the ranges look like.
 */
import type { Cell } from '@/lib/import/types';
import { columnLetter, parseCellRef } from './cells';
import { FileRejectedError } from './errors';

/** Merged ranges per sheet we are willing to fill. */
export const MAX_MERGES = 200_000;
const MERGE_TAG = Buffer.from('mergeCell');
const MERGE_RE = /<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([A-Za-z$]+\d+(?::[A-Za-z$]+\d+)?)["']/g;

export interface Merge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** Gathers the mergeCell references of every part, chunk by chunk (a tag may straddle two chunks). */
export class MergeCollector {
  readonly refs = new Map<string, Set<string>>();
  private readonly carry = new Map<string, string>();

  chunk(part: string, data: Uint8Array): void {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
    const prev = this.carry.get(part) ?? '';
    // Most chunks hold only cells: look for the tag's bytes before building any string.
    if (!bytes.includes(MERGE_TAG) && !(prev + bytes.subarray(0, 16).toString('latin1')).includes('mergeCell')) {
      this.carry.set(part, bytes.subarray(Math.max(0, bytes.length - 200)).toString('latin1'));
      return;
    }
    const text = prev + bytes.toString('latin1');
    let set = this.refs.get(part);
    if (!set) this.refs.set(part, (set = new Set()));
    MERGE_RE.lastIndex = 0;
    for (let m = MERGE_RE.exec(text); m; m = MERGE_RE.exec(text)) {
      set.add(m[1]);
      if (set.size > MAX_MERGES) {
        throw new FileRejectedError('too-many-merges', `Trang tính có quá nhiều ô gộp (trên ${MAX_MERGES}). Hãy bỏ gộp ô (Unmerge) ở vùng dữ liệu rồi tải lên lại.`);
      }
    }
    this.carry.set(part, text.slice(Math.max(0, text.length - 200)));
  }
}

const refText = (m: Merge) => `${columnLetter(m.c1)}${m.r1}:${columnLetter(m.c2)}${m.r2}`;

/**
 * The ranges in row order, without those that cannot matter (one cell, or starting right of the
 * column limit). Overlapping ranges are refused: Excel never writes them (it calls such a file
 * damaged), and filling them would be ambiguous.
 */
export function parseMerges(refs: Iterable<string> | undefined, sheetName: string, maxColumns: number): Merge[] {
  const merges: Merge[] = [];
  for (const ref of refs ?? []) {
    const [a, b = a] = ref.split(':');
    const p = parseCellRef(a);
    const q = parseCellRef(b);
    if (!p || !q) continue;
    const m = { r1: Math.min(p.row, q.row), c1: Math.min(p.col, q.col), r2: Math.max(p.row, q.row), c2: Math.max(p.col, q.col) };
    if ((m.r1 === m.r2 && m.c1 === m.c2) || m.c1 >= maxColumns) continue;
    merges.push(m);
  }
  merges.sort((x, y) => x.r1 - y.r1 || x.c1 - y.c1);
  refuseOverlaps(merges, sheetName, maxColumns);
  return merges;
}

/** One sweep down the rows: each column remembers the range covering it and its last row. */
function refuseOverlaps(merges: Merge[], sheetName: string, maxColumns: number): void {
  const until = new Float64Array(maxColumns);
  const owner = new Int32Array(maxColumns).fill(-1);
  for (let i = 0; i < merges.length; i++) {
    const m = merges[i];
    const last = Math.min(m.c2, maxColumns - 1);
    for (let c = m.c1; c <= last; c++) {
      if (owner[c] !== -1 && until[c] >= m.r1) {
        throw new FileRejectedError(
          'overlapping-merges',
          `Trang "${sheetName}": vùng gộp ô ${refText(m)} chồng lên vùng gộp ${refText(merges[owner[c]])}. Excel không tạo ra vùng gộp chồng nhau — tệp có thể bị hỏng hoặc do phần mềm khác xuất ra. Hãy mở tệp bằng Excel, bỏ gộp ô (Unmerge) ở các vùng đó, lưu lại thành .xlsx rồi tải lên lại.`,
          m.r1,
        );
      }
      until[c] = m.r2;
      owner[c] = i;
    }
  }
}

/**
 * Copies each range's master value into the cells it covers, row by row. Ranges do not overlap,
 * so at most one range per column is open: the work per row is bounded by the column limit.
 */
export class MergeFiller {
  private next = 0;
  private open: { m: Merge; value: Cell }[] = [];

  constructor(
    private readonly merges: Merge[],
    private readonly maxColumns: number,
  ) {}

  /** Fills `cells` of `row` (rows come in increasing order; absent rows may be skipped). */
  fill(row: number, cells: Cell[]): void {
    const { merges } = this;
    let closed = false;
    for (const a of this.open) if (a.m.r2 < row) closed = true;
    if (closed) this.open = this.open.filter((a) => a.m.r2 >= row);
    while (this.next < merges.length && merges[this.next].r1 <= row) {
      const m = merges[this.next++];
      // A range whose first row has no value in its master cell has nothing to copy.
      const value = m.r1 === row ? (cells[m.c1] ?? null) : null;
      if (m.r2 >= row && value !== null) this.open.push({ m, value });
    }
    for (const a of this.open) {
      const last = Math.min(a.m.c2, this.maxColumns - 1);
      for (let c = a.m.c1; c <= last; c++) cells[c] = a.value;
    }
  }

  /** Last row (≤ upTo) still covered by an open range after `row`, or `row` itself. */
  coveredUntil(row: number, upTo: number): number {
    let until = row;
    for (const a of this.open) if (a.m.r2 > until) until = a.m.r2;
    return Math.min(until, upTo);
  }
}
