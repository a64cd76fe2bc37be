import { INTEGER, UINTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { RawRow } from '@/etl/types';
import { CHANNELS, type Channel } from '@/lib/domain';
import { suggestionText } from '@/lib/units/resolve';
import { cellText, rawForMessage } from '@/etl/normalise/cells';
import { parseDateCell, civilFromDays } from '@/etl/normalise/dates';
import { parseNumberCell } from '@/etl/normalise/numbers';
import { channelOf } from '@/etl/normalise/channel';
import { hashLanes, lanesNumber, lastLanes, LANES_HEX_SQL } from '@/etl/normalise/row-key';
import { foldKeyFast } from '@/etl/normalise/fast-text';
import { appendColumns, countBatchRows } from '@/etl/load/chunks';
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

  // Staging columns (bounded: numbers and the few strings each row needs; repeated strings as
  // dictionary indexes).
  private days: number[] = [];
  private unitIds: number[] = [];
  private unitRawIdx: number[] = [];
  private channelIdx: number[] = [];
  private titles: string[] = [];
  private participants: number[] = [];
  private movementIdx: (number | null)[] = [];
  private exemplars: (string | null)[] = [];
  private sourceRows: number[] = [];
  private keyLo: number[] = [];
  private keyHi: number[] = [];
  private unitRawDict = new Map<string, number>();
  private movementDict = new Map<string, number>();
  private seen = new Map<number, number>();
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
    return this.sourceRows.length;
  }

  private dictIndex(dict: Map<string, number>, value: string): number {
    let i = dict.get(value);
    if (i === undefined) {
      i = dict.size;
      dict.set(value, i);
    }
    return i;
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

    hashLanes(`${date.value}|${unitId}|${channel}|${foldKeyFast(title)}`);
    const [h1, h2] = lastLanes();
    const key = lanesNumber(h1, h2);
    const prev = this.seen.get(key);
    if (prev !== undefined) {
      issues.error(n, null, `trùng với dòng ${prev} (cùng ngày, đơn vị, hình thức và nội dung). Hãy xoá một trong hai dòng hoặc sửa cho khác nhau.`, 'duplicate_row');
      return;
    }
    this.seen.set(key, n);
    this.days.push(date.days);
    this.unitIds.push(unitId);
    this.unitRawIdx.push(this.dictIndex(this.unitRawDict, unitText));
    this.channelIdx.push(CHANNELS.indexOf(channel));
    this.titles.push(title);
    this.participants.push(participants);
    const movement = this.cMove >= 0 ? cellText(cells[this.cMove] ?? null) : '';
    this.movementIdx.push(movement ? this.dictIndex(this.movementDict, movement) : null);
    this.exemplars.push(this.cExemplar >= 0 ? cellText(cells[this.cExemplar] ?? null) || null : null);
    this.sourceRows.push(n);
    this.keyLo.push(h1);
    this.keyHi.push(h2);
  }

  async finish(): Promise<void> {
    this.seen.clear();
  }

  preview(n: number): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    const rawNames = [...this.unitRawDict.keys()];
    const movements = [...this.movementDict.keys()];
    for (let i = 0; i < Math.min(n, this.sourceRows.length); i++) {
      const [y, m, d] = civilFromDays(this.days[i]);
      out.push({
        row: this.sourceRows[i],
        activity_date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        unit_name: this.ctx.units.nameOf(this.unitIds[i]) ?? rawNames[this.unitRawIdx[i]],
        channel: CHANNELS[this.channelIdx[i]],
        title: this.titles[i],
        participants: this.participants[i],
        movement: this.movementIdx[i] === null ? null : movements[this.movementIdx[i]!],
        exemplar: this.exemplars[i],
      });
    }
    return out;
  }

  async load(conn: DuckDBConnection, batchId: number): Promise<LoadOutcome> {
    const stage = 'stage_activities';
    await conn.run(`DROP TABLE IF EXISTS temp.${stage}; DROP TABLE IF EXISTS temp.stage_dict`);
    await conn.run(
      `CREATE TEMP TABLE ${stage} (days INTEGER, unit_id INTEGER, unit_raw INTEGER, channel INTEGER, title VARCHAR,
        participants INTEGER, movement INTEGER, exemplar VARCHAR, source_row INTEGER, h1 UINTEGER, h2 UINTEGER)`,
    );
    // Dictionaries: kind 0 = unit as written, 1 = channel, 2 = movement.
    await conn.run('CREATE TEMP TABLE stage_dict (kind INTEGER, idx INTEGER, value VARCHAR)');
    const dict: [number[], number[], string[]] = [[], [], []];
    const addDict = (kind: number, values: Iterable<string>) => {
      let i = 0;
      for (const v of values) {
        dict[0].push(kind);
        dict[1].push(i++);
        dict[2].push(v);
      }
    };
    addDict(0, this.unitRawDict.keys());
    addDict(1, CHANNELS);
    addDict(2, this.movementDict.keys());
    await appendColumns(conn, 'stage_dict', [INTEGER, INTEGER, VARCHAR], dict, dict[0].length);
    const n = this.sourceRows.length;
    await appendColumns(
      conn,
      stage,
      [INTEGER, INTEGER, INTEGER, INTEGER, VARCHAR, INTEGER, INTEGER, VARCHAR, INTEGER, UINTEGER, UINTEGER],
      [this.days, this.unitIds, this.unitRawIdx, this.channelIdx, this.titles, this.participants, this.movementIdx, this.exemplars, this.sourceRows, this.keyLo, this.keyHi],
      n,
    );
    // The rows now live in DuckDB: let the JS copies go before the insert doubles the memory.
    // (sourceRows stays: rowCount reads it.)
    this.days = this.unitIds = this.unitRawIdx = this.channelIdx = this.participants = this.keyLo = this.keyHi = [];
    this.titles = [];
    this.movementIdx = [];
    this.exemplars = [];
    // Movements are created on first sight.
    await conn.run(
      `INSERT INTO movements (name)
       SELECT d.value FROM stage_dict d WHERE d.kind = 2 AND NOT EXISTS (SELECT 1 FROM movements m WHERE m.name = d.value)`,
    );
    // Rows already held by a loaded batch are skipped (the same rows from another file).
    await conn.run(
      `INSERT INTO activities (activity_date, unit_id, unit_raw, channel, title, participants, movement_id, exemplar, batch_id, source_row, row_key)
       WITH s AS (SELECT *, ${LANES_HEX_SQL('h1', 'h2')} AS row_key FROM ${stage})
       SELECT DATE '1970-01-01' + s.days, s.unit_id, u.value, c.value, s.title, s.participants, m.movement_id, s.exemplar,
              $batch, s.source_row, s.row_key
       FROM s
       JOIN stage_dict u ON u.kind = 0 AND u.idx = s.unit_raw
       JOIN stage_dict c ON c.kind = 1 AND c.idx = s.channel
       LEFT JOIN stage_dict md ON md.kind = 2 AND md.idx = s.movement
       LEFT JOIN movements m ON m.name = md.value
       WHERE NOT EXISTS (
         SELECT 1 FROM activities a JOIN import_batches b ON b.batch_id = a.batch_id AND b.status = 'loaded'
         WHERE a.row_key = s.row_key)`,
      { batch: batchId },
    );
    await conn.run(`DROP TABLE temp.${stage}; DROP TABLE temp.stage_dict`);
    const loaded = await countBatchRows(conn, 'activities', batchId);
    return { loaded, skipped: n - loaded };
  }
}
