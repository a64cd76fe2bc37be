import { fold } from '@/lib/text';
import { makePeriod, type Period } from '@/lib/periods';

/**
 * Period and bloc from the title rows: "BẢNG TỔNG HỢP ĐIỂM THI ĐUA KHỐI THI ĐUA CÁC PHÒNG THUỘC SỞ
 * 6 THÁNG ĐẦU NĂM 2023" → 2023-H1 and "CÁC PHÒNG THUỘC SỞ".
 */
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

export function periodFromText(text: string): Period | null {
  const f = fold(text);
  let m = /6 thang (dau|cuoi) nam (\d{4})/.exec(f);
  if (m) return makePeriod('half', Number(m[2]), m[1] === 'dau' ? 1 : 2);
  m = /(sau|06) thang (dau|cuoi) nam (\d{4})/.exec(f);
  if (m) return makePeriod('half', Number(m[3]), m[2] === 'dau' ? 1 : 2);
  m = /quy (i{1,3}|iv|[1-4])( nam)? (\d{4})/.exec(f);
  if (m) return makePeriod('quarter', Number(m[3]), ROMAN[m[1]]);
  m = /\bnam (\d{4})\b/.exec(f);
  if (m) {
    const y = Number(m[1]);
    if (y >= 1990 && y <= 2100) return makePeriod('year', y);
  }
  return null;
}

/** The bloc named in a title ("KHỐI THI ĐUA CÁC PHÒNG THUỘC SỞ …"), as folded words; null when none. */
export function blocFromText(text: string): string | null {
  const f = fold(text);
  const m = /khoi thi dua (.+)$/.exec(f) ?? /\bkhoi (.+)$/.exec(f);
  if (!m) return null;
  const rest = m[1]
    .replace(/\b(6|sau|06) thang (dau|cuoi) nam \d{4}.*$/, '')
    .replace(/\bquy [ivx1-4]+.*$/, '')
    .replace(/\bnam \d{4}.*$/, '')
    .trim();
  return rest || null;
}
