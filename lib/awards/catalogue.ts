import { AWARD_LEVEL_LABELS, AWARD_LEVELS, type AwardLevel } from '@/lib/domain';
import { editDistance, fold, foldKey } from '@/lib/text';
import { awardForms, type AwardForm } from './forms';

/**
 * Mapping of the loose spellings real lists use ("LĐTT", "Bằng khen UBND tỉnh", a template's
 * mã hình thức) to the canonical names of the catalogue (lib/awards/forms.ts).
 */
export { awardForms, type AwardForm } from './forms';

type AwardMatch =
  | { ok: true; form: AwardForm; assumed?: string }
  | { ok: false; suggestions: string[]; message?: string };

/** Level of a catalogue form by its canonical (or older) name, or null when the name is not in it. */
export function levelOfAward(name: string): AwardLevel | null {
  const key = foldKey(name);
  return awardForms().find((f) => foldKey(f.name) === key || f.aliases.some((a) => foldKey(a) === key))?.level ?? null;
}

/** The levels in words, from the one label map (lib/domain). */
export const AWARD_LEVELS_TEXT = AWARD_LEVELS.map((l) => AWARD_LEVEL_LABELS[l]).join('; ');

/** A "Cấp khen" column value → level: the label map's own words first, then common wordings. */
export function parseAwardLevel(raw: string): AwardLevel | null {
  const f = fold(raw);
  if (!f) return null;
  for (const l of AWARD_LEVELS) if (fold(AWARD_LEVEL_LABELS[l]) === f) return l;
  if (/nha nuoc|chu tich nuoc|quoc gia/.test(f)) return 'state';
  if (/chinh phu|thu tuong/.test(f)) return 'government';
  if (/co so|cap xa/.test(f)) return 'grassroots';
  if (/\bso\b|huyen|cap so/.test(f)) return 'department';
  if (/tinh|\bbo\b|nganh|trung uong/.test(f)) return 'province';
  return null;
}

function findForm(name: string): AwardForm {
  const key = foldKey(name);
  const form = awardForms().find((f) => foldKey(f.name) === key);
  if (!form) throw new Error(`award-forms.csv has no «${name}»`);
  return form;
}

// Canonical names the loose spellings below point to (checked against the catalogue on first use).
const BK_PROVINCE = 'Bằng khen của Bộ, ban, ngành, tỉnh';
const BK_PM = 'Bằng khen của Thủ tướng Chính phủ';
const GK_DEPARTMENT = 'Giấy khen của Thủ trưởng cơ quan chuyên môn và tương đương thuộc Ủy ban nhân dân cấp tỉnh';
const GK_MINISTRY_UNIT = 'Giấy khen của Thủ trưởng cơ quan, đơn vị thuộc bộ, ngành, cơ quan ngang bộ, cơ quan thuộc Chính phủ';
const GK_DISTRICT = 'Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện';
const GK_COMMUNE = 'Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã';
const CO_PROVINCE = 'Cờ thi đua của Bộ, ban, ngành, tỉnh';
const CO_GOV = 'Cờ thi đua của Chính phủ';
const CSTD_PROVINCE = 'Chiến sĩ thi đua Bộ, ban, ngành, tỉnh';

/** Abbreviations and short forms, by folded key. */
const SHORT_FORMS: Record<string, string> = {
  ldtt: 'Lao động tiên tiến',
  danhhieuldtt: 'Lao động tiên tiến',
  cstdcs: 'Chiến sĩ thi đua cơ sở',
  cstd: 'Chiến sĩ thi đua cơ sở',
  chiensithidua: 'Chiến sĩ thi đua cơ sở',
  cstdtq: 'Chiến sĩ thi đua toàn quốc',
  cstdcaptinh: CSTD_PROVINCE,
  cstdcapbo: CSTD_PROVINCE,
  chiensithiduacaptinh: CSTD_PROVINCE,
  chiensithiduacapbo: CSTD_PROVINCE,
  ttldxs: 'Tập thể lao động xuất sắc',
  tapthelaodongxs: 'Tập thể lao động xuất sắc',
  ttldtt: 'Tập thể lao động tiên tiến',
  cstt: 'Chiến sĩ tiên tiến',
  dvtt: 'Đơn vị tiên tiến',
  dvqt: 'Đơn vị quyết thắng',
  bkttg: BK_PM,
  bkttcp: BK_PM,
  bktt: BK_PM,
  cotd: CO_PROVINCE,
  cothidua: CO_PROVINCE,
  cotdcp: CO_GOV,
};

// "hạng 3", "hạng III", "hạng Ba" all mean the same class.
function normaliseClass(f: string): string {
  return f
    .replace(/\bhang (1|i)\b/g, 'hang nhat')
    .replace(/\bhang (2|ii)\b/g, 'hang nhi')
    .replace(/\bhang (3|iii)\b/g, 'hang ba');
}

/** Rules for the families written in many ways: Bằng khen, Giấy khen, Cờ thi đua. */
function byFamily(f: string): { name: string; assumed?: string } | null {
  if (/^(bang khen|bk)\b/.test(f)) {
    if (/thu tuong|chinh phu|ttg|ttcp/.test(f)) return { name: BK_PM };
    if (/tinh|ubnd|chu tich|\bbo\b|nganh|doan the|trung uong/.test(f)) return { name: BK_PROVINCE };
    return { name: BK_PROVINCE, assumed: 'Bằng khen không ghi cấp khen: đã hiểu là Bằng khen của Bộ, ban, ngành, tỉnh.' };
  }
  if (/^(giay khen|gk)\b/.test(f)) {
    if (/cap xa|\bxa\b|phuong|thi tran/.test(f)) return { name: GK_COMMUNE };
    if (/huyen|thi xa|thanh pho/.test(f)) return { name: GK_DISTRICT };
    if (/\bbo\b|cuc|tong cuc|kho bac|thue/.test(f)) return { name: GK_MINISTRY_UNIT };
    if (/\bso\b|giam doc|thu truong|co quan chuyen mon/.test(f)) return { name: GK_DEPARTMENT };
    return { name: GK_DEPARTMENT, assumed: 'Giấy khen không ghi cấp khen: đã hiểu là Giấy khen của Thủ trưởng cơ quan chuyên môn thuộc UBND tỉnh.' };
  }
  if (/^co (thi dua|td)\b/.test(f)) {
    if (/chinh phu/.test(f)) return { name: CO_GOV };
    return { name: CO_PROVINCE };
  }
  if (/^chien si thi dua (cap )?(tinh|bo)/.test(f)) return { name: CSTD_PROVINCE };
  return null;
}

const cache = new Map<string, AwardMatch>();

/** Maps a loosely written award name to the canonical catalogue entry. */
export function matchAward(raw: string): AwardMatch {
  const hit = cache.get(raw);
  if (hit) return hit;
  const result = matchUncached(raw);
  cache.set(raw, result);
  return result;
}

const nameKey = (name: string) => normaliseClass(fold(name)).replace(/ /g, '');

/**
 * A template's code (mã hình thức / mã danh hiệu of the CANHAN/TAPTHE «DANHMUC» sheet). A family
 * code (Huân chương Lao động, Bằng khen) stands for every class or issuer: decoded when the family's
 * own rule decides (Bằng khen, Giấy khen), otherwise refused naming the candidates.
 */
function byTemplateCode(code: string): AwardMatch | null {
  const hits = awardForms().filter((x) => x.templateCode === code);
  if (hits.length === 0) return null;
  if (hits.length === 1) return { ok: true, form: hits[0] };
  const words = hits.map((h) => h.name.split(' '));
  const common: string[] = [];
  for (let i = 0; words.every((w) => w[i] !== undefined && w[i] === words[0][i]); i++) common.push(words[0][i]);
  while (common.length > 1 && /^(của|cấp|hạng)$/.test(common.at(-1)!)) common.pop();
  const family = common.join(' ');
  const fam = byFamily(normaliseClass(fold(family)));
  if (fam && !fam.assumed) return { ok: true, form: findForm(fam.name) };
  if (fam) return { ok: true, form: findForm(fam.name), assumed: `mã ${code} là «${family}»; ${fam.assumed}` };
  return {
    ok: false,
    suggestions: hits.map((h) => h.name),
    message: `mã ${code} là «${family}» nhưng không ghi hạng hoặc cấp; hãy ghi tên đầy đủ, một trong: ${hits.map((h) => `«${h.name}»`).join(', ')}.`,
  };
}

function matchUncached(raw: string): AwardMatch {
  const forms = awardForms();
  const code = raw.trim();
  if (/^\d{6,}$/.test(code)) return byTemplateCode(code) ?? { ok: false, suggestions: [], message: `không có mã hình thức khen thưởng «${code}» trong danh mục của mẫu CANHAN/TAPTHE.` };
  const f = normaliseClass(fold(raw)).replace(/^(danh hieu|hinh thuc) /, '');
  const key = f.replace(/ /g, '');
  if (!key) return { ok: false, suggestions: [] };
  const exact = forms.find((x) => nameKey(x.name) === key) ?? forms.find((x) => x.aliases.some((a) => nameKey(a) === key));
  if (exact) return { ok: true, form: exact };
  const short = SHORT_FORMS[key];
  if (short) return { ok: true, form: findForm(short) };
  const fam = byFamily(f);
  if (fam) return { ok: true, form: findForm(fam.name), assumed: fam.assumed };
  // Typos: accept a small edit distance relative to the length.
  const ranked = forms
    .map((x) => ({ x, d: editDistance(key, nameKey(x.name)) }))
    .sort((a, b) => a.d - b.d);
  const best = ranked[0];
  if (best && best.d <= Math.max(1, Math.floor(key.length / 10))) return { ok: true, form: best.x };
  return { ok: false, suggestions: ranked.slice(0, 3).map((r) => r.x.name) };
}
