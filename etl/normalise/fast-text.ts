import { cleanText } from '@/lib/text';

/**
 * Hot-path text helpers for millions of cells. The reader already gives NFC strings, so a string
 * with no stray spaces needs no work; only the rest goes through cleanText.
 */
export function cleanCellString(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  let prevSpace = true; // a leading space needs cleaning
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return cleanText(s);
      prevSpace = true;
    } else if (c < 32 || c === 0xa0 || (c >= 0x2000 && c <= 0x200d) || c === 0xfeff || c === 0x3000 || c === 0x2028 || c === 0x2029 || c === 0x85 || c === 0x1680 || c === 0x202f || c === 0x205f) {
      return cleanText(s);
    } else {
      prevSpace = false;
      // Combining marks mean NFD text: normalise it.
      if (c >= 0x300 && c <= 0x36f) return cleanText(s);
    }
  }
  return prevSpace ? cleanText(s) : s;
}

// Folding table for the BMP range that Vietnamese uses: code unit → folded ASCII code (0 = separator).
const TABLE = new Uint8Array(0x2000);
(function build() {
  const fold1 = (ch: string): number => {
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
    if (base.length === 1 && /[a-z0-9]/.test(base)) return base.charCodeAt(0);
    return 0;
  };
  for (let c = 0; c < 0x2000; c++) TABLE[c] = fold1(String.fromCharCode(c));
})();

/**
 * Same result as lib/text foldKey (no accents, lower case, only [a-z0-9]) for NFC text, in one
 * pass without regular expressions (characters beyond U+1FFF are dropped, as foldKey does).
 */
export function foldKeyFast(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = c < 0x2000 ? TABLE[c] : 0;
    if (f) out += String.fromCharCode(f);
  }
  return out;
}
