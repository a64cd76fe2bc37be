import { cleanText, foldKey } from '@/lib/text';
import { expandTokens, relaxedForms, type Relaxed } from './abbreviations';
import { rankSuggestions, type SuggestIndex, buildSuggestIndex } from './suggest';

/**
 * Unit resolution: the many ways an office writes a unit name ("P.TC-KH H. Châu Thành",
 * "Phòng TCKH Hòa Thành", "QLNS") → one unit id, or a refusal that names the candidates.
 * Used by the import pipeline and by the upload pages.
 *
 * Steps, each explainable; the first that finds anything decides:
 *  1. the name, a unit's own abbreviation or an alias, ignoring case, accents, spaces, dashes;
 *  2. the same after writing out abbreviations (lib/units/abbreviations.ts);
 *  3. the same without kind words («Phòng», «Sở», «huyện», «thị xã», «thành phố», «tỉnh»);
 *  4. the same without a trailing province on either side.
 * One unit found → accepted, with a reading saying how; several → refused with all of them.
 */
export interface KnownUnit {
  unitId: number;
  name: string;
  abbreviation: string | null;
}

interface KnownAlias {
  aliasKey: string;
  unitId: number;
}

type MatchVia = 'name' | 'abbreviation' | 'alias' | 'rules';

export type UnitMatch =
  | {
      ok: true;
      unitId: number;
      name: string;
      via: MatchVia;
      /** How the text was read (Vietnamese), null when it is the unit's name as written. */
      reading: string | null;
    }
  | {
      ok: false;
      /** Several units fit: every one of them (then suggestions is the same list). */
      candidates: string[];
      suggestions: string[];
    };

/** A non-exact reading used during an import: kept with the batch and shown in the preview. */
export interface UnitReading {
  text: string;
  unitId: number;
  unitName: string;
  rule: string;
}

const SUGGEST_LIMIT = 2000;

interface UnitForms {
  unitId: number;
  name: string;
  key: string;
  relaxed: Relaxed;
}

export class UnitResolver {
  private exact = new Map<string, { unitId: number; via: 'name' | 'abbreviation' | 'alias' }>();
  private names = new Map<number, string>();
  private abbreviations = new Map<number, string>();
  private forms: UnitForms[] = [];
  private byKey = new Map<string, number[]>();
  private own = new Map<string, { tokens: string[]; label: string; to: string }>();
  /** Tokens of the departments («Sở Tài chính» → so tai chinh), to read "Văn phòng Sở Tài chính" as «Văn phòng Sở». */
  private departments: string[][] = [];
  private departmentNames: string[] = [];
  private cache = new Map<string, UnitMatch>();
  private used = new Map<string, UnitReading>();
  private index: SuggestIndex;
  private suggested = 0;

  constructor(units: KnownUnit[], aliases: KnownAlias[]) {
    for (const u of units) {
      this.names.set(u.unitId, u.name);
      this.exact.set(foldKey(u.name), { unitId: u.unitId, via: 'name' });
    }
    // A unit's own abbreviation, as a whole name and as a word inside one ("Phòng THTK").
    const ownCount = new Map<string, number>();
    for (const u of units) {
      if (!u.abbreviation) continue;
      const k = foldKey(u.abbreviation);
      if (!k) continue;
      this.abbreviations.set(u.unitId, u.abbreviation);
      if (!this.exact.has(k)) this.exact.set(k, { unitId: u.unitId, via: 'abbreviation' });
      ownCount.set(k, (ownCount.get(k) ?? 0) + 1);
    }
    for (const u of units) {
      const k = u.abbreviation ? foldKey(u.abbreviation) : '';
      if (!k || ownCount.get(k) !== 1) continue;
      const words = relaxedWords(u.name);
      if (words.length > 1) this.own.set(k, { tokens: words, label: u.abbreviation!, to: u.name });
    }
    for (const a of aliases) {
      if (!this.exact.has(a.aliasKey) && this.names.has(a.unitId)) this.exact.set(a.aliasKey, { unitId: a.unitId, via: 'alias' });
    }
    for (const u of units) {
      const tokens = expandTokens(u.name, this.own).tokens;
      const f: UnitForms = { unitId: u.unitId, name: u.name, key: tokens.join(''), relaxed: relaxedForms(tokens) };
      this.forms.push(f);
      const list = this.byKey.get(f.key) ?? [];
      list.push(u.unitId);
      this.byKey.set(f.key, list);
    }
    for (const f of this.forms) {
      const t = expandTokens(f.name).tokens;
      if (t[0] === 'so' && t.length > 1 && t.length <= 8) {
        this.departments.push(t);
        this.departmentNames.push(f.name.replace(/^Sở\s+/u, ''));
      }
    }
    this.index = buildSuggestIndex(units.map((u) => ({ unitId: u.unitId, name: u.name, tokens: expandTokens(u.name, this.own).tokens })));
  }

  get size(): number {
    return this.names.size;
  }

  nameOf(unitId: number): string | undefined {
    return this.names.get(unitId);
  }

  /** Resolves a raw name (cached by the raw string: files repeat the same few names). */
  resolve(raw: string): UnitMatch {
    let result = this.cache.get(raw);
    if (!result) {
      result = this.resolveUncached(raw);
      this.cache.set(raw, result);
    }
    if (result.ok && result.reading) {
      const text = cleanText(raw);
      if (!this.used.has(text)) this.used.set(text, { text, unitId: result.unitId, unitName: result.name, rule: result.reading });
    }
    return result;
  }

  /** Every non-exact reading accepted since the resolver was built, by name (the bulk and row paths meet names in different orders). */
  readings(): UnitReading[] {
    return [...this.used.values()].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  }

  private ok(unitId: number, via: MatchVia, raw: string, rule: string | null): UnitMatch {
    const name = this.names.get(unitId)!;
    const same = cleanText(raw) === name;
    const reading = same ? null : (rule ?? 'khác chữ hoa/thường, dấu, khoảng trắng hoặc gạch nối');
    return { ok: true, unitId, name, via, reading };
  }

  private refuse(ids: number[]): UnitMatch {
    const names = [...new Set(ids)].map((id) => this.names.get(id)!).sort((a, b) => a.localeCompare(b, 'vi'));
    return { ok: false, candidates: names, suggestions: names };
  }

  private resolveUncached(raw: string): UnitMatch {
    const k = foldKey(raw);
    if (!k) return { ok: false, candidates: [], suggestions: [] };
    const direct = this.exact.get(k);
    if (direct) {
      const rule =
        direct.via === 'abbreviation'
          ? `tên viết tắt của đơn vị («${this.abbreviations.get(direct.unitId)}»)`
          : direct.via === 'alias'
            ? 'tên gọi khác đã có trong danh mục'
            : null;
      return this.ok(direct.unitId, direct.via, raw, rule);
    }

    // Built-in abbreviations first, then the units' own ones where they differ.
    const variants = [expandTokens(raw, this.own)];
    const alt = expandTokens(raw, this.own, true);
    if (alt.tokens.join('') !== variants[0].tokens.join('')) variants.push(alt);
    // "Thanh tra Sở Tài chính" for «Thanh tra Sở»: a division named with its department's full name.
    for (const v of [...variants]) {
      const at = v.tokens.length > 3 ? this.departments.findIndex((d) => indexOfRun(v.tokens, d) > 0) : -1;
      if (at < 0) continue;
      const d = this.departments[at];
      const i = indexOfRun(v.tokens, d);
      variants.push({ tokens: [...v.tokens.slice(0, i + 1), ...v.tokens.slice(i + d.length)], used: [...v.used, `«Sở ${this.departmentNames[at]}» = Sở`] });
    }
    const abbrOf = (v: (typeof variants)[number]) => (v.used.length ? `viết tắt ${v.used.join('; ')}` : null);

    for (const v of variants) {
      const same = this.byKey.get(v.tokens.join(''));
      if (same?.length === 1) return this.ok(same[0], 'rules', raw, abbrOf(v));
      if (same && same.length > 1) return this.refuse(same);
    }

    // Without kind words, then without a province: each step must leave exactly one unit.
    const relaxed = variants.map((v) => ({ v, mine: relaxedForms(v.tokens) })).filter((x) => x.mine.key);
    if (!relaxed.length) return { ok: false, candidates: [], suggestions: this.closest(raw) };
    for (const noProvince of [false, true]) {
      const hits = new Map<number, { unit: UnitForms; note: string }>();
      for (const { v, mine } of relaxed) {
        const key = noProvince ? mine.keyNoProvince : mine.key;
        if (!key || (noProvince && key === mine.key)) continue;
        for (const f of this.forms) {
          if (hits.has(f.unitId) || (f.relaxed.key !== key && f.relaxed.keyNoProvince !== key)) continue;
          const notes = [abbrOf(v), kindNote(mine.kinds, f.relaxed.kinds)];
          if (noProvince || f.relaxed.key !== key) notes.push('không tính tên tỉnh');
          hits.set(f.unitId, { unit: f, note: notes.filter(Boolean).join('; ') });
        }
      }
      if (hits.size > 1) return this.refuse([...hits.keys()]);
      if (hits.size === 1) {
        const [{ unit, note }] = hits.values();
        return this.ok(unit.unitId, 'rules', raw, note || null);
      }
    }
    return { ok: false, candidates: [], suggestions: this.closest(raw) };
  }

  /**
   * Known units nearest in meaning (shared words, abbreviations written out, place names). A file
   * of endless different names gets suggestions for the first SUGGEST_LIMIT of them only: the
   * messages past the issue cap are never shown, and ranking each costs a pass over the units.
   */
  closest(raw: string, n = 3): string[] {
    if (this.suggested >= SUGGEST_LIMIT) return [];
    this.suggested++;
    return rankSuggestions(this.index, expandTokens(raw, this.own).tokens, n);
  }
}

function indexOfRun(tokens: string[], run: string[]): number {
  for (let i = 0; i + run.length <= tokens.length; i++) if (run.every((t, j) => tokens[i + j] === t)) return i;
  return -1;
}

/** The words of a unit name without its leading kind word, for its own abbreviation. */
function relaxedWords(name: string): string[] {
  const tokens = expandTokens(name).tokens;
  if (tokens[0] === 'phong' || tokens[0] === 'so') return tokens.slice(1);
  return tokens;
}

function kindNote(written: string[], unit: string[]): string {
  const missing = unit.filter((k) => !written.includes(k));
  const other = written.filter((k) => !unit.includes(k));
  const parts: string[] = [];
  if (missing.length && other.length) parts.push(`ghi ${other.map((k) => `«${k}»`).join(', ')} thay cho ${missing.map((k) => `«${k}»`).join(', ')}`);
  else if (missing.length) parts.push(`không ghi ${missing.map((k) => `«${k}»`).join(', ')}`);
  else if (other.length) parts.push(`không tính ${other.map((k) => `«${k}»`).join(', ')}`);
  return parts.join('; ');
}

/** Vietnamese list of suggestions: «A», «B» hoặc «C». */
export function suggestionText(names: string[]): string {
  if (names.length === 0) return '';
  const quoted = names.map((n) => `«${n}»`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} hoặc ${quoted.at(-1)}`;
}
