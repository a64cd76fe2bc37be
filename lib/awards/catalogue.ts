import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { AwardKind, AwardLevel } from '@/lib/domain';
import { editDistance, fold, foldKey } from '@/lib/text';

/**
 * The award-form catalogue (data/reference/award-forms.csv, a copy of the real one: name,kind)
 * and the mapping of the loose spellings real lists use ("LĐTT", "Bằng khen UBND tỉnh") to its
 * canonical names.
 */
export interface AwardForm {
  name: string;
  kind: AwardKind;
  level: AwardLevel | null;
}

export type AwardMatch =
  | { ok: true; form: AwardForm; assumed?: string }
  | { ok: false; suggestions: string[] };

const CATALOGUE_FILE = path.join(process.cwd(), 'data', 'reference', 'award-forms.csv');

/** Level of the issuer, derived from the canonical name (rules, not a list, so new forms fit). */
export function levelOfAward(name: string): AwardLevel | null {
  const f = fold(name);
  if (/thu tuong|chinh phu/.test(f)) return 'government';
  if (/^(huan chuong|huy chuong|anh hung|giai thuong|ba me|bang co cong|bang to quoc|tinh anh hung|thanh pho anh hung|nghe si|nghe nhan|nha giao|thay thuoc)/.test(f)) return 'state';
  if (/toan quoc/.test(f)) return 'state';
  if (/cap bo|ubnd tinh|uy ban nhan dan tinh|cap tinh|\bbo\b.*\btinh\b/.test(f) && !/^giay khen/.test(f)) return 'province';
  if (/^giay khen/.test(f) && /cap xa/.test(f)) return 'grassroots';
  if (/^giay khen/.test(f)) return 'department';
  if (/^ky niem chuong|^bang vang/.test(f)) return 'province';
  if (/^(lao dong tien tien|chien si thi dua co so|chien si tien tien|tap the lao dong|don vi tien tien|don vi quyet thang|gia dinh van hoa|thon van hoa)/.test(f)) return 'grassroots';
  return null;
}

/** A "Cấp khen" column value → level. */
export function parseAwardLevel(raw: string): AwardLevel | null {
  const f = fold(raw);
  if (!f) return null;
  if (/nha nuoc|chu tich nuoc|quoc gia/.test(f)) return 'state';
  if (/chinh phu|thu tuong/.test(f)) return 'government';
  if (/co so|cap xa/.test(f)) return 'grassroots';
  if (/\bso\b|huyen|cap so/.test(f)) return 'department';
  if (/tinh|\bbo\b|nganh|trung uong/.test(f)) return 'province';
  return null;
}

let cachedForms: AwardForm[] | undefined;

export function awardForms(): AwardForm[] {
  if (!cachedForms) {
    const text = fs.readFileSync(CATALOGUE_FILE, 'utf8').replace(/^\uFEFF/, '');
    const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
    cachedForms = parsed.data
      .slice(1)
      .filter((r) => r[0] && (r[1] === 'title' || r[1] === 'commendation'))
      .map((r) => ({ name: r[0].normalize('NFC').trim(), kind: r[1] as AwardKind, level: levelOfAward(r[0]) }));
  }
  return cachedForms;
}

function findForm(name: string): AwardForm {
  const key = foldKey(name);
  const form = awardForms().find((f) => foldKey(f.name) === key);
  if (!form) throw new Error(`award-forms.csv has no «${name}»`);
  return form;
}

// Canonical names the loose spellings below point to (checked against the catalogue on first use).
const BK_PROVINCE = 'Bằng khen cấp bộ, ban, ngành, tỉnh, đoàn thể trung ương';
const BK_PM = 'Bằng khen của Thủ tướng Chính phủ';
const GK_DEPARTMENT = 'Giấy khen của Thủ trưởng cơ quan chuyên môn và tương đương thuộc Ủy ban nhân dân cấp tỉnh';
const GK_MINISTRY_UNIT = 'Giấy khen của Thủ trưởng cơ quan, đơn vị thuộc bộ, ngành, cơ quan ngang bộ, cơ quan thuộc Chính phủ';
const GK_DISTRICT = 'Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện';
const GK_COMMUNE = 'Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã';
const CO_PROVINCE = 'Cờ thi đua của UBND tỉnh';
const CO_MINISTRY = 'Cờ thi đua cấp Bộ, ngành, tỉnh, đoàn thể trung ương';
const CO_GOV = 'Cờ thi đua của Chính phủ';
const CSTD_PROVINCE = 'Chiến sĩ thi đua cấp Bộ, ngành, tỉnh, đoàn thể trung ương';

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
    return { name: BK_PROVINCE, assumed: 'Bằng khen không ghi cấp khen: đã hiểu là Bằng khen cấp bộ, ban, ngành, tỉnh.' };
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
    if (/\bbo\b|nganh|doan the|trung uong/.test(f)) return { name: CO_MINISTRY };
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

function matchUncached(raw: string): AwardMatch {
  const forms = awardForms();
  const f = normaliseClass(fold(raw)).replace(/^(danh hieu|hinh thuc) /, '');
  const key = f.replace(/ /g, '');
  if (!key) return { ok: false, suggestions: [] };
  const exact = forms.find((x) => normaliseClass(fold(x.name)).replace(/ /g, '') === key);
  if (exact) return { ok: true, form: exact };
  const short = SHORT_FORMS[key];
  if (short) return { ok: true, form: findForm(short) };
  const fam = byFamily(f);
  if (fam) return { ok: true, form: findForm(fam.name), assumed: fam.assumed };
  // Typos: accept a small edit distance relative to the length.
  const ranked = forms
    .map((x) => ({ x, d: editDistance(key, normaliseClass(fold(x.name)).replace(/ /g, '')) }))
    .sort((a, b) => a.d - b.d);
  const best = ranked[0];
  if (best && best.d <= Math.max(1, Math.floor(key.length / 10))) return { ok: true, form: best.x };
  return { ok: false, suggestions: ranked.slice(0, 3).map((r) => r.x.name) };
}
