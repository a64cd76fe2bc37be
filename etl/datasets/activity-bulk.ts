import { BIGINT, BOOLEAN, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import type { Cell } from '@/lib/import/types';
import type { Channel } from '@/lib/domain';
import { activityKeySql } from '@/lib/db/row-keys';
import { cellText } from '@/etl/normalise/cells';
import { CLEAN_TEXT_SQL, firstTextSql, mapDistinct } from '@/etl/load/bulk-table';
import { markRow } from '@/etl/detect/rows';
import type { DetectedTable } from '@/etl/detect/table';
import type { BulkBody } from './types';
import { checkParticipants, checkReach, exemplarKindOfColumn, exemplarKindSql, proposedOf, type Check } from './activity-extras';

/**
 * An activities body DuckDB loaded (a large CSV): each distinct date, unit, channel, count and
 * movement is checked once, with the checks of the JS rows, and the rows whose every field
 * passed are selected in the stage's column order by one query.
 */

/** The table's column of each activity field (-1: absent). */
export interface ActivityColumns {
  date: number;
  unit: number;
  channel: number;
  title: number;
  participants: number;
  movement: number;
  exemplar: number;
  reach: number;
  kind: number;
  proposed: number;
}

export function activityColumns(table: DetectedTable): ActivityColumns {
  const col = (name: string) => table.fieldColumns.get(name) ?? -1;
  return {
    date: col('date'),
    unit: col('unit'),
    channel: col('channel'),
    title: col('title'),
    participants: col('participants'),
    movement: col('movement'),
    exemplar: col('exemplar'),
    reach: col('reach'),
    kind: col('exemplar_kind'),
    proposed: col('exemplar_proposed'),
  };
}

/** The field checks that need the processor (the units catalogue), shared with its JS rows. */
export interface ActivityFieldChecks {
  date(cell: Cell): Check<number>;
  unit(text: string): Check<number>;
  channel(text: string): Check<Channel>;
}

/** The clean rows of a bulk body: `select` gives them in the stage's columns; `from` and `isClean` let the others be found. */
export interface CleanRows {
  select: string;
  from: string;
  isClean: string;
}

const col = (i: number) => `r.c${i}`;

/** The value maps joined to the body and the conditions a clean row meets, built field by field. */
class CleanRowsBuilder {
  readonly maps: string[] = [];
  readonly conds: string[] = [];

  constructor(
    readonly conn: DuckDBConnection,
    readonly body: BulkBody,
  ) {}

  /** Maps the distinct values of column `c` through `fn` (null: not clean) into m_<name>.v0, v1… */
  async mapped(name: string, c: number, types: DuckDBType[], fn: (cell: Cell) => unknown[] | null): Promise<void> {
    const { table, fromRow } = this.body;
    await mapDistinct(this.conn, { table, column: `c${c}`, fromRow, map: `bulk_map_${name}`, types, fn });
    this.maps.push(`LEFT JOIN bulk_map_${name} m_${name} ON m_${name}.raw = ${col(c)}`);
  }

  /** An optional column: clean when empty or mapped. Returns the SQL of its value (`absent` when there is no such column). */
  async optional(name: string, c: number, types: DuckDBType[], fn: (cell: Cell) => unknown[] | null, value: string, absent: string): Promise<string> {
    if (c < 0) return absent;
    await this.mapped(name, c, types, fn);
    this.conds.push(`(${col(c)} IS NULL OR m_${name}.raw IS NOT NULL)`);
    return value;
  }
}

/** The SQL of the clean rows of `body`; every required column (date, unit, title) is present. */
export async function cleanRows(conn: DuckDBConnection, body: BulkBody, c: ActivityColumns, checks: ActivityFieldChecks): Promise<CleanRows> {
  const q = new CleanRowsBuilder(conn, body);
  await q.mapped('date', c.date, [INTEGER], (cell) => {
    const d = checks.date(cell);
    return d.ok ? [d.value] : null;
  });
  q.conds.push('m_date.raw IS NOT NULL');
  await q.mapped('unit', c.unit, [INTEGER, VARCHAR], (cell) => {
    const text = cellText(cell);
    const u = checks.unit(text);
    return u.ok ? [u.value, text] : null;
  });
  q.conds.push('m_unit.raw IS NOT NULL');
  const v = await optionalFields(q, c, checks);
  // Titles and exemplars are nearly all distinct: kept as read when already clean text.
  q.conds.push(CLEAN_TEXT_SQL(col(c.title)));
  let exemplar = 'NULL';
  if (c.exemplar >= 0) {
    q.conds.push(`(${col(c.exemplar)} IS NULL OR ${CLEAN_TEXT_SQL(col(c.exemplar))})`);
    exemplar = col(c.exemplar);
  }
  const ek = exemplarKindSql(v.statedKind, exemplar, col(c.title), 'r.x_kinds');
  q.conds.push(ek.clean);
  await leaveMarkedRows(q, Math.min(c.date, c.unit, c.title));

  const from = `FROM (SELECT r.rowid, r.*, ${ek.kinds} AS x_kinds FROM ${body.table} r) r ${q.maps.join(' ')} WHERE r.rowid >= $from`;
  const isClean = `(${q.conds.join(' AND ')})`;
  const select = `SELECT (r.rowid + 1)::INTEGER, m_date.v0, m_unit.v0, m_unit.v1, ${v.channel}, ${col(c.title)}, ${v.participants}, ${v.movement}, ${exemplar},
              ${activityKeySql('m_date.v0', 'm_unit.v0', v.channel, col(c.title))}, ${v.reach}, ${ek.kind}, ${v.proposed}
       ${from} AND ${isClean}`;
  return { select, from, isClean };
}

/** The optional columns, mapped in a fixed order: the SQL of each one's value. */
async function optionalFields(q: CleanRowsBuilder, c: ActivityColumns, checks: ActivityFieldChecks) {
  const channel = await q.optional('channel', c.channel, [VARCHAR], (cell) => {
    const ch = checks.channel(cellText(cell));
    return ch.ok ? [ch.value] : null;
  }, `coalesce(m_channel.v0, 'other')`, `'other'`);
  const participants = await q.optional('part', c.participants, [INTEGER], (cell) => {
    const p = checkParticipants(cell);
    return p.ok ? [p.value] : null;
  }, 'coalesce(m_part.v0, 0)', '0');
  const reach = await q.optional('reach', c.reach, [BIGINT], (cell) => {
    const r = checkReach(cell);
    return r.ok ? [r.value === null ? null : BigInt(r.value)] : null;
  }, 'm_reach.v0', 'NULL');
  const statedKind = await q.optional('kind', c.kind, [VARCHAR], (cell) => {
    const k = exemplarKindOfColumn(cellText(cell));
    return k === undefined ? null : [k];
  }, 'm_kind.v0', 'NULL');
  const proposed = await q.optional('proposed', c.proposed, [BOOLEAN], (cell) => {
    const p = proposedOf(cell);
    return p === undefined ? null : [p];
  }, 'm_proposed.v0', 'NULL');
  let movement = 'NULL';
  if (c.movement >= 0) {
    await q.mapped('move', c.movement, [VARCHAR], (cell) => [cellText(cell) || null]);
    movement = 'm_move.v0';
  }
  return { channel, participants, reach, statedKind, proposed, movement };
}

/**
 * The row's first text decides signature and total lines (markRow): those rows go through JS.
 * In a clean row it comes from a column up to the first required one (`firstCol`).
 */
async function leaveMarkedRows(q: CleanRowsBuilder, firstCol: number): Promise<void> {
  const { table, fromRow } = q.body;
  const first = firstTextSql(firstCol);
  await mapDistinct(q.conn, {
    table,
    column: first,
    fromRow,
    map: 'bulk_map_marked',
    types: [],
    // Digits, dates and punctuation never start a signature or a total line.
    where: `NOT regexp_full_match(${first}, '[0-9 /.,:-]*')`,
    fn: (cell) => {
      const t = cellText(cell);
      return t !== cell || markRow([t]) || markRow([t, '\u0001', '\u0002']) ? [] : null;
    },
  });
  q.maps.push(`LEFT JOIN bulk_map_marked m_marked ON m_marked.raw = ${firstTextSql(firstCol, 'r.')}`);
  q.conds.push('m_marked.raw IS NULL');
}
