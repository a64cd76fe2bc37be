import { addMonths, differenceInCalendarDays, format, isAfter, subDays } from 'date-fns';

/**
 * Periods as they appear in URLs and flags: `2022` (year), `2022-H1` (half-year), `2022-Q3`
 * (quarter), `2022-07` (month). Dates are plain `yyyy-MM-dd` strings so nothing drifts with the
 * time zone; date-fns works on local-midnight Dates built from them.
 */
export type Grain = 'year' | 'half' | 'quarter' | 'month';

export interface Period {
  id: string;
  grain: Grain;
  year: number;
  /** 1-based index within the year (half 1–2, quarter 1–4, month 1–12; 1 for a year). */
  index: number;
  /** First day, `yyyy-MM-dd`. */
  start: string;
  /** Last day, inclusive, `yyyy-MM-dd`. */
  end: string;
}

const PATTERN = /^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/i;
const MONTHS_PER: Record<Grain, number> = { year: 12, half: 6, quarter: 3, month: 1 };

export const GRAIN_LABELS: Record<Grain, string> = {
  year: 'Năm',
  half: '6 tháng',
  quarter: 'Quý',
  month: 'Tháng',
};

function ymd(d: Date): string {
  return format(d, 'yyyy-MM-dd');
}

function localDate(s: string): Date {
  const [y, m, d] = s.split('-').map(Number);
  return new Date(y, m - 1, d);
}

export function makePeriod(grain: Grain, year: number, index = 1): Period {
  const months = MONTHS_PER[grain];
  const startDate = new Date(year, (index - 1) * months, 1);
  const endDate = subDays(addMonths(startDate, months), 1);
  const id =
    grain === 'year'
      ? String(year)
      : grain === 'half'
        ? `${year}-H${index}`
        : grain === 'quarter'
          ? `${year}-Q${index}`
          : `${year}-${String(index).padStart(2, '0')}`;
  return { id, grain, year, index, start: ymd(startDate), end: ymd(endDate) };
}

/** The forms a period is typed in, as the message about a mistyped one lists them. */
const PERIOD_FORMS = '2022, 2022-H1, 2022-Q3 hoặc 2022-07';

/** The one message for a period that does not parse; `instead` says what is shown in its place. */
export function invalidPeriodMessage(text: string, instead?: string): string {
  return `Kỳ «${text}» không hợp lệ (dùng dạng ${PERIOD_FORMS})${instead ? `; ${instead}` : ''}.`;
}

/** Parses a period id; returns null when it is not one (callers fall back with a notice). */
export function parsePeriod(input: string | null | undefined): Period | null {
  if (!input) return null;
  const m = PATTERN.exec(input.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1990 || year > 2100) return null;
  const part = m[2]?.toUpperCase();
  if (!part) return makePeriod('year', year);
  if (part.startsWith('H')) return makePeriod('half', year, Number(part.slice(1)));
  if (part.startsWith('Q')) return makePeriod('quarter', year, Number(part.slice(1)));
  return makePeriod('month', year, Number(part));
}

/** The period just before (2022-H1 → 2021-H2, 2022-Q1 → 2021-Q4, 2022 → 2021). */
export function previousPeriod(p: Period): Period {
  const perYear = 12 / MONTHS_PER[p.grain];
  return p.index > 1 ? makePeriod(p.grain, p.year, p.index - 1) : makePeriod(p.grain, p.year - 1, perYear);
}

/** The same period one year earlier (2022-H1 → 2021-H1): the comparison for reviews. */
export function samePeriodLastYear(p: Period): Period {
  return makePeriod(p.grain, p.year - 1, p.index);
}

/** The period of a grain that contains a date. */
export function periodContaining(grain: Grain, date: string): Period {
  const d = localDate(date);
  const month = d.getMonth();
  return makePeriod(grain, d.getFullYear(), Math.floor(month / MONTHS_PER[grain]) + 1);
}

/** Sub-periods of a grain inside a period (the months of a quarter, the quarters of a year…). */
export function periodsWithin(p: Period, grain: Grain): Period[] {
  const out: Period[] = [];
  let cur = periodContaining(grain, p.start);
  while (cur.start <= p.end) {
    out.push(cur);
    const next = ymd(addMonths(localDate(cur.start), MONTHS_PER[grain]));
    cur = periodContaining(grain, next);
  }
  return out;
}

/**
 * When a period is not over on `today`, comparisons use the same number of days of the
 * previous period ("to date"). Returns the cut-off end dates for both.
 */
export function toDateWindow(current: Period, previous: Period, today: string): { currentEnd: string; previousEnd: string; partial: boolean } {
  if (!isAfter(localDate(current.end), localDate(today)) || today < current.start) {
    return { currentEnd: current.end, previousEnd: previous.end, partial: false };
  }
  const elapsed = differenceInCalendarDays(localDate(today), localDate(current.start));
  const prevEnd = ymd(new Date(localDate(previous.start).getTime() + elapsed * 86_400_000));
  return { currentEnd: today, previousEnd: prevEnd < previous.end ? prevEnd : previous.end, partial: true };
}

/** Vietnamese label: "Năm 2022", "6 tháng đầu năm 2022", "Quý III/2022", "Tháng 07/2022". */
export function periodLabel(p: Period): string {
  switch (p.grain) {
    case 'year':
      return `Năm ${p.year}`;
    case 'half':
      return p.index === 1 ? `6 tháng đầu năm ${p.year}` : `6 tháng cuối năm ${p.year}`;
    case 'quarter':
      return `Quý ${['I', 'II', 'III', 'IV'][p.index - 1]}/${p.year}`;
    case 'month':
      return `Tháng ${String(p.index).padStart(2, '0')}/${p.year}`;
  }
}

/** Years covered by a period (one, for every grain). */
export function yearOf(p: Period): number {
  return p.year;
}
