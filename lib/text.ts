/** Text normalisation shared by the pipeline, unit resolution and search. */

/** NFC, non-breaking and zero-width spaces removed, runs of whitespace collapsed, trimmed. */
export function cleanText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();
}

/**
 * Folded form for comparisons: no diacritics (đ → d), lower case, punctuation turned into
 * spaces, spaces collapsed. "P. Quản lý NGÂN SÁCH" → "p quan ly ngan sach".
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Folded form without any spaces: the key for aliases and header synonyms. */
export function foldKey(s: string): string {
  return fold(s).replace(/ /g, '');
}

/** Levenshtein distance, for "did you mean" suggestions on short strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
