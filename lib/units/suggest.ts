import { editDistance } from '@/lib/text';

/**
 * Suggestions for a unit name nobody knows, ranked by meaning: the words it shares with each
 * known unit (abbreviations written out), each word weighted by how rare it is among the units.
 * A place name («Châu Thành») or a field («quản lý ngân sách») shared is worth much more than
 * «phòng» or «tài chính», which most units of a finance department have. Raw edit distance is
 * never the ranking: «Thanh tra tỉnh» is near «Phòng TC-KH Tân Biên» letter by letter, and
 * useless to the Office.
 */
export interface SuggestIndex {
  units: { unitId: number; name: string; tokens: Set<string> }[];
  weight: Map<string, number>;
  /** Weight of a word no unit has. */
  unseen: number;
}

export function buildSuggestIndex(units: { unitId: number; name: string; tokens: string[] }[]): SuggestIndex {
  const df = new Map<string, number>();
  for (const u of units) for (const t of new Set(u.tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(units.length, 1);
  const weight = new Map<string, number>();
  for (const [t, d] of df) weight.set(t, Math.log(1 + n / d));
  return { units: units.map((u) => ({ unitId: u.unitId, name: u.name, tokens: new Set(u.tokens) })), weight, unseen: Math.log(1 + n) };
}

/**
 * What each written word is worth against the vocabulary of the units: 1 for the word itself,
 * 0.7 for a word one letter away ("chin" for "chinh"). Computed once per name, so ranking costs
 * one lookup per word and unit however many units there are.
 */
function creditsOf(index: SuggestIndex, token: string): Map<string, number> {
  const credits = new Map<string, number>();
  if (index.weight.has(token)) credits.set(token, 1);
  if (token.length >= 4) {
    for (const t of index.weight.keys()) {
      if (t !== token && Math.abs(t.length - token.length) <= 1 && editDistance(t, token) <= 1) credits.set(t, 0.7);
    }
  }
  return credits;
}

export function rankSuggestions(index: SuggestIndex, tokens: string[], n: number): string[] {
  const mine = [...new Set(tokens)].map((t) => ({ w: index.weight.get(t) ?? index.unseen, credits: creditsOf(index, t) }));
  const total = mine.reduce((a, m) => a + m.w, 0);
  if (total === 0) return [];
  const scored: { name: string; s: number }[] = [];
  for (const u of index.units) {
    let shared = 0;
    for (const m of mine) {
      let best = 0;
      for (const [t, c] of m.credits) if (c > best && u.tokens.has(t)) best = c;
      shared += m.w * best;
    }
    if (shared === 0) continue;
    let unitTotal = 0;
    for (const t of u.tokens) unitTotal += index.weight.get(t) ?? 0;
    // How much of what was written is explained, and (less) how much of the unit's name was written.
    const s = 0.7 * (shared / total) + 0.3 * Math.min(1, shared / Math.max(unitTotal, 1e-9));
    if (s > 0.15) scored.push({ name: u.name, s });
  }
  return scored
    .sort((a, b) => b.s - a.s || a.name.localeCompare(b.name, 'vi'))
    .slice(0, n)
    .map((u) => u.name);
}
