import { DOUBLE, INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { Cell, RawRow } from '@/lib/import/types';
import { editDistance, fold, foldKey } from '@/lib/text';
import { parsePeriod, type Period } from '@/lib/periods';
import { queryOn } from '@/lib/db/client';
import { suggestionText } from '@/lib/units/resolve';
import { unitProblem } from '@/lib/units/messages';
import { cellText, rawForMessage } from '@/etl/normalise/cells';
import { parseNumberCell } from '@/etl/normalise/numbers';
import { periodFromText } from '@/etl/headers/title';
import { appendColumns, countBatchRows } from '@/etl/load/chunks';
import type { DatasetContext, DatasetProcessor, LoadOutcome } from './types';
import { buildScoreRows, RANK, splitCode, TOTAL, type ScoreLoadRow, type UnitSheet, type WideUnit } from './score-rows';

/**
 * Bloc score sheets, long (one row per unit × criterion) or wide (criteria as rows, a Tự chấm /
 * Khối chấm pair or one assessed column per unit). Rows with children (I, II… or 1 over 1.1) are
 * groups, not criteria; bonus / penalty rows keep their kind (penalty stored positive). A TỔNG
 * CỘNG row must agree with the computed totals and a XẾP HẠNG row with the computed ranks.
 */


export class ScoresProcessor implements DatasetProcessor {
  readonly dataset = 'scores' as const;
  readonly rawRows = true;
  private col: (f: string) => number;
  private wide: WideUnit[] = [];
  private units = new Map<number, UnitSheet>();
  /** Wide sheets: criteria rows in order (shared by all units). */
  private periodValue: Period | null;
  private blocValue: string | null;
  private blocId: number | null = null;
  private periodFromColumn: { value: string; row: number } | null = null;
  private blocFromColumn: { value: string; row: number } | null = null;
  private loadRows: ScoreLoadRow[] = [];

  constructor(private ctx: DatasetContext) {
    this.col = (f) => ctx.table.fieldColumns.get(f) ?? -1;
    this.periodValue = ctx.period;
    this.blocValue = ctx.blocName;
    if (ctx.table.wide) {
      const byHeader = new Map<string, WideUnit>();
      for (const c of ctx.table.columns) {
        if (c.field !== 'unit_self' && c.field !== 'unit_assessed') continue;
        const key = c.parent;
        let u = byHeader.get(key);
        if (!u) {
          u = { header: c.parent, selfCol: null, assessedCol: null };
          byHeader.set(key, u);
          this.wide.push(u);
        }
        if (c.field === 'unit_self') u.selfCol = c.index;
        else u.assessedCol = c.index;
      }
    }
  }

  get rowCount(): number {
    return this.loadRows.length;
  }

  resolvedPeriod(): string | null {
    return this.periodValue?.id ?? null;
  }

  resolvedBloc(): string | null {
    return this.blocValue;
  }

  private unitFor(raw: string, row: number, column: string): UnitSheet | null {
    const m = this.ctx.units.resolve(raw);
    if (!m.ok) {
      const p = unitProblem(raw, m);
      this.ctx.issues.error(row, column, p.message, p.code);
      return null;
    }
    let u = this.units.get(m.unitId);
    if (!u) {
      u = { unitId: m.unitId, name: m.name, items: [] };
      this.units.set(m.unitId, u);
    }
    return u;
  }

  private points(c: Cell, row: number, column: string): number | null | undefined {
    const r = parseNumberCell(c, 'points');
    if (!r.ok) {
      this.ctx.issues.error(row, column, `«${rawForMessage(c)}» không phải số điểm hợp lệ. Hãy nhập số, ví dụ 18,5.`, 'points_invalid');
      return undefined;
    }
    return r.value;
  }

  private codeAndText(row: RawRow): { code: string; text: string } {
    const ci = this.col('code');
    let code = ci >= 0 ? cellText(row.cells[ci] ?? null) : '';
    let text = cellText(row.cells[this.col('criterion')] ?? null);
    if (!code && text) ({ code, text } = splitCode(text));
    return { code, text };
  }

  private wideUnits: (UnitSheet | null)[] | null = null;

  onRow(row: RawRow): void {
    const n = row.rowNumber;
    this.noteColumnValue(row);
    if (this.ctx.table.wide) return this.onWideRow(row, n);
    return this.onLongRow(row, n);
  }

  private noteColumnValue(row: RawRow) {
    for (const field of ['period', 'bloc'] as const) {
      const i = this.col(field);
      if (i < 0) continue;
      const v = cellText(row.cells[i] ?? null);
      if (!v) continue;
      const slot = field === 'period' ? 'periodFromColumn' : 'blocFromColumn';
      const prev = this[slot];
      if (!prev) this[slot] = { value: v, row: row.rowNumber };
      else if (foldKey(prev.value) !== foldKey(v)) {
        this.ctx.issues.error(row.rowNumber, this.ctx.columnName(field), `«${v}» khác với «${prev.value}» ở dòng ${prev.row}. Mỗi tệp chỉ chứa bảng điểm của một khối và một kỳ; hãy tách thành nhiều tệp.`, 'mixed_' + field);
      }
    }
  }

  private onWideRow(row: RawRow, n: number): void {
    if (!this.wideUnits) {
      this.wideUnits = this.wide.map((w) => this.unitFor(w.header, this.ctx.table.headerIndex + 1, w.header));
    }
    const { code, text } = this.codeAndText(row);
    const f = fold(text || cellText(row.cells.find((c) => typeof c === 'string' && cellText(c)) ?? null));
    const maxCol = this.col('max_points');
    if (TOTAL.test(f)) {
      this.wide.forEach((w, i) => {
        const u = this.wideUnits![i];
        if (!u) return;
        const self = w.selfCol !== null ? this.points(row.cells[w.selfCol] ?? null, n, this.colName(w.selfCol)) : null;
        const assessed = w.assessedCol !== null ? this.points(row.cells[w.assessedCol] ?? null, n, this.colName(w.assessedCol)) : null;
        u.total = { row: n, self: self ?? null, assessed: assessed ?? null, selfCol: w.header, assessedCol: w.header };
      });
      return;
    }
    if (RANK.test(f)) {
      this.wide.forEach((w, i) => {
        const u = this.wideUnits![i];
        if (!u) return;
        const c = w.assessedCol ?? w.selfCol;
        const cell = c !== null ? (row.cells[c] ?? null) : null;
        const r = parseNumberCell(cell, 'count');
        u.rank = { row: n, value: r.ok ? r.value : Number.NaN, raw: rawForMessage(cell), column: w.header };
      });
      return;
    }
    if (!text && !code) return;
    const max = maxCol >= 0 ? this.points(row.cells[maxCol] ?? null, n, this.ctx.columnName('max_points')) : null;
    this.wide.forEach((w, i) => {
      const u = this.wideUnits![i];
      if (!u) return;
      const self = w.selfCol !== null ? this.points(row.cells[w.selfCol] ?? null, n, this.colName(w.selfCol)) : null;
      const assessed = w.assessedCol !== null ? this.points(row.cells[w.assessedCol] ?? null, n, this.colName(w.assessedCol)) : null;
      u.items.push({ row: n, code, text, max: max ?? null, self: self ?? null, assessed: assessed ?? null, selfCol: w.header, assessedCol: w.header });
    });
  }

  private colName(i: number): string {
    const c = this.ctx.table.columns[i];
    return c.text || c.letter;
  }

  private onLongRow(row: RawRow, n: number): void {
    const unitText = cellText(row.cells[this.col('unit')] ?? null);
    const { code, text } = this.codeAndText(row);
    if (!unitText && !text && !code) return;
    const f = fold(text || unitText);
    if (!unitText) {
      if (TOTAL.test(f)) return; // a grand total over all units: nothing to check against
      this.ctx.issues.error(n, this.ctx.columnName('unit'), 'thiếu tên đơn vị được chấm. Hãy ghi tên đơn vị trên mỗi dòng.', 'unit_missing');
      return;
    }
    const u = this.unitFor(unitText, n, this.ctx.columnName('unit'));
    if (!u) return;
    const si = this.col('self_points');
    const ai = this.col('assessed_points');
    const self = si >= 0 ? this.points(row.cells[si] ?? null, n, this.ctx.columnName('self_points')) : null;
    const assessed = ai >= 0 ? this.points(row.cells[ai] ?? null, n, this.ctx.columnName('assessed_points')) : null;
    const selfCol = this.ctx.columnName('self_points');
    const assessedCol = this.ctx.columnName('assessed_points');
    if (TOTAL.test(f)) {
      u.total = { row: n, self: self ?? null, assessed: assessed ?? null, selfCol, assessedCol };
      return;
    }
    if (RANK.test(f)) {
      const cell = row.cells[ai >= 0 ? ai : si] ?? null;
      const r = parseNumberCell(cell, 'count');
      u.rank = { row: n, value: r.ok ? r.value : Number.NaN, raw: rawForMessage(cell), column: ai >= 0 ? assessedCol : selfCol };
      return;
    }
    if (!text) {
      this.ctx.issues.error(n, this.ctx.columnName('criterion'), 'thiếu nội dung tiêu chí. Hãy ghi tên tiêu chí.', 'criterion_missing');
      return;
    }
    const mi = this.col('max_points');
    const max = mi >= 0 ? this.points(row.cells[mi] ?? null, n, this.ctx.columnName('max_points')) : null;
    u.items.push({ row: n, code, text, max: max ?? null, self: self ?? null, assessed: assessed ?? null, selfCol, assessedCol });
  }

  async finish(conn: DuckDBConnection): Promise<void> {
    const { issues } = this.ctx;
    // Period and bloc: flags, title, then columns.
    if (!this.periodValue && this.periodFromColumn) {
      const v = this.periodFromColumn.value;
      this.periodValue = parsePeriod(v) ?? periodFromText(v) ?? periodFromText(`năm ${v}`);
      if (!this.periodValue) issues.error(this.periodFromColumn.row, this.ctx.columnName('period'), `«${v}» không phải kỳ hợp lệ. Hãy ghi 2022, 2022-H1 hoặc «6 tháng đầu năm 2022».`, 'period_invalid');
    }
    if (!this.blocValue && this.blocFromColumn) this.blocValue = this.blocFromColumn.value;
    if (!this.periodValue && !issues.hasErrors) {
      issues.error(null, null, 'Không xác định được kỳ chấm điểm. Hãy ghi kỳ trong tiêu đề (ví dụ «… 6 THÁNG ĐẦU NĂM 2023» hoặc «… NĂM 2022»), thêm cột «Kỳ», hoặc dùng --period 2023-H1.', 'period_missing');
    }
    if (!this.blocValue) {
      issues.error(null, null, 'Không xác định được khối thi đua. Hãy ghi tên khối trong tiêu đề (ví dụ «KHỐI THI ĐUA CÁC PHÒNG THUỘC SỞ»), thêm cột «Khối thi đua», hoặc dùng --bloc.', 'bloc_missing');
    } else {
      const blocs = await queryOn<{ bloc_id: number; name: string; short_name: string | null }>(conn, 'SELECT bloc_id, name, short_name FROM blocs');
      this.blocId = this.matchBloc(this.blocValue, blocs);
      if (this.blocId === null) {
        const key = foldKey(this.blocValue);
        const closest = blocs
          .map((b) => ({ name: b.name, d: editDistance(key, foldKey(b.name)) }))
          .sort((a, b) => a.d - b.d)
          .slice(0, 3)
          .map((b) => b.name);
        const hint = closest.length ? ` Các khối đã có gần nhất: ${suggestionText(closest)}.` : ' Chưa có khối nào: hãy nhập tệp đơn vị và khối thi đua trước.';
        issues.error(null, null, `Không tìm thấy khối thi đua «${this.blocValue}».${hint} Hãy dùng --bloc với đúng tên khối.`, 'bloc_unknown');
      } else {
        this.blocValue = blocs.find((b) => Number(b.bloc_id) === this.blocId)!.name;
      }
    }
    if (this.periodValue && this.blocId !== null) {
      const held = await queryOn<{ batch_id: number }>(
        conn,
        `SELECT DISTINCT s.batch_id FROM scores s JOIN import_batches b ON b.batch_id = s.batch_id AND b.status = 'loaded'
         WHERE s.bloc_id = $bloc AND s.period = $period ORDER BY 1 LIMIT 1`,
        { bloc: this.blocId, period: this.periodValue.id },
      );
      if (held.length) {
        issues.error(null, null, `Bảng điểm khối «${this.blocValue}» kỳ ${this.periodValue.id} đã có trong lần nhập #${held[0].batch_id}; hãy hủy lần nhập đó trước khi nhập bảng điểm mới.`, 'scores_exist');
      }
      const members = await queryOn<{ unit_id: number }>(conn, 'SELECT unit_id FROM bloc_members WHERE bloc_id = $b AND year = $y', { b: this.blocId, y: this.periodValue.year });
      const memberIds = new Set(members.map((m) => Number(m.unit_id)));
      for (const u of this.units.values()) {
        if (!memberIds.has(u.unitId)) {
          issues.warning(null, null, `Đơn vị «${u.name}» không có trong danh sách thành viên khối «${this.blocValue}» năm ${this.periodValue.year}. Hãy kiểm tra tệp đơn vị và khối thi đua.`, 'not_member');
        }
      }
    }
    this.loadRows = buildScoreRows(this.units.values(), this.ctx, this.periodValue, this.blocId);
  }

  private matchBloc(raw: string, blocs: { bloc_id: number; name: string; short_name: string | null }[]): number | null {
    const key = foldKey(raw);
    const strip = (k: string) => k.replace(/^(khoithidua|khoi)/, '');
    for (const b of blocs) if (foldKey(b.name) === key || (b.short_name && foldKey(b.short_name) === key)) return Number(b.bloc_id);
    for (const b of blocs) if (strip(foldKey(b.name)) === strip(key)) return Number(b.bloc_id);
    // The title often says more ("KHỐI THI ĐUA CÁC PHÒNG THUỘC SỞ TÀI CHÍNH"): accept containment.
    const hits = blocs.filter((b) => {
      const k = strip(foldKey(b.name));
      return k.length >= 6 && (strip(key).includes(k) || k.includes(strip(key)));
    });
    if (hits.length === 1) return Number(hits[0].bloc_id);
    const close = blocs.filter((b) => editDistance(strip(foldKey(b.name)), strip(key)) <= 2);
    return close.length === 1 ? Number(close[0].bloc_id) : null;
  }

  /** Groups, kinds, range checks, totals and ranks; fills the rows to load. */


  preview(n: number): Record<string, unknown>[] {
    return this.loadRows.slice(0, n).map((r) => ({
      row: r.row,
      unit_name: this.ctx.units.nameOf(r.unitId),
      criterion_group: r.group,
      criterion: r.code ? `${r.code} ${r.text}` : r.text,
      criterion_kind: r.kind,
      max_points: r.max,
      self_points: r.self,
      assessed_points: r.assessed,
    }));
  }

  async load(conn: DuckDBConnection, batchId: number): Promise<LoadOutcome> {
    const period = this.periodValue!;
    const stage = 'stage_scores';
    await conn.run(`DROP TABLE IF EXISTS temp.${stage}`);
    await conn.run(
      `CREATE TEMP TABLE ${stage} (unit_id INTEGER, criterion_code VARCHAR, criterion_group VARCHAR, criterion VARCHAR, criterion_kind VARCHAR,
        sort_order INTEGER, max_points DOUBLE, self_points DOUBLE, assessed_points DOUBLE, source_row INTEGER, row_key VARCHAR)`,
    );
    const rows = this.loadRows;
    await appendColumns(
      conn,
      stage,
      [INTEGER, VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, DOUBLE, DOUBLE, DOUBLE, INTEGER, VARCHAR],
      [
        rows.map((r) => r.unitId),
        rows.map((r) => r.code || null),
        rows.map((r) => r.group),
        rows.map((r) => r.text),
        rows.map((r) => r.kind),
        rows.map((r) => r.order),
        rows.map((r) => r.max),
        rows.map((r) => r.self),
        rows.map((r) => r.assessed),
        rows.map((r) => r.row),
        rows.map((r) => r.key),
      ],
      rows.length,
    );
    await conn.run(
      `INSERT INTO scores (bloc_id, unit_id, period, period_start, period_end, criterion_code, criterion_group, criterion, criterion_kind,
         sort_order, max_points, self_points, assessed_points, batch_id, source_row, row_key)
       SELECT $bloc, s.unit_id, $period, CAST($start AS DATE), CAST($end AS DATE), s.criterion_code, s.criterion_group, s.criterion, s.criterion_kind,
              s.sort_order, s.max_points, s.self_points, s.assessed_points, $batch, s.source_row, s.row_key
       FROM ${stage} s ORDER BY s.unit_id, s.sort_order`,
      { bloc: this.blocId!, period: period.id, start: period.start, end: period.end, batch: batchId },
    );
    await conn.run(`DROP TABLE temp.${stage}`);
    const loaded = await countBatchRows(conn, 'scores', batchId);
    return { loaded, skipped: rows.length - loaded, period: period.id, blocId: this.blocId };
  }
}
