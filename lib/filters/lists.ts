import { z } from 'zod';
import {
  AWARD_KINDS,
  AWARD_LEVELS,
  CHANNELS,
  RECIPIENT_TYPES,
  type AwardKind,
  type AwardLevel,
  type Channel,
  type RecipientType,
} from '@/lib/domain';
import { invalidPeriodMessage, parsePeriod, type Period } from '@/lib/periods';
import { cleanText } from '@/lib/text';
import { type SearchParams, toSearch } from '@/lib/routes';
import { first, parseId, type Parsed } from './dashboard';

/** Sort columns allowed on the lists: URL value → SQL expression (never taken from the URL). */
export const ACTIVITY_SORTS = {
  date: 'activity_date',
  unit: 'unit_name',
  channel: 'channel',
  title: 'title',
  participants: 'participants',
} as const;
export const AWARD_SORTS = {
  date: 'decision_date',
  year: 'award_year',
  name: 'recipient_name',
  unit: 'unit_name',
  award: 'award_name',
  level: 'award_level',
  decision: 'decision_no',
} as const;
type ActivitySort = keyof typeof ACTIVITY_SORTS;
type AwardSort = keyof typeof AWARD_SORTS;

const PAGE_SIZES = [25, 50, 100] as const;
const MAX_QUERY_CHARS = 100;

interface ListBase {
  /** null = all periods. */
  period: Period | null;
  q: string | null;
  unit: number | null;
  bloc: number | null;
  movement: number | null;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}
export interface ActivityListFilters extends ListBase {
  channel: Channel | null;
  sort: ActivitySort;
}
export interface AwardListFilters extends ListBase {
  kind: AwardKind | null;
  level: AwardLevel | null;
  recipientType: RecipientType | null;
  sort: AwardSort;
}

function oneOf<T extends string>(sp: SearchParams, key: string, allowed: readonly T[], label: string, notices: string[]): T | null {
  const raw = first(sp, key);
  if (raw === undefined) return null;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  notices.push(`Giá trị ${label} "${raw}" không hợp lệ (chọn: ${allowed.join(', ')}); đã bỏ lọc này.`);
  return null;
}

function parseBase(sp: SearchParams, notices: string[]): Omit<ListBase, 'dir'> & { dir: 'asc' | 'desc' | null } {
  const rawPeriod = first(sp, 'period');
  let period: Period | null = null;
  if (rawPeriod !== undefined && rawPeriod !== 'all') {
    period = parsePeriod(rawPeriod);
    if (!period) notices.push(invalidPeriodMessage(rawPeriod, 'đang hiển thị mọi kỳ'));
  }
  let q = first(sp, 'q') ?? null;
  if (q !== null) {
    q = cleanText(q);
    if (q.length > MAX_QUERY_CHARS) {
      notices.push(`Từ khóa tìm kiếm dài quá ${MAX_QUERY_CHARS} ký tự; đã cắt bớt.`);
      q = q.slice(0, MAX_QUERY_CHARS);
    }
    if (q === '') q = null;
  }
  const rawDir = first(sp, 'dir');
  let dir: 'asc' | 'desc' | null = null;
  if (rawDir === 'asc' || rawDir === 'desc') dir = rawDir;
  else if (rawDir !== undefined) notices.push(`Chiều sắp xếp "${rawDir}" không hợp lệ (asc hoặc desc); đang dùng mặc định.`);
  const page = z.coerce.number().int().min(1).max(1_000_000).safeParse(first(sp, 'page') ?? '1');
  if (!page.success) notices.push(`Trang "${first(sp, 'page')}" không hợp lệ; đang hiển thị trang 1.`);
  const sizeRaw = Number(first(sp, 'size') ?? PAGE_SIZES[0]);
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeRaw) ? sizeRaw : PAGE_SIZES[0];
  if (first(sp, 'size') !== undefined && pageSize !== sizeRaw)
    notices.push(`Số dòng mỗi trang "${first(sp, 'size')}" không hợp lệ (chọn ${PAGE_SIZES.join(', ')}); đang dùng ${pageSize}.`);
  return {
    period,
    q,
    unit: parseId(sp, 'unit', 'đơn vị', notices),
    bloc: parseId(sp, 'bloc', 'khối', notices),
    movement: parseId(sp, 'movement', 'phong trào', notices),
    dir,
    page: page.success ? page.data : 1,
    pageSize,
  };
}

function sortKey<T extends string>(sp: SearchParams, allowed: readonly T[], fallback: T, notices: string[]): T {
  const raw = first(sp, 'sort');
  if (raw === undefined) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  notices.push(`Không sắp xếp được theo "${raw}" (chọn: ${allowed.join(', ')}); đang sắp xếp theo mặc định.`);
  return fallback;
}

export function parseActivityListFilters(sp: SearchParams): Parsed<ActivityListFilters> {
  const notices: string[] = [];
  const base = parseBase(sp, notices);
  const sort = sortKey(sp, Object.keys(ACTIVITY_SORTS) as ActivitySort[], 'date', notices);
  return {
    filters: { ...base, dir: base.dir ?? (sort === 'date' || sort === 'participants' ? 'desc' : 'asc'), sort, channel: oneOf(sp, 'channel', CHANNELS, 'kênh', notices) },
    notices,
  };
}

export function parseAwardListFilters(sp: SearchParams): Parsed<AwardListFilters> {
  const notices: string[] = [];
  const base = parseBase(sp, notices);
  const sort = sortKey(sp, Object.keys(AWARD_SORTS) as AwardSort[], 'date', notices);
  return {
    filters: {
      ...base,
      dir: base.dir ?? (sort === 'date' || sort === 'year' ? 'desc' : 'asc'),
      sort,
      kind: oneOf(sp, 'kind', AWARD_KINDS, 'loại khen thưởng', notices),
      level: oneOf(sp, 'level', AWARD_LEVELS, 'cấp khen', notices),
      recipientType: oneOf(sp, 'recipient', RECIPIENT_TYPES, 'đối tượng', notices),
    },
    notices,
  };
}

type Overrides = Record<string, string | number | null>;

/** The parameters every list shares, in URL order; defaults are left out of the URL. */
function baseParams(f: ListBase & { sort: string }) {
  return {
    q: f.q,
    period: f.period?.id ?? null,
    bloc: f.bloc,
    unit: f.unit,
    movement: f.movement,
  };
}

function pagingParams(f: ListBase & { sort: string }) {
  return {
    sort: f.sort === 'date' ? null : f.sort,
    dir: f.dir,
    size: f.pageSize === PAGE_SIZES[0] ? null : f.pageSize,
    page: f.page === 1 ? null : f.page,
  };
}

/** The list's URL, with overrides (page links, sort headers, export links). */
export function activitySearch(f: ActivityListFilters, o: Overrides = {}): string {
  return toSearch({ ...baseParams(f), channel: f.channel, ...pagingParams(f), ...o });
}

export function awardSearch(f: AwardListFilters, o: Overrides = {}): string {
  return toSearch({ ...baseParams(f), kind: f.kind, level: f.level, recipient: f.recipientType, ...pagingParams(f), ...o });
}
