/**
 * Legacy Vietnamese 8-bit font encodings still found in old spreadsheets and CSVs:
 * TCVN3 (ABC, fonts .VnTime/.VnArial) and VNI-Windows (fonts VNI-Times…). Text in those files
 * is read byte-for-byte as Latin-1 (delimiters and quotes are ASCII) and converted per cell.
 * Also a scorer that tells which decoding of a non-UTF-8 sample reads as Vietnamese.
 */

/**
 * TCVN3 (TCVN 5712:1993, VN3): one byte per letter, here as a code chart of bytes 0xA0–0xFF,
 * sixteen to a line; a space is a byte that is no letter. Capitals of toned letters reuse the
 * lower-case codes (.VnTimeH fonts).
 */
const TCVN3_CHART =
  ' ĂÂÊÔƠƯĐăâêôơưđ ' + // A0–AF
  '     àảãáạ ằẳẵắ ' + // B0–BF
  '      ặầẩẫấậè ẻẽ' + // C0–CF
  'éẹềểễếệìỉ   ĩíịò' + // D0–DF
  ' ỏõóọồổỗốộờởỡớợù' + // E0–EF
  ' ủũúụừửữứựỳỷỹýỵ '; // F0–FF
const TCVN3: Record<number, string> = Object.fromEntries(
  [...TCVN3_CHART].flatMap((ch, i) => (ch === ' ' ? [] : [[0xa0 + i, ch]])),
);

/** Unicode → TCVN3 byte, for tests and for generating legacy fixtures. */
export const TCVN3_ENCODE: Map<string, number> = new Map(Object.entries(TCVN3).map(([b, ch]) => [ch, Number(b)]));

export function decodeTcvn3(latin1: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < latin1.length; i++) {
    const c = latin1.charCodeAt(i);
    const m = c >= 0xa1 ? TCVN3[c] : undefined;
    if (m !== undefined) {
      out += m;
      changed = true;
    } else out += latin1[i];
  }
  if (!changed) return latin1;
  // A word typed in capitals with a .VnTimeH font carries lower-case codes for its toned letters.
  return out
    .replace(/[\p{L}]+/gu, (w) => {
      const ascii = w.replace(/[^A-Za-z]/g, '');
      // "PHßNG" → "PHÒNG"; a single capital ("Tõ" = "Từ") is a capitalised word, not capitals.
      return ascii.length >= 2 && ascii === ascii.toUpperCase() && w !== w.toUpperCase() ? w.toUpperCase() : w;
    })
    .normalize('NFC');
}

/** VNI-Windows: a base letter followed by a mark byte; a few letters have their own byte. */
const VNI_MARK: Record<string, string> = {
  'ù': '\u0301', 'ø': '\u0300', 'û': '\u0309', 'õ': '\u0303', 'ï': '\u0323',
  'â': '\u0302', 'á': '\u0302\u0301', 'à': '\u0302\u0300', 'å': '\u0302\u0309', 'ã': '\u0302\u0303', 'ä': '\u0302\u0323',
  'ê': '\u0306', 'é': '\u0306\u0301', 'è': '\u0306\u0300', 'ú': '\u0306\u0309', 'ü': '\u0306\u0303', 'ë': '\u0306\u0323',
};
/** Marks that only combine with "a" (breve) or with a/e/o (circumflex). */
const BREVE = new Set(['ê', 'é', 'è', 'ú', 'ü', 'ë']);
const CIRCUMFLEX = new Set(['â', 'á', 'à', 'å', 'ã', 'ä']);
const TONES = new Set(['ù', 'ø', 'û', 'õ', 'ï']);
/** Letters that stand alone in VNI. */
const VNI_SINGLE: Record<string, string> = {
  'ñ': 'đ', 'Ñ': 'Đ', 'í': 'í', 'Í': 'Í', 'ì': 'ì', 'Ì': 'Ì', 'æ': 'ỉ', 'Æ': 'Ỉ', 'ó': 'ĩ', 'Ó': 'Ĩ', 'ò': 'ị', 'Ò': 'Ị',
  'î': 'ỵ', 'Î': 'Ỵ', 'ô': 'ơ', 'Ô': 'Ơ', 'ö': 'ư', 'Ö': 'Ư',
};

export function decodeVni(latin1: string): string {
  if (!/[\u00c0-\u00ff]/.test(latin1)) return latin1;
  let out = '';
  for (let i = 0; i < latin1.length; i++) {
    const ch = latin1[i];
    const next = latin1[i + 1];
    const nextLower = next?.toLowerCase();
    const base = ch.toLowerCase();
    if ('aeiouy'.includes(base) && nextLower !== undefined && VNI_MARK[nextLower] !== undefined) {
      const ok = TONES.has(nextLower) || (BREVE.has(nextLower) ? base === 'a' : CIRCUMFLEX.has(nextLower) && 'aeo'.includes(base));
      if (ok) {
        out += ch + VNI_MARK[nextLower];
        i++;
        continue;
      }
    }
    const single = VNI_SINGLE[ch];
    if (single !== undefined) {
      out += single;
      // ơ / ư take a following tone mark.
      if ((single === 'ơ' || single === 'Ơ' || single === 'ư' || single === 'Ư') && nextLower !== undefined && TONES.has(nextLower)) {
        out += VNI_MARK[nextLower];
        i++;
      }
      continue;
    }
    out += ch;
  }
  return out.normalize('NFC');
}

/** Unicode → VNI (Latin-1 string), for tests and fixture generation. */
export function encodeVni(text: string): string {
  const inverseMark = new Map(Object.entries(VNI_MARK).map(([k, v]) => [v, k]));
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch === 'đ') { out += 'ñ'; continue; }
    if (ch === 'Đ') { out += 'Ñ'; continue; }
    const d = ch.normalize('NFD');
    if (d.length === 1) { out += ch; continue; }
    const base = d[0];
    let marks = d.slice(1);
    const upper = base !== base.toLowerCase();
    const caseMark = (m: string) => (upper ? m.toUpperCase() : m);
    if (marks.startsWith('\u031b')) {
      // horn: ơ ư
      const lone = base.toLowerCase() === 'o' ? 'ô' : 'ö';
      out += upper ? lone.toUpperCase() : lone;
      marks = marks.slice(1);
      if (marks) out += caseMark(inverseMark.get(marks)!);
      continue;
    }
    // Canonical order puts the dot below first; VNI writes the vowel mark first.
    if (marks.length === 2 && marks[0] === '\u0323') marks = marks[1] + marks[0];
    if (base.toLowerCase() === 'i' || (base.toLowerCase() === 'y' && marks === '\u0323')) {
      const single = Object.entries(VNI_SINGLE).find(([, u]) => u === ch);
      if (single) { out += single[0]; continue; }
    }
    out += base + caseMark(inverseMark.get(marks) ?? marks);
  }
  return out;
}

const VI_LOWER = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz';
const VI_LETTERS = new Set([...VI_LOWER, ...VI_LOWER.toUpperCase()]);

/** Nuclei that may take a final consonant, and those that end in a semivowel (no final). */
const NUCLEUS_CLOSED = 'uyê|iê|yê|uô|ươ|oa|oă|oe|uâ|uê|uy|uơ|oo|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y';
const NUCLEUS_OPEN = 'oai|oay|oao|oeo|uây|uôi|ươi|ươu|iêu|yêu|uya|uyu|ia|ua|ưa|ai|ay|ao|au|âu|ây|eo|êu|iu|oi|ôi|ơi|ui|ưi|ưu';
const SYLLABLE = new RegExp(`^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?((${NUCLEUS_CLOSED})(ch|nh|ng|c|m|n|p|t)?|(${NUCLEUS_OPEN}))$`);
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** A well-formed Vietnamese syllable: one tone at most, a valid onset, nucleus and final. */
function isVietnameseSyllable(word: string): boolean {
  const nfd = word.toLowerCase().normalize('NFD');
  const tones = nfd.match(TONE_MARKS);
  if (tones && tones.length > 1) return false;
  return SYLLABLE.test(nfd.replace(TONE_MARKS, '').normalize('NFC'));
}

/**
 * How Vietnamese a decoded text reads: words with a Vietnamese-specific letter that are
 * well-formed syllables count as good; words with other non-ASCII characters, a capital after
 * a small letter, or an impossible syllable ("Phoứng" = VNI read as TCVN3) count as bad.
 */
export function vietnameseScore(text: string, maxChars = 64 * 1024): { good: number; bad: number } {
  if (text.length > maxChars) text = text.slice(0, maxChars);
  let good = 0;
  let bad = 0;
  // Separators: spaces, digits, ASCII punctuation and typographic punctuation (– “ ” … «»).
  for (const w of text.normalize('NFC').split(/[\s\d.,;:!?()\[\]{}"'\/\\\-+=*&%$#@<>|_~`^\u2000-\u206f\u00a0\u00ab\u00bb]+/)) {
    if (!w || /^[\x00-\x7f]*$/.test(w)) continue;
    // Abbreviations without a vowel ("QĐ", "LĐTT") say nothing either way.
    if (/^[bcdđfghjklmnpqrstvwxzBCDĐFGHJKLMNPQRSTVWXZ]+$/.test(w)) continue;
    let ok = true;
    for (const ch of w) if (!VI_LETTERS.has(ch)) { ok = false; break; }
    if (ok && /\p{Ll}\p{Lu}/u.test(w)) ok = false;
    if (ok && !isVietnameseSyllable(w)) ok = false;
    if (ok) good++;
    else bad++;
  }
  return { good, bad };
}
