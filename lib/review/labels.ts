import { periodLabel, type Period } from '../periods';

export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** "6 tháng đầu năm 2021", or "kỳ trước" when there is none: for "so với …" sentences. */
export function previousLabel(p: Period | null): string {
  return p ? lowerFirst(periodLabel(p)) : 'kỳ trước';
}
