import { z } from 'zod';
import { reused } from '@/lib/db/cache';
import { query, type Db } from '@/lib/db/client';
import { ACTIVITY_SORTS, AWARD_SORTS, type ActivityListFilters, type AwardListFilters } from '@/lib/filters/lists';
import { fold } from '@/lib/text';
import { date, dateOrNull, num, numOrNull, str, strOrNull } from './rows';
import { foldSql, Where } from './scope';

/**
 * The Hoạt động and Khen thưởng lists: accent-insensitive search (both sides folded, the term
 * bound), filters, sort from an allow-list, pagination. The export route reuses the same WHERE.
 */

/** Every word of the search must appear somewhere in the folded haystack ("nguyen van" finds "Nguyễn Văn A"). */
function addSearch(where: Where, q: string | null, columns: string[]): void {
  if (!q) return;
  const words = fold(q).split(' ').filter(Boolean).slice(0, 8);
  const hay = columns.map(foldSql).join(` || ' ' || `);
  words.forEach((w, i) => where.add(`contains(${hay}, $q${i})`, { [`q${i}`]: w }));
}

function yearOf(start: string): number {
  return Number(start.slice(0, 4));
}

export function activityListWhere(f: Omit<ActivityListFilters, 'sort' | 'dir' | 'page' | 'pageSize'>): Where {
  const where = new Where();
  if (f.period) where.add('activity_date BETWEEN $start::DATE AND $end::DATE', { start: f.period.start, end: f.period.end });
  if (f.bloc !== null) {
    if (f.period) where.add('unit_id IN (SELECT unit_id FROM bloc_members WHERE bloc_id = $bloc AND year = $blocYear)', { bloc: f.bloc, blocYear: yearOf(f.period.start) });
    else where.add('unit_id IN (SELECT unit_id FROM bloc_members WHERE bloc_id = $bloc)', { bloc: f.bloc });
  }
  where.when(f.unit, 'unit_id = $unit', 'unit').when(f.movement, 'movement_id = $movement', 'movement').when(f.channel, 'channel = $channel', 'channel');
  addSearch(where, f.q, ['title', 'unit_name', 'exemplar']);
  return where;
}

export function awardListWhere(f: Omit<AwardListFilters, 'sort' | 'dir' | 'page' | 'pageSize'>): Where {
  const where = new Where();
  if (f.period) {
    // A whole year by award_year; shorter periods by decision date.
    if (f.period.grain === 'year') where.add('award_year = $year', { year: f.period.year });
    else where.add('decision_date BETWEEN $start::DATE AND $end::DATE', { start: f.period.start, end: f.period.end });
  }
  if (f.bloc !== null) {
    if (f.period) where.add('unit_id IN (SELECT unit_id FROM bloc_members WHERE bloc_id = $bloc AND year = $blocYear)', { bloc: f.bloc, blocYear: f.period.year });
    else where.add('unit_id IN (SELECT unit_id FROM bloc_members WHERE bloc_id = $bloc)', { bloc: f.bloc });
  }
  where
    .when(f.unit, 'unit_id = $unit', 'unit')
    .when(f.movement, 'movement_id = $movement', 'movement')
    .when(f.kind, 'award_kind = $kind', 'kind')
    .when(f.level, 'award_level = $level', 'level')
    .when(f.recipientType, 'recipient_type = $recipientType', 'recipientType');
  addSearch(where, f.q, ['recipient_name', 'unit_name', 'award_name', 'decision_no']);
  return where;
}

const ActivityRow = z.object({
  activity_id: num,
  activity_date: date,
  unit_id: numOrNull,
  unit_name: str,
  channel: str,
  title: str,
  participants: num,
  reach: numOrNull,
  exemplar: strOrNull,
  exemplar_kind: strOrNull,
  exemplar_proposed: z.boolean().nullable(),
});
export type ActivityListRow = z.infer<typeof ActivityRow>;

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

const CountRow = z.object({ total: num });

interface PageQuery<T> {
  /** The SELECT list, the view it reads and the filters. */
  select: string;
  view: string;
  where: Where;
  /** The sort column's expression, and the id that orders rows the sort leaves tied. */
  sort: string;
  id: string;
  row: z.ZodType<T>;
}

/** One page of a list (`limitOverride`: that many rows from the first, for an export) and the count of all. */
async function readPage<T>(db: Db, q: PageQuery<T>, f: Pick<ActivityListFilters | AwardListFilters, 'dir' | 'page' | 'pageSize'>, limitOverride?: number): Promise<Page<T>> {
  const dir = f.dir === 'asc' ? 'ASC' : 'DESC';
  const limit = limitOverride ?? f.pageSize;
  const offset = limitOverride ? 0 : (f.page - 1) * f.pageSize;
  const [rows, count] = await Promise.all([
    query(db, `SELECT ${q.select} FROM ${q.view} ${q.where.sql()} ORDER BY ${q.sort} ${dir} NULLS LAST, ${q.id} ${dir} LIMIT $limit OFFSET $offset`, { ...q.where.params, limit, offset }, q.row),
    query(db, `SELECT count(*)::BIGINT AS total FROM ${q.view} ${q.where.sql()}`, q.where.params, CountRow),
  ]);
  const total = count[0].total;
  return { rows, total, page: f.page, pageSize: f.pageSize, pages: Math.max(1, Math.ceil(total / f.pageSize)) };
}

/** A page of the list, reused per data version; an export (`limitOverride`) always reads afresh. */
export function listActivities(db: Db, f: ActivityListFilters, limitOverride?: number): Promise<Page<ActivityListRow>> {
  return limitOverride ? readActivities(db, f, limitOverride) : activityPage(db, f);
}
const activityPage = reused('listActivities', (db: Db, f: ActivityListFilters) => readActivities(db, f));

function readActivities(db: Db, f: ActivityListFilters, limitOverride?: number): Promise<Page<ActivityListRow>> {
  const select = `activity_id, strftime(activity_date, '%Y-%m-%d') AS activity_date, unit_id, unit_name, channel, title, participants, reach,
                  exemplar, exemplar_kind, exemplar_proposed`;
  const where = activityListWhere(f);
  return readPage(db, { select, view: 'v_activities', where, sort: ACTIVITY_SORTS[f.sort], id: 'activity_id', row: ActivityRow }, f, limitOverride);
}

export const AwardRow = z.object({
  award_id: num,
  recipient_name: str,
  recipient_type: str,
  unit_id: numOrNull,
  unit_name: strOrNull,
  award_name: str,
  award_kind: str,
  award_level: strOrNull,
  decision_no: strOrNull,
  decision_date: dateOrNull,
  award_year: num,
});
export type AwardListRow = z.infer<typeof AwardRow>;

/** A page of the list, reused per data version; an export (`limitOverride`) always reads afresh. */
export function listAwards(db: Db, f: AwardListFilters, limitOverride?: number): Promise<Page<AwardListRow>> {
  return limitOverride ? readAwards(db, f, limitOverride) : awardPage(db, f);
}
const awardPage = reused('listAwards', (db: Db, f: AwardListFilters) => readAwards(db, f));

function readAwards(db: Db, f: AwardListFilters, limitOverride?: number): Promise<Page<AwardListRow>> {
  const select = `award_id, recipient_name, recipient_type, unit_id, unit_name, award_name, award_kind, award_level, decision_no,
                  strftime(decision_date, '%Y-%m-%d') AS decision_date, award_year`;
  const where = awardListWhere(f);
  return readPage(db, { select, view: 'v_awards', where, sort: AWARD_SORTS[f.sort], id: 'award_id', row: AwardRow }, f, limitOverride);
}
