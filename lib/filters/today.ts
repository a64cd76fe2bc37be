import { format } from 'date-fns';

/** Today as `yyyy-MM-dd` in the server's zone; THIDUA_TODAY pins it (tests, benchmarks). */
export function todayIso(): string {
  const pinned = process.env.THIDUA_TODAY;
  return pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? pinned : format(new Date(), 'yyyy-MM-dd');
}
