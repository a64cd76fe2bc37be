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

/** A word written with one letter wrong or missing ("chin" for "chinh") still counts, for less. */
function sharedCredit(token: string, unitTokens: Set<string>): number {
  if (unitTokens.has(token)) return 1;
  if (token.length < 4) return 0;
  for (const t of unitTokens) if (Math.abs(t.length - token.length) <= 1 && editDistance(t, token) <= 1) return 0.7;
  return 0;
}

export function scoreUnit(index: SuggestIndex, tokens: string[], unit: SuggestIndex['units'][number]): number {
  const mine = [...new Set(tokens)];
  let shared = 0;
  let total = 0;
  for (const t of mine) {
    const w = index.weight.get(t) ?? index.unseen;
    total += w;
    shared += w * sharedCredit(t, unit.tokens);
  }
  let unitTotal = 0;
  for (const t of unit.tokens) unitTotal += index.weight.get(t) ?? 0;
  if (shared === 0 || total === 0) return 0;
  // How much of what was written is explained, and (less) how much of the unit's name was written.
  return 0.7 * (shared / total) + 0.3 * Math.min(1, shared / Math.max(unitTotal, 1e-9));
}

export function rankSuggestions(index: SuggestIndex, tokens: string[], n: number): string[] {
  return index.units
    .map((u) => ({ name: u.name, s: scoreUnit(index, tokens, u) }))
    .filter((u) => u.s > 0.15)
    .sort((a, b) => b.s - a.s || a.name.localeCompare(b.name, 'vi'))
    .slice(0, n)
    .map((u) => u.name);
}
