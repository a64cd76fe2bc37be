import { editDistance, fold, foldKey } from '@/lib/text';

/**
 * Unit resolution: the many ways a unit name is written ("P. QLNS", "phòng quản lý ngân sách",
 * "QLNS") → one unit id. Used by the import pipeline and by the upload page's alias screen.
 */
export interface KnownUnit {
  unitId: number;
  name: string;
  abbreviation: string | null;
}

export interface KnownAlias {
  aliasKey: string;
  unitId: number;
}

export type UnitMatch =
  | { ok: true; unitId: number; name: string; via: 'name' | 'abbreviation' | 'alias' | 'prefix' }
  | { ok: false; suggestions: string[] };

// Prefixes written in front of a unit name: "P." → "Phòng", "TT" → "Trung tâm"…
const PREFIX_EXPANSIONS: [RegExp, string][] = [
  [/^p\s+/, 'phong '],
  [/^ph\s+/, 'phong '],
  [/^tt\s+/, 'trung tam '],
  [/^ttr\s+/, 'thanh tra '],
  [/^vp\s+/, 'van phong '],
  [/^ubnd\s+/, 'uy ban nhan dan '],
];

// Words that often lead a name but are not needed to recognise it.
const OPTIONAL_LEADS = ['phong', 'phong tai chinh ke hoach', 'so', 'ban', 'trung tam'];

export function unitKeyVariants(raw: string): string[] {
  const f = fold(raw);
  const variants = new Set<string>([f.replace(/ /g, '')]);
  for (const [re, to] of PREFIX_EXPANSIONS) {
    if (re.test(f)) {
      variants.add(f.replace(re, to).replace(/ /g, ''));
      // "P. QLNS": the rest may be the abbreviation itself.
      variants.add(f.replace(re, '').replace(/ /g, ''));
    }
  }
  return [...variants];
}

export class UnitResolver {
  private byKey = new Map<string, { unitId: number; via: 'name' | 'abbreviation' | 'alias' }>();
  private names = new Map<number, string>();
  private foldedNames: { unitId: number; name: string; key: string }[] = [];
  private cache = new Map<string, UnitMatch>();

  constructor(units: KnownUnit[], aliases: KnownAlias[]) {
    for (const u of units) {
      this.names.set(u.unitId, u.name);
      const key = foldKey(u.name);
      this.byKey.set(key, { unitId: u.unitId, via: 'name' });
      this.foldedNames.push({ unitId: u.unitId, name: u.name, key });
    }
    for (const u of units) {
      if (u.abbreviation) {
        const k = foldKey(u.abbreviation);
        if (k && !this.byKey.has(k)) this.byKey.set(k, { unitId: u.unitId, via: 'abbreviation' });
      }
    }
    for (const a of aliases) {
      if (!this.byKey.has(a.aliasKey) && this.names.has(a.unitId)) this.byKey.set(a.aliasKey, { unitId: a.unitId, via: 'alias' });
    }
  }

  get size(): number {
    return this.names.size;
  }

  nameOf(unitId: number): string | undefined {
    return this.names.get(unitId);
  }

  /** Resolves a raw name (cached by the raw string: files repeat the same few names). */
  resolve(raw: string): UnitMatch {
    const hit = this.cache.get(raw);
    if (hit) return hit;
    const result = this.resolveUncached(raw);
    this.cache.set(raw, result);
    return result;
  }

  private resolveUncached(raw: string): UnitMatch {
    const variants = unitKeyVariants(raw);
    for (const v of variants) {
      const m = this.byKey.get(v);
      if (m) return { ok: true, unitId: m.unitId, name: this.names.get(m.unitId)!, via: m.via };
    }
    // "Quản lý ngân sách" for "Phòng Quản lý ngân sách": try the usual leading words.
    for (const v of variants) {
      for (const lead of OPTIONAL_LEADS) {
        const m = this.byKey.get(lead.replace(/ /g, '') + v);
        if (m) return { ok: true, unitId: m.unitId, name: this.names.get(m.unitId)!, via: 'prefix' };
      }
    }
    return { ok: false, suggestions: this.closest(raw) };
  }

  /** The closest known names by edit distance on folded names (top 3). */
  closest(raw: string, n = 3): string[] {
    const key = unitKeyVariants(raw).at(-1) ?? foldKey(raw);
    return this.foldedNames
      .map((u) => ({ name: u.name, d: Math.min(editDistance(key, u.key), editDistance(foldKey(raw), u.key)) }))
      .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name, 'vi'))
      .slice(0, n)
      .map((u) => u.name);
  }
}

/** Vietnamese list of suggestions: «A», «B» hoặc «C». */
export function suggestionText(names: string[]): string {
  if (names.length === 0) return '';
  const quoted = names.map((n) => `«${n}»`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} hoặc ${quoted.at(-1)}`;
}
