import { z } from 'zod';
import { CHANNELS, CHANNEL_LABELS, type Channel } from '@/lib/domain';
import { GRAIN_LABELS, invalidPeriodMessage, makePeriod, parsePeriod, type Grain, type Period } from '@/lib/periods';
import { firstValue, type SearchParams, toSearch } from '@/lib/routes';

/**
 * URL search params → typed dashboard filters. Anything invalid falls back to a default and
 * adds a notice in Vietnamese, so a mistyped shared link never crashes a page.
 */
export interface DashboardFilters {
  period: Period;
  /** Grain of the time series inside the period (never coarser than the period). */
  grain: Grain;
  bloc: number | null;
  unit: number | null;
  movement: number | null;
  channel: Channel | null;
}

export interface Parsed<T> {
  filters: T;
  notices: string[];
}

const GRAIN_ORDER: Grain[] = ['year', 'half', 'quarter', 'month'];
const GRAIN_PARAM: Record<string, Grain> = { year: 'year', nam: 'year', half: 'half', h: 'half', quarter: 'quarter', quy: 'quarter', month: 'month', thang: 'month' };

// Plain digits only: "1e3" or "0x10" are not ids a link of ours would carry.
const Id = z.string().regex(/^\d{1,10}$/).transform(Number).pipe(z.number().int().positive().max(2_147_483_647));

/** First value of a param, trimmed; blank counts as absent. */
export function first(sp: SearchParams, key: string): string | undefined {
  const s = firstValue(sp[key]);
  return s === undefined || s.trim() === '' ? undefined : s.trim();
}

export function parseId(sp: SearchParams, key: string, label: string, notices: string[]): number | null {
  const raw = first(sp, key);
  if (raw === undefined) return null;
  const r = Id.safeParse(raw);
  if (r.success) return r.data;
  notices.push(`Tham số ${key}="${raw}" không hợp lệ (${label} phải là mã số dương); đã bỏ lọc theo ${label}.`);
  return null;
}

/** The finest grain that is still meaningful inside a period: months for every period. */
function defaultGrain(_period: Period): Grain {
  return 'month';
}

function grainAllowed(period: Period, grain: Grain): boolean {
  return GRAIN_ORDER.indexOf(grain) >= GRAIN_ORDER.indexOf(period.grain);
}

function parsePeriodParam(sp: SearchParams, fallback: Period, notices: string[]): Period {
  const raw = first(sp, 'period');
  if (raw === undefined) return fallback;
  const p = parsePeriod(raw);
  if (p) return p;
  notices.push(invalidPeriodMessage(raw, `đang hiển thị ${fallback.id}`));
  return fallback;
}

export function parseDashboardFilters(sp: SearchParams, fallbackPeriod: Period): Parsed<DashboardFilters> {
  const notices: string[] = [];
  const period = parsePeriodParam(sp, fallbackPeriod, notices);
  let grain = defaultGrain(period);
  const rawGrain = first(sp, 'grain');
  if (rawGrain !== undefined) {
    const g = GRAIN_PARAM[rawGrain.toLowerCase()];
    if (!g) notices.push(`Chu kỳ "${rawGrain}" không hợp lệ (year, half, quarter, month); đang dùng theo tháng.`);
    else if (!grainAllowed(period, g))
      notices.push(`Chu kỳ "${GRAIN_LABELS[g]}" lớn hơn kỳ đã chọn; đang dùng theo tháng.`);
    else grain = g;
  }
  const rawChannel = first(sp, 'channel');
  let channel: Channel | null = null;
  if (rawChannel !== undefined) {
    if ((CHANNELS as readonly string[]).includes(rawChannel)) channel = rawChannel as Channel;
    else
      notices.push(
        `Kênh "${rawChannel}" không hợp lệ; chọn một trong: ${CHANNELS.map((c) => `${c} (${CHANNEL_LABELS[c]})`).join(', ')}. Đã bỏ lọc theo kênh.`,
      );
  }
  return {
    filters: {
      period,
      grain,
      bloc: parseId(sp, 'bloc', 'khối', notices),
      unit: parseId(sp, 'unit', 'đơn vị', notices),
      movement: parseId(sp, 'movement', 'phong trào', notices),
      channel,
    },
    notices,
  };
}

/** The period shown when the URL names none: the latest year with data, else this year. */
export function fallbackPeriod(latestYear: number | null, today = new Date()): Period {
  return makePeriod('year', latestYear ?? today.getFullYear());
}

export function dashboardSearch(f: DashboardFilters, overrides: Record<string, string | number | null> = {}): string {
  return toSearch({
    period: f.period.id,
    grain: f.grain === defaultGrain(f.period) ? null : f.grain,
    bloc: f.bloc,
    unit: f.unit,
    movement: f.movement,
    channel: f.channel,
    ...overrides,
  });
}
