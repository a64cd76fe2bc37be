import type { Rng } from './prng';

/** Dates of the sample: ISO days and the working days activities fall on. */

export function ymd(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Fixed public holidays (Tết moves with the lunar calendar and is left out). */
const HOLIDAYS = new Set(['1-1', '4-30', '5-1', '9-2']);

/** A working day (Mon–Fri, not a fixed holiday) in the given month range. */
export function workingDay(rng: Rng, year: number, fromMonth: number, toMonth: number): string {
  for (;;) {
    const m = rng.int(fromMonth, toMonth);
    const d = rng.int(1, daysInMonth(year, m));
    const dow = new Date(Date.UTC(year, m - 1, d)).getUTCDay();
    if (dow !== 0 && dow !== 6 && !HOLIDAYS.has(`${m}-${d}`)) return ymd(year, m, d);
  }
}
