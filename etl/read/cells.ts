/** Column letters and cell references ("AB12"), 0-based column indexes. */

/** 0 → 'A', 25 → 'Z', 26 → 'AA', 27 → 'AB'. */
export function columnLetter(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`Chỉ số cột không hợp lệ: ${index}`);
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 'AB12' → { col: 27, row: 12 } (col 0-based, row 1-based); null when it is not a reference. */
export function parseCellRef(ref: string): { col: number; row: number } | null {
  let i = 0;
  let col = 0;
  while (i < ref.length) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c === 36 /* $ */) { /* absolute marker */ }
    else break;
    i++;
  }
  if (col === 0) return null;
  const rest = ref.slice(i).replace('$', '');
  if (!/^\d+$/.test(rest)) return null;
  return { col: col - 1, row: Number(rest) };
}

/** Only the column part of a reference: 'C7' → 2; -1 when absent. */
export function columnOfRef(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c === 36) continue;
    else break;
  }
  return col - 1;
}
