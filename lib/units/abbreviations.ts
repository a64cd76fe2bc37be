import { fold } from '@/lib/text';

/**
 * How offices abbreviate the words of a unit name. Each entry turns folded tokens (lower case,
 * no accents, đ → d, punctuation as spaces) into the words they stand for, and says so in the
 * reading shown to the Office ("TC-KH = Tài chính - Kế hoạch").
 *
 * `at: 'start'` entries only apply to the first token: "P." before a unit name is «Phòng», but a
 * lone "P" elsewhere could be anything (phường, phó …).
 */
interface Abbreviation {
  /** Folded tokens as written: ["tc", "kh"] matches "TC-KH", "TC KH", "TC.KH". */
  from: string[];
  /** What they stand for, as written in a unit name. */
  to: string;
  /** How the reading names the abbreviation. */
  label: string;
  at?: 'start';
}

export const ABBREVIATIONS: Abbreviation[] = [
  { from: ['tckh'], to: 'Tài chính - Kế hoạch', label: 'TCKH' },
  { from: ['tc', 'kh'], to: 'Tài chính - Kế hoạch', label: 'TC-KH' },
  { from: ['tcdt'], to: 'Tài chính đầu tư', label: 'TCĐT' },
  { from: ['tc', 'dt'], to: 'Tài chính đầu tư', label: 'TC-ĐT' },
  { from: ['tcdn'], to: 'Tài chính doanh nghiệp', label: 'TCDN' },
  { from: ['tc', 'dn'], to: 'Tài chính doanh nghiệp', label: 'TC-DN' },
  { from: ['qlns'], to: 'Quản lý ngân sách', label: 'QLNS' },
  { from: ['ql', 'ns'], to: 'Quản lý ngân sách', label: 'QL-NS' },
  { from: ['qlgcs'], to: 'Quản lý giá và công sản', label: 'QLGCS' },
  { from: ['hcsn'], to: 'Hành chính sự nghiệp', label: 'HCSN' },
  { from: ['hc', 'sn'], to: 'Hành chính sự nghiệp', label: 'HC-SN' },
  { from: ['tccb'], to: 'Tổ chức cán bộ', label: 'TCCB' },
  { from: ['tc', 'cb'], to: 'Tổ chức cán bộ', label: 'TC-CB' },
  { from: ['ptckh'], to: 'Phòng Tài chính - Kế hoạch', label: 'PTCKH' },
  { from: ['ptc', 'kh'], to: 'Phòng Tài chính - Kế hoạch', label: 'PTC-KH' },
  { from: ['ql'], to: 'Quản lý', label: 'QL' },
  { from: ['khdt'], to: 'Kế hoạch và Đầu tư', label: 'KHĐT' },
  { from: ['kh', 'dt'], to: 'Kế hoạch và Đầu tư', label: 'KH-ĐT' },
  { from: ['ldtbxh'], to: 'Lao động - Thương binh và Xã hội', label: 'LĐTBXH' },
  { from: ['gddt'], to: 'Giáo dục và Đào tạo', label: 'GDĐT' },
  { from: ['kbnn'], to: 'Kho bạc Nhà nước', label: 'KBNN' },
  { from: ['ubnd'], to: 'Ủy ban nhân dân', label: 'UBND' },
  { from: ['hdnd'], to: 'Hội đồng nhân dân', label: 'HĐND' },
  { from: ['vp'], to: 'Văn phòng', label: 'VP' },
  { from: ['ttr'], to: 'Thanh tra', label: 'TTr' },
  { from: ['tc'], to: 'Tài chính', label: 'TC' },
  { from: ['tp'], to: 'thành phố', label: 'TP' },
  { from: ['tx'], to: 'thị xã', label: 'TX' },
  { from: ['tt'], to: 'Trung tâm', label: 'TT', at: 'start' },
  { from: ['tt'], to: 'thị trấn', label: 'TT' },
  { from: ['h'], to: 'huyện', label: 'H.' },
  { from: ['p'], to: 'Phòng', label: 'P.', at: 'start' },
  { from: ['ph'], to: 'Phòng', label: 'Ph.', at: 'start' },
];

/** Words that are dropped before comparing: "Phòng Tin học và Thống kê" = "Phòng Tin học - Thống kê". */
const STOPWORDS = new Set(['va']);

interface Expanded {
  tokens: string[];
  /** Abbreviations used, as «label = to». */
  used: string[];
}

const folded = ABBREVIATIONS.map((a) => ({ ...a, toTokens: fold(a.to).split(' ') }));

/**
 * Folded tokens of a name with every known abbreviation written out. `own` maps a unit's own
 * abbreviation (folded, one token) to its words; built-in abbreviations win over a unit's own,
 * so a units file cannot change what "TC" means elsewhere; `ownFirst` tries the other reading
 * ("Phòng HCSN" for the unit whose own abbreviation is HCSN: «Phòng Tài chính hành chính sự nghiệp»).
 */
export function expandTokens(text: string, own?: Map<string, { tokens: string[]; label: string; to: string }>, ownFirst = false): Expanded {
  const src = fold(text).split(' ').filter(Boolean);
  const tokens: string[] = [];
  const used: string[] = [];
  for (let i = 0; i < src.length; ) {
    const first = ownFirst ? own?.get(src[i]) : undefined;
    if (first) {
      tokens.push(...first.tokens);
      const note = `${first.label} = ${first.to}`;
      if (!used.includes(note)) used.push(note);
      i++;
      continue;
    }
    let hit: (typeof folded)[number] | null = null;
    for (const a of folded) {
      if (a.at === 'start' && i !== 0) continue;
      if (a.from.every((t, k) => src[i + k] === t) && (!hit || a.from.length > hit.from.length)) hit = a;
    }
    // A token that already reads as a word ("tc" inside "tc kh" is taken by the pair above).
    if (hit) {
      tokens.push(...hit.toTokens);
      const note = `${hit.label} = ${hit.to}`;
      if (!used.includes(note)) used.push(note);
      i += hit.from.length;
      continue;
    }
    const mine = own?.get(src[i]);
    if (mine) {
      tokens.push(...mine.tokens);
      const note = `${mine.label} = ${mine.to}`;
      if (!used.includes(note)) used.push(note);
      i++;
      continue;
    }
    if (!STOPWORDS.has(src[i])) tokens.push(src[i]);
    i++;
  }
  return { tokens, used };
}

/**
 * Words naming the kind of a unit or of a place. Offices often leave them out or write another
 * one («huyện Hòa Thành» for what is now «thị xã Hòa Thành»), so the relaxed comparison skips
 * them and the reading says which were skipped.
 */
const KIND_WORDS: { tokens: string[]; label: string }[] = [
  { tokens: ['thanh', 'pho'], label: 'thành phố' },
  { tokens: ['thi', 'xa'], label: 'thị xã' },
  { tokens: ['thi', 'tran'], label: 'thị trấn' },
  { tokens: ['huyen'], label: 'huyện' },
  { tokens: ['tinh'], label: 'tỉnh' },
  { tokens: ['phong'], label: 'Phòng' },
  { tokens: ['so'], label: 'Sở' },
];

export interface Relaxed {
  /** Tokens without kind words, joined without spaces. */
  key: string;
  /** The same, and without a trailing province ("… tỉnh Long An"). */
  keyNoProvince: string;
  /** Kind words present (labels). */
  kinds: string[];
}

export function relaxedForms(tokens: string[]): Relaxed {
  const kept: string[] = [];
  const kinds: string[] = [];
  let provinceAt = -1;
  for (let i = 0; i < tokens.length; ) {
    const k = KIND_WORDS.find((w) => w.tokens.every((t, j) => tokens[i + j] === t));
    if (k) {
      if (k.label === 'tỉnh' && kept.length > 0 && provinceAt < 0) provinceAt = kept.length;
      if (!kinds.includes(k.label)) kinds.push(k.label);
      i += k.tokens.length;
      continue;
    }
    kept.push(tokens[i]);
    i++;
  }
  return { key: kept.join(''), keyNoProvince: (provinceAt >= 0 ? kept.slice(0, provinceAt) : kept).join(''), kinds };
}
