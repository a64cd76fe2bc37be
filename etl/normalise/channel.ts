import type { Channel } from '@/lib/domain';
import { fold } from '@/lib/text';

/**
 * Propagation channel from the «Hình thức» text; null when it fits none (stored as «Khác» with
 * a warning) or when only its accents could tell two channels apart and it has none.
 *
 * Rules are tried in order on the folded text (no accents), so the more specific comes first:
 * «Hội thi tìm hiểu trên Cổng TTĐT» is a contest, «Tọa đàm giao lưu» a meeting.
 */
const RULES: [RegExp, Channel][] = [
  [/\b(cuoc thi|hoi thi|thi tim hieu|thi viet|thi trac nghiem)\b/, 'contest'],
  [/\b(tham quan|hoc tap kinh nghiem|khao sat hoc tap)\b/, 'study_visit'],
  [/\b(hoi nghi|toa dam|tap huan|so ket|tong ket|phat dong|bieu duong|sinh hoat chuyen de|noi chuyen chuyen de|ky niem|mit tinh|le phat dong)\b/, 'seminar'],
  [/\b(giao luu|trao doi)\b/, 'exchange'],
  [/\b(van nghe|the thao|hoi dien|van hoa|giai bong|giai chay|the duc)\b/, 'event'],
  [/\b(pano|pa no|ap phich|bang ron|bang ron|khau hieu|truc quan|bang dien tu|man hinh led|to roi|to gap)\b/, 'visual'],
  [/\b(bao chi|bao in|bao dien tu|tap chi|phat thanh|truyen hinh|truyen thanh|dai phat|loa)\b/, 'press'],
  [/\b(zalo|facebook|fanpage|mang xa hoi|youtube|tiktok)\b/, 'social'],
  [/\b(chinh quyen dien tu|egov|e gov|van phong dien tu|thu dien tu cong vu)\b/, 'egov'],
  [/\b(cong thong tin|trang ttdt|trang thong tin dien tu|cong ttdt|website|trang web|web|ban tin)\b/, 'portal'],
  [/^(khac|other)$/, 'other'],
];

/**
 * «hội thao» (a sports meet) and «hội thảo» (a seminar) fold to the same letters: they are told
 * apart on the accented text, and unaccented «hoi thao» is left for a person to say.
 */
const SPORTS_MEET = /hội thao/;
const SEMINAR = /hội thảo/;
/** «Báo» (a newspaper) folds like «bảo» and begins «báo cáo» (a report): read with its accent. */
const NEWSPAPER = /(?:^|\P{L})báo(?!\s*cáo)(?:\P{L}|$)/u;

const cache = new Map<string, Channel | null>();

export function channelOf(text: string): Channel | null {
  let hit = cache.get(text);
  if (hit !== undefined) return hit;
  hit = classify(text);
  cache.set(text, hit);
  return hit;
}

function classify(text: string): Channel | null {
  const f = fold(text);
  for (const [re, ch] of RULES) if (re.test(f)) return ch;
  const lower = text.normalize('NFC').toLowerCase();
  if (NEWSPAPER.test(lower)) return 'press';
  if (SPORTS_MEET.test(lower)) return 'event';
  if (SEMINAR.test(lower)) return 'seminar';
  return null;
}
