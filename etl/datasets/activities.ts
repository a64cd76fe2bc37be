import { BIGINT, BOOLEAN, INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { Cell, RawRow } from '@/lib/import/types';
import { CHANNEL_LABELS, CHANNELS_IN_ORDER, type Channel } from '@/lib/domain';
import { activityKeySql } from '@/lib/db/row-keys';
import { unitProblem } from '@/lib/units/messages';
import { cellText, rawForMessage } from '@/etl/normalise/cells';
import { parseDateCell, civilFromDays } from '@/etl/normalise/dates';
import { channelOf } from '@/etl/normalise/channel';
import { appendColumns, countBatchRows, ensureMovements } from '@/etl/load/chunks';
import { suspiciousRows } from '@/etl/load/bulk-table';
import type { BulkBody, DatasetContext, DatasetProcessor, LoadOutcome, RowHandler } from './types';
import { checkParticipants, checkReach, ExemplarTyping, type Check } from './activity-extras';
import { activityColumns, cleanRows, type ActivityColumns } from './activity-bulk';

/** The channels a person may write, as listed in the «Khác» warning. */
const CHANNEL_CHOICES = CHANNELS_IN_ORDER.filter((c) => c !== 'other')
  .map((c) => CHANNEL_LABELS[c])
  .join('; ');

const STAGE = 'stage_activities';
// source_row, days, unit_id, unit_raw, channel, title, participants, movement, exemplar, row_key (set by SQL),
// reach, exemplar_kind, exemplar_proposed.
const STAGE_TYPES = [INTEGER, INTEGER, INTEGER, VARCHAR, VARCHAR, VARCHAR, INTEGER, VARCHAR, VARCHAR, VARCHAR, BIGINT, VARCHAR, BOOLEAN];
/** Rows validated in JS are appended in blocks of this many (bounded memory whatever the file size). */
const FLUSH_ROWS = 16_384;
const ROW_KEY = activityKeySql('days', 'unit_id', 'channel', 'title');

/**
 * Activities (hoạt động tuyên truyền): Ngày | Đơn vị | Hình thức | Nội dung | Số người tham gia
 * [| Phong trào | Điển hình tiên tiến | Loại điển hình | Đề nghị Hội đồng TĐKT tỉnh | Số lượt xem]. Valid rows are staged in a DuckDB temp table as they come
 * (JS holds one block at most); the row key, duplicates within the file and rows already loaded
 * are found by SQL over the stage. A large CSV body skips JS altogether except for the rows that
 * need a message (`loadBulk`).
 */
export class ActivitiesProcessor implements DatasetProcessor {
  readonly dataset = 'activities' as const;
  private readonly c: ActivityColumns;
  private exemplars = new ExemplarTyping();

  private conn: DuckDBConnection | null = null;
  private block: unknown[][] = STAGE_TYPES.map(() => []);
  private staged = 0;
  private unknownChannels = new Map<string, number>();
  private previewRows: Record<string, unknown>[] = [];
  private appends: Promise<void> = Promise.resolve();
  private appendError: unknown = null;

  constructor(private ctx: DatasetContext) {
    this.c = activityColumns(ctx.table);
  }

  get rowCount(): number {
    return this.staged;
  }

  async begin(conn: DuckDBConnection): Promise<void> {
    this.conn = conn;
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE ${STAGE} (source_row INTEGER, days INTEGER, unit_id INTEGER, unit_raw VARCHAR, channel VARCHAR,
        title VARCHAR, participants INTEGER, movement VARCHAR, exemplar VARCHAR, row_key VARCHAR,
        reach BIGINT, exemplar_kind VARCHAR, exemplar_proposed BOOLEAN)`,
    );
  }

  // Field checks: the one place each rule and message lives (rows in JS and distinct values of a bulk body).

  private checkDate(cell: Cell): Check<number> {
    const date = parseDateCell(cell);
    if (date.ok) return { ok: true, value: date.days };
    return date.empty
      ? { ok: false, code: 'date_missing', message: 'thiếu ngày thực hiện. Hãy nhập ngày dạng dd/mm/yyyy, ví dụ 20/12/2022.' }
      : { ok: false, code: 'date_invalid', message: `«${rawForMessage(cell)}» không phải ngày hợp lệ. Hãy nhập ngày dạng dd/mm/yyyy, ví dụ 20/12/2022.` };
  }

  private checkUnit(unitText: string): Check<number> {
    if (!unitText) return { ok: false, code: 'unit_missing', message: 'thiếu tên đơn vị. Hãy nhập tên đơn vị thực hiện như trong danh mục đơn vị.' };
    const m = this.ctx.units.resolve(unitText);
    if (m.ok) return { ok: true, value: m.unitId };
    return { ok: false, ...unitProblem(unitText, m) };
  }

  private checkChannel(channelText: string): Check<Channel> {
    if (!channelText) return { ok: true, value: 'other' };
    const ch = channelOf(channelText);
    if (ch) return { ok: true, value: ch };
    return {
      ok: false,
      warning: 'other',
      code: 'channel_other',
      message: `không nhận ra hình thức tuyên truyền «${channelText}»; đã xếp vào «Khác». Nếu cần, hãy ghi một trong: ${CHANNEL_CHOICES}.`,
    };
  }

  onRow(row: RawRow): void {
    const { issues } = this.ctx;
    const cells = row.cells;
    const n = row.rowNumber;
    const dateCell = cells[this.c.date] ?? null;
    const unitText = cellText(cells[this.c.unit] ?? null);
    const title = cellText(cells[this.c.title] ?? null);
    const channelText = this.c.channel >= 0 ? cellText(cells[this.c.channel] ?? null) : '';
    const partCell = this.c.participants >= 0 ? (cells[this.c.participants] ?? null) : null;
    // A row with nothing but its STT (templates, trailing numbered rows) is blank.
    if (!unitText && !title && !channelText && (dateCell === null || dateCell === '') && (partCell === null || partCell === '')) return;

    const report = <T>(field: string, check: Check<T>): boolean => {
      if (check.ok) return true;
      if (check.warning !== undefined) {
        issues.warning(n, this.ctx.columnName(field), check.message, check.code);
        return true;
      }
      issues.error(n, this.ctx.columnName(field), check.message, check.code);
      return false;
    };
    const date = this.checkDate(dateCell);
    const unit = this.checkUnit(unitText);
    let channel = this.checkChannel(channelText);
    // An unknown channel is reported once, at its first row.
    if (!channel.ok && this.unknownChannels.has(channelText)) channel = { ok: true, value: 'other' };
    else if (!channel.ok) this.unknownChannels.set(channelText, n);
    const participants = checkParticipants(partCell);
    const reach = this.c.reach >= 0 ? checkReach(cells[this.c.reach] ?? null) : ({ ok: true, value: null } as const);
    let ok = report('date', date);
    ok = report('unit', unit) && ok;
    report('channel', channel);
    if (!title) {
      ok = false;
      issues.error(n, this.ctx.columnName('title'), 'thiếu nội dung (tên hoạt động). Hãy ghi nội dung hoạt động tuyên truyền.', 'title_missing');
    }
    ok = report('participants', participants) && ok;
    ok = report('reach', reach) && ok;
    if (!ok || !date.ok || !unit.ok || !participants.ok || !reach.ok) return;

    const movement = this.c.movement >= 0 ? cellText(cells[this.c.movement] ?? null) : '';
    const exemplar = this.c.exemplar >= 0 ? cellText(cells[this.c.exemplar] ?? null) : '';
    const kindText = this.c.kind >= 0 ? cellText(cells[this.c.kind] ?? null) : '';
    const kind = this.exemplars.kind(n, kindText, exemplar, title);
    const proposed = this.c.proposed >= 0 ? this.exemplars.proposed(n, cells[this.c.proposed] ?? null) : null;
    const values = [n, date.value, unit.value, unitText, channel.ok ? channel.value : channel.warning!, title, participants.value, movement || null, exemplar || null, null,
      reach.value === null ? null : BigInt(reach.value), kind, proposed];
    for (let i = 0; i < values.length; i++) this.block[i].push(values[i]);
    this.staged++;
    if (this.block[0].length >= FLUSH_ROWS) this.flushBlock();
  }

  /**
   * Hands the current block to DuckDB. onRow is synchronous, so the appends run one after another
   * in the background; `settled()` waits for them and rethrows the first failure (disk full…),
   * which is held here rather than left as an unhandled rejection while the file is still read.
   */
  private flushBlock(): void {
    const block = this.block;
    const rows = block[0].length;
    if (!rows) return;
    this.block = STAGE_TYPES.map(() => []);
    const conn = this.requireConn();
    this.appends = this.appends
      .then(() => (this.appendError ? undefined : appendColumns(conn, STAGE, STAGE_TYPES, block as never, rows)))
      .catch((err: unknown) => {
        this.appendError ??= err;
      });
  }

  private async settled(): Promise<void> {
    await this.appends;
    if (this.appendError) throw this.appendError;
  }

  private requireConn(): DuckDBConnection {
    if (!this.conn) throw new Error('ActivitiesProcessor.begin() was not called');
    return this.conn;
  }

  /**
   * A CSV body already in DuckDB (`body.table`, rows from `body.fromRow`): each distinct date,
   * unit, channel, count and movement is checked once, here, with the same checks as onRow; rows
   * whose every field passed are staged by one INSERT … SELECT. The other rows — errors, warnings,
   * signature and total lines, text that needs cleaning — go through `handle` like any JS row.
   */
  async loadBulk(body: BulkBody, handle: RowHandler): Promise<void> {
    const conn = this.requireConn();
    const { fromRow } = body;
    const allColumns = Array.from({ length: body.width }, (_, i) => `r.c${i}`).join(', ');
    const settle = () => this.settled();
    const c = this.c;
    if (c.date < 0 || c.unit < 0 || c.title < 0) {
      // A required column left unmapped (the upload page lets the Office remap columns): every
      // row needs its message, from the row checks.
      const rest = `SELECT r.rowid AS rid, ${allColumns} FROM ${body.table} r WHERE r.rowid >= $from`;
      await this.dropRowsBelow(await suspiciousRows(conn, { rest, params: { from: fromRow - 1 }, width: body.width }, handle, settle));
      return;
    }
    const checks = { date: (cell: Cell) => this.checkDate(cell), unit: (text: string) => this.checkUnit(text), channel: (text: string) => this.checkChannel(text) };
    const clean = await cleanRows(conn, body, c, checks);
    const inserted = await conn.run(`INSERT INTO ${STAGE} ${clean.select}`, { from: fromRow - 1 });
    const staged = inserted.rowsChanged;
    this.staged += staged;
    // Usually every row is clean: nothing is left for JS.
    if (staged === body.rows - (fromRow - 1)) return;
    const rest = `SELECT r.rowid AS rid, ${allColumns} ${clean.from} AND NOT coalesce(${clean.isClean}, false)`;
    await this.dropRowsBelow(await suspiciousRows(conn, { rest, params: { from: fromRow - 1 }, width: body.width }, handle, settle));
  }

  /** A signature line ended the table at `endedAt`: rows staged below it are not data. */
  private async dropRowsBelow(endedAt: number | null): Promise<void> {
    if (endedAt === null) return;
    await this.settled();
    const r = await this.requireConn().runAndReadAll(`DELETE FROM ${STAGE} WHERE source_row > $end RETURNING 1`, { end: endedAt });
    this.staged -= r.currentRowCount;
  }

  async finish(): Promise<void> {
    const conn = this.requireConn();
    this.flushBlock();
    await this.settled();
    for (const [field, message, code] of this.exemplars.notes()) this.ctx.issues.warning(null, this.ctx.columnName(field), message, code);
    // Rows checked in JS were staged without their key (rows of a bulk body have it already).
    await conn.run(`UPDATE ${STAGE} SET row_key = ${ROW_KEY} WHERE row_key IS NULL`);
    // Rows that repeat an earlier row of the file (same key) are errors naming the first one.
    // A 64-bit hash of the key groups faster than the key; only when two hashes meet (almost
    // always a real duplicate) is the exact query run.
    const anyDup = await conn.runAndReadAll(`SELECT 1 FROM ${STAGE} GROUP BY hash(row_key) HAVING count(*) > 1 LIMIT 1`);
    const dups = anyDup.currentRowCount === 0 ? null : await conn.runAndReadAll(
      `WITH k AS (SELECT row_key, min(source_row) AS first_row FROM ${STAGE} GROUP BY row_key HAVING count(*) > 1)
       SELECT s.source_row, k.first_row, count(*) OVER () AS total
       FROM ${STAGE} s JOIN k USING (row_key) WHERE s.source_row <> k.first_row ORDER BY s.source_row LIMIT 1001`,
    );
    const rows = dups?.getRows() ?? [];
    for (const [row, first] of rows) {
      this.ctx.issues.error(Number(row), null, `trùng với dòng ${Number(first)} (cùng ngày, đơn vị, hình thức và nội dung). Hãy xóa một trong hai dòng hoặc sửa cho khác nhau.`, 'duplicate_row');
    }
    if (rows.length) this.ctx.issues.moreErrors(Number(rows[0][2]) - rows.length);
    const head = await conn.runAndReadAll(
      `SELECT source_row, days, unit_id, unit_raw, channel, title, participants, movement, exemplar, reach, exemplar_kind, exemplar_proposed
       FROM ${STAGE} ORDER BY source_row LIMIT 20`,
    );
    this.previewRows = head.getRows().map(([row, days, unitId, unitRaw, channel, title, participants, movement, exemplar, reach, kind, proposed]) => {
      const [y, m, d] = civilFromDays(Number(days));
      return {
        row: Number(row),
        activity_date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        unit_name: this.ctx.units.nameOf(Number(unitId)) ?? unitRaw,
        channel,
        title,
        participants: Number(participants),
        reach: reach === null ? null : Number(reach),
        movement,
        exemplar,
        exemplar_kind: kind,
        exemplar_proposed: proposed,
      };
    });
  }

  preview(n: number): Record<string, unknown>[] {
    return this.previewRows.slice(0, n);
  }

  async load(conn: DuckDBConnection, batchId: number): Promise<LoadOutcome> {
    await ensureMovements(conn, STAGE);
    // Rows already held by a loaded batch are skipped (the same rows from another file).
    await conn.run(
      `INSERT INTO activities (activity_date, unit_id, unit_raw, channel, title, participants, movement_id, exemplar, batch_id, source_row, row_key,
         reach, exemplar_kind, exemplar_proposed)
       SELECT DATE '1970-01-01' + s.days, s.unit_id, s.unit_raw, s.channel, s.title, s.participants, m.movement_id, s.exemplar,
              $batch, s.source_row, s.row_key, s.reach, s.exemplar_kind, s.exemplar_proposed
       FROM ${STAGE} s LEFT JOIN movements m ON m.name = s.movement
       ANTI JOIN (SELECT a.row_key FROM activities a JOIN import_batches b ON b.batch_id = a.batch_id AND b.status = 'loaded') e
         ON e.row_key = s.row_key`,
      { batch: batchId },
    );
    await conn.run(`DROP TABLE IF EXISTS temp.${STAGE}`);
    const loaded = await countBatchRows(conn, 'activities', batchId);
    return { loaded, skipped: this.staged - loaded };
  }
}
