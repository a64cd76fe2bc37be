import { isValid, parse } from 'date-fns';
import type { Cell } from '@/lib/import/types';
import { cellText } from './cells';

/**
 * Dates → `yyyy-MM-dd` strings, never through local-time Date round trips: date cells carry
 * UTC midnight of the calendar date, Excel serials are converted with integer arithmetic, text
 * is parsed with date-fns and formatted from its calendar fields.
 */
type DateResult = { ok: true; value: string; days: number } | { ok: false; empty: boolean };

const EMPTY: DateResult = { ok: false, empty: true };
const BAD: DateResult = { ok: false, empty: false };

const DMY = /^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const SERIAL = /^\d{3,5}(?:[.,]\d+)?$/;

const REF = new Date(2000, 0, 1);

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian), without Date objects. */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [y + (m <= 2 ? 1 : 0), m, d];
}

function fromCivil(y: number, m: number, d: number): DateResult {
  if (y < 1900 || y > 2100) return BAD;
  return { ok: true, value: `${y}-${pad(m)}-${pad(d)}`, days: daysFromCivil(y, m, d) };
}

/** Excel 1900 date system: serial 1 = 1900-01-01, and the phantom 1900-02-29 is serial 60. */
export function fromExcelSerial(serial: number): DateResult {
  const whole = Math.floor(serial);
  if (whole < 1 || whole > 2958465 || whole === 60) return BAD;
  const days = whole < 60 ? daysFromCivil(1899, 12, 31) + whole : daysFromCivil(1899, 12, 30) + whole;
  const [y, m, d] = civilFromDays(days);
  return fromCivil(y, m, d);
}

function checked(y: number, m: number, d: number): DateResult {
  // date-fns validates the calendar (31/02 is not a date); the string is built from the fields.
  const probe = parse(`${pad(d)}/${pad(m)}/${pad(y, 4)}`, 'dd/MM/yyyy', REF);
  if (!isValid(probe) || probe.getDate() !== d || probe.getMonth() + 1 !== m) return BAD;
  return fromCivil(y, m, d);
}

const textCache = new Map<string, DateResult>();

export function parseDateCell(c: Cell): DateResult {
  if (c === null || c === undefined) return EMPTY;
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return BAD;
    return fromCivil(c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate());
  }
  if (typeof c === 'number') return fromExcelSerial(c);
  if (typeof c === 'boolean') return BAD;
  const cached = textCache.get(c);
  if (cached) return cached;
  const result = parseDateText(cellText(c));
  if (textCache.size > 100_000) textCache.clear();
  textCache.set(c, result);
  return result;
}

export function parseDateText(t: string): DateResult {
  if (!t) return EMPTY;
  let m = DMY.exec(t);
  if (m) return checked(Number(m[3]), Number(m[2]), Number(m[1]));
  m = YMD.exec(t);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  if (SERIAL.test(t)) return fromExcelSerial(Number(t.replace(',', '.')));
  return BAD;
}
