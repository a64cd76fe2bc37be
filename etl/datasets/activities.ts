import { INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { RawRow } from '@/etl/types';
import type { Channel } from '@/lib/domain';
import { foldKey } from '@/lib/text';
import { suggestionText } from '@/lib/units/resolve';
import { cellText, rawForMessage } from '@/etl/normalise/cells';
import { parseDateCell, civilFromDays } from '@/etl/normalise/dates';
import { parseNumberCell } from '@/etl/normalise/numbers';
import { channelOf } from '@/etl/normalise/channel';
import { rowKey } from '@/etl/normalise/row-key';
import { appendColumns, countBatchRows, ensureMovements } from '@/etl/load/chunks';
import type { DatasetContext, DatasetProcessor, LoadOutcome } from './types';

/**
 * Activities (hoạt động tuyên truyền): Ngày | Đơn vị | Hình thức | Nội dung | Số người tham gia
 * [| Phong trào | Điển hình tiên tiến]. Staged in column arrays (bounded), appended in chunks.
 * row_key = date | unit | channel | folded title.
 */
export class ActivitiesProcessor implements DatasetProcessor {
  readonly dataset = 'activities' as const;
  private cDate: number;
  private cUnit: number;
  private cChannel: number;
  private cTitle: number;
  private cPart: number;
  private cMove: number;
  private cExemplar: number;
  private cStt: number;

  // Staging columns.
  private days: number[] = [];
  private unitIds: number[] = [];
  private unitRaw: string[] = [];
  private channels: Channel[] = [];
  private titles: string[] = [];
  private participants: number[] = [];
  private movements: (string | null)[] = [];
  private exemplars: (string | null)[] = [];
  private sourceRows: number[] = [];
  private keys: string[] = [];
  private seen = new Map<string, number>();
  private unknownChannels = new Map<string, number>();

  constructor(private ctx: DatasetContext) {
    const f = ctx.table.fieldColumns;
    const col = (name: string) => f.get(name) ?? -1;
    this.cDate = col('date');
    this.cUnit = col('unit');
    this.cChannel = col('channel');
    this.cTitle = col('title');
    this.cPart = col('participants');
    this.cMove = col('movement');
    this.cExemplar = col('exemplar');
    this.cStt = col('stt');
  }

  get rowCount(): number {
    return this.keys.length;
  }

  onRow(row: RawRow): void {
    const { issues, units } = this.ctx;
    const cells = row.cells;
    const n = row.rowNumber;
    const dateCell = cells[this.cDate] ?? null;
    const unitText = cellText(cells[this.cUnit] ?? null);
    const title = cellText(cells[this.cTitle] ?? null);
    const channelText = this.cChannel >= 0 ? cellText(cells[this.cChannel] ?? null) : '';
    const partCell = this.cPart >= 0 ? (cells[this.cPart] ?? null) : null;
    // A row with nothing but its STT (templates, trailing numbered rows) is blank.
    if (!unitText && !title && !channelText && (dateCell === null || dateCell === '') && (partCell === null || partCell === '')) return;
    let ok = true;

    const date = parseDateCell(dateCell);
    if (!date.ok) {
      ok = false;
      const col = this.ctx.columnName('date');
      if (date.empty) issues.error(n, col, 'thiếu ngày thực hiện. Hãy nhập ngày dạng dd/mm/yyyy, ví dụ 20/12/2022.', 'date_missing');
      else issues.error(n, col, `«${rawForMessage(dateCell)}» không phải ngày hợp lệ. Hãy nhập ngày dạng dd/mm/yyyy, ví dụ 20/12/2022.`, 'date_invalid');
    }

    let unitId = 0;
    if (!unitText) {
      ok = false;
      issues.error(n, this.ctx.columnName('unit'), 'thiếu tên đơn vị. Hãy nhập tên đơn vị thực hiện như trong danh mục đơn vị.', 'unit_missing');
    } else {
      const m = units.resolve(unitText);
      if (m.ok) unitId = m.unitId;
      else {
        ok = false;
        const hint = m.suggestions.length ? ` Có phải là ${suggestionText(m.suggestions)}?` : ' Hãy nạp danh mục đơn vị (tệp đơn vị) trước.';
        issues.error(n, this.ctx.columnName('unit'), `không tìm thấy đơn vị «${unitText}» trong danh mục.${hint} Hãy sửa tên hoặc thêm tên gọi khác cho đơn vị.`, 'unit_unknown');
      }
    }

    let channel: Channel = 'other';
    if (channelText) {
      const ch = channelOf(channelText);
      if (ch) channel = ch;
      else {
        const first = this.unknownChannels.get(channelText);
        if (first === undefined) {
          this.unknownChannels.set(channelText, n);
          issues.warning(n, this.ctx.columnName('channel'), `không nhận ra hình thức «${channelText}»; đã xếp vào «Khác». Nếu cần, hãy ghi một trong: Cổng thông tin điện tử, Chính quyền điện tử/mạng xã hội, Hội nghị/Tọa đàm, Cuộc thi, Văn nghệ/Thể thao, Tham quan học tập.`, 'channel_other');
        }
      }
    }

    if (!title) {
      ok = false;
      issues.error(n, this.ctx.columnName('title'), 'thiếu nội dung (tên hoạt động). Hãy ghi nội dung hoạt động tuyên truyền.', 'title_missing');
    }

    let participants = 0;
    if (partCell !== null) {
      const p = parseNumberCell(partCell, 'count');
      const col = this.ctx.columnName('participants');
      if (!p.ok || (p.value !== null && !Number.isInteger(p.value))) {
        ok = false;
        issues.error(n, col, `«${rawForMessage(partCell)}» không phải số người hợp lệ. Hãy nhập số nguyên, ví dụ 1.250 hoặc 1250.`, 'count_invalid');
      } else if (p.value !== null && p.value < 0) {
        ok = false;
        issues.error(n, col, `số người tham gia không được âm («${rawForMessage(partCell)}»). Hãy nhập 0 hoặc số dương.`, 'count_negative');
      } else if (p.value !== null && p.value > 2_147_483_647) {
        ok = false;
        issues.error(n, col, `số người tham gia «${rawForMessage(partCell)}» quá lớn. Hãy kiểm tra lại.`, 'count_too_large');
      } else participants = p.value ?? 0;
    }
    if (!ok || !date.ok) return;

    const key = rowKey(`${date.value}|${unitId}|${channel}|${foldKey(title)}`);
    const prev = this.seen.get(key);
    if (prev !== undefined) {
      issues.error(n, null, `trùng với dòng ${prev} (cùng ngày, đơn vị, hình thức và nội dung). Hãy xoá một trong hai dòng hoặc sửa cho khác nhau.`, 'duplicate_row');
      return;
    }
    this.seen.set(key, n);
    this.days.push(date.days);
    this.unitIds.push(unitId);
    this.unitRaw.push(unitText);
    this.channels.push(channel);
    this.titles.push(title);
    this.participants.push(participants);
    this.movements.push(this.cMove >= 0 ? cellText(cells[this.cMove] ?? null) || null : null);
    this.exemplars.push(this.cExemplar >= 0 ? cellText(cells[this.cExemplar] ?? null) || null : null);
    this.sourceRows.push(n);
    this.keys.push(key);
  }

  async finish(): Promise<void> {
    this.seen.clear();
  }

  preview(n: number): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < Math.min(n, this.keys.length); i++) {
      const [y, m, d] = civilFromDays(this.days[i]);
      out.push({
        row: this.sourceRows[i],
        activity_date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        unit_name: this.ctx.units.nameOf(this.unitIds[i]) ?? this.unitRaw[i],
        channel: this.channels[i],
        title: this.titles[i],
        participants: this.participants[i],
        movement: this.movements[i],
        exemplar: this.exemplars[i],
      });
    }
    return out;
  }

  async load(conn: DuckDBConnection, batchId: number): Promise<LoadOutcome> {
    const stage = 'stage_activities';
    await conn.run(`DROP TABLE IF EXISTS temp.${stage}`);
    await conn.run(
      `CREATE TEMP TABLE ${stage} (days INTEGER, unit_id INTEGER, unit_raw VARCHAR, channel VARCHAR, title VARCHAR,
        participants INTEGER, movement VARCHAR, exemplar VARCHAR, source_row INTEGER, row_key VARCHAR)`,
    );
    const n = this.keys.length;
    await appendColumns(
      conn,
      stage,
      [INTEGER, INTEGER, VARCHAR, VARCHAR, VARCHAR, INTEGER, VARCHAR, VARCHAR, INTEGER, VARCHAR],
      [this.days, this.unitIds, this.unitRaw, this.channels, this.titles, this.participants, this.movements, this.exemplars, this.sourceRows, this.keys],
      n,
    );
    await ensureMovements(conn, stage);
    // Rows already held by a loaded batch are skipped (the same rows from another file).
    await conn.run(
      `INSERT INTO activities (activity_date, unit_id, unit_raw, channel, title, participants, movement_id, exemplar, batch_id, source_row, row_key)
       SELECT DATE '1970-01-01' + s.days, s.unit_id, s.unit_raw, s.channel, s.title, s.participants, m.movement_id, s.exemplar,
              $batch, s.source_row, s.row_key
       FROM ${stage} s LEFT JOIN movements m ON m.name = s.movement
       WHERE NOT EXISTS (
         SELECT 1 FROM activities a JOIN import_batches b ON b.batch_id = a.batch_id AND b.status = 'loaded'
         WHERE a.row_key = s.row_key)
       ORDER BY s.source_row`,
      { batch: batchId },
    );
    await conn.run(`DROP TABLE temp.${stage}`);
    const loaded = await countBatchRows(conn, 'activities', batchId);
    return { loaded, skipped: n - loaded };
  }
}
