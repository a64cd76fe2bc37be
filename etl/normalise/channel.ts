import type { Channel } from '@/lib/domain';
import { fold } from '@/lib/text';

/** Propagation channel from the "Hình thức" text; null when it fits none (stored as other + warning). */
const RULES: [RegExp, Channel][] = [
  [/cong thong tin|trang ttdt|trang thong tin dien tu|cong ttdt|website|trang web|\bweb\b|ban tin/, 'portal'],
  [/chinh quyen dien tu|egov|e gov|zalo|facebook|fanpage|mang xa hoi|youtube|tiktok/, 'egov'],
  [/hoi nghi|toa dam|hoi thao|tap huan|sinh hoat chuyen de|noi chuyen chuyen de/, 'seminar'],
  [/cuoc thi|hoi thi|thi tim hieu/, 'contest'],
  [/van nghe|the thao|hoi dien|van hoa|giai bong|hoi thao the thao/, 'event'],
  [/tham quan|hoc tap kinh nghiem|khao sat hoc tap/, 'study_visit'],
];

const cache = new Map<string, Channel | null>();

export function channelOf(text: string): Channel | null {
  let hit = cache.get(text);
  if (hit !== undefined) return hit;
  const f = fold(text);
  hit = null;
  for (const [re, ch] of RULES) {
    if (re.test(f)) {
      hit = ch;
      break;
    }
  }
  if (hit === null && /^(khac|other)$/.test(f)) hit = 'other';
  cache.set(text, hit);
  return hit;
}
