import { INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { RawRow } from '@/lib/import/types';
import { AWARD_LEVEL_LABELS, type AwardKind, type AwardLevel, type RecipientType } from '@/lib/domain';
import { foldKey } from '@/lib/text';
import { formatDate } from '@/lib/format';
import { AWARD_LEVELS_TEXT, matchAward, parseAwardLevel, type AwardForm } from '@/lib/awards/catalogue';
import { validOn } from '@/lib/awards/forms';
import { suggestionText } from '@/lib/units/resolve';
import { cellText, rawForMessage } from '@/etl/normalise/cells';
import { parseDateCell } from '@/etl/normalise/dates';
import { rowKey } from '@/etl/normalise/row-key';
import { sectionRecipientType } from '@/etl/detect/rows';
import { periodFromText } from '@/etl/headers/title';
import { appendColumns, countBatchRows, ensureMovements } from '@/etl/load/chunks';
import type { DatasetContext, DatasetProcessor, LoadOutcome } from './types';
import { annualTitleDecidedNextYear, readYearColumn } from './year-column';
import { splitDecision, type DecisionRead } from './award-decision';
import { RecipientReader, recipientTypeOf, rowList, UnitTie } from './award-recipient';

export { recipientTypeOf };

/** The award of a row as the catalogue knows it (`ok` false: its error was logged). */
interface AwardRead {
  ok: boolean;
  form: AwardForm | null;
  name: string;
  kind: AwardKind;
  level: AwardLevel | null;
}

/** A row whose every check passed, before its unit is tied and its key checked. */
interface CheckedAward {
  recipient: string;
  type: RecipientType;
  unitText: string;
  award: AwardRead;
  awardText: string;
  level: AwardLevel | null;
  decision: DecisionRead;
  year: number;
}

/**
 * Awards (khen thưởng): recipient, unit, award (mapped to the catalogue), level, decision
 * number/date (or one "Số, ngày quyết định" column), year, recipient type (column, section row
 * "I. TẬP THỂ", or inferred). Units outside the dimension are kept raw with a warning.
 * row_key = recipient | award | decision_no | year (folded).
 */
export class AwardsProcessor implements DatasetProcessor {
  readonly dataset = 'awards' as const;
  private col: (f: string) => number;
  private section: RecipientType | null = null;
  private titleYear: number | null;

  private recipient: string[] = [];
  private rtype: RecipientType[] = [];
  private unitId: (number | null)[] = [];
  private unitRaw: (string | null)[] = [];
  private awardName: string[] = [];
  private awardRaw: string[] = [];
  private kind: AwardKind[] = [];
  private level: (AwardLevel | null)[] = [];
  private decisionNo: (string | null)[] = [];
  private decisionDate: (string | null)[] = [];
  private year: number[] = [];
  private movement: (string | null)[] = [];
  private sourceRow: number[] = [];
  private keys: string[] = [];
  private seen = new Map<string, number>();
  /** Rows counted for the year before their decision date (annualTitleDecidedNextYear), by year. */
  private previousYearRows = new Map<number, number[]>();
  private recipients: RecipientReader;
  private unitTie: UnitTie;

  constructor(private ctx: DatasetContext) {
    this.col = (f) => ctx.table.fieldColumns.get(f) ?? -1;
    let y: number | null = null;
    for (const line of ctx.titleLines) {
      const p = periodFromText(line);
      if (p) {
        y = p.year;
        break;
      }
    }
    this.titleYear = y ?? ctx.period?.year ?? null;
    const rc = ctx.table.fieldColumns.get('recipient');
    this.recipients = new RecipientReader(ctx.units, rc === undefined ? '' : ctx.table.columns[rc].text);
    this.unitTie = new UnitTie(ctx.units, (t) => this.resolveUnit(t));
    if (ctx.period) this.titleYear = ctx.period.year;
  }

  get rowCount(): number {
    return this.keys.length;
  }

  private text(row: RawRow, field: string): string {
    const i = this.col(field);
    return i >= 0 ? cellText(row.cells[i] ?? null) : '';
  }

  onSection(row: RawRow, texts: string[]): boolean {
    // A name and a different award («Nguyễn Văn An | Tập thể lao động xuất sắc») is a data row,
    // not a heading «TẬP THỂ» (a merged heading repeats one text across the columns).
    const name = this.text(row, 'recipient');
    const award = this.text(row, 'award') || this.text(row, 'award_title');
    if (name && award && name !== award) return false;
    for (const t of texts) {
      const type = sectionRecipientType(t);
      if (type) {
        this.section = type;
        return true;
      }
    }
    // A group heading without a type ("I. Khen thưởng thường xuyên"): not data.
    return !this.text(row, 'award');
  }

  onRow(row: RawRow): void {
    const { issues } = this.ctx;
    const n = row.rowNumber;
    const recipient = this.text(row, 'recipient');
    // The CANHAN/TAPTHE templates have a second award column for the title («Mã danh hiệu thi đua»).
    const formText = this.text(row, 'award');
    const titleText = this.text(row, 'award_title');
    const awardText = formText || titleText;
    const unitText = this.text(row, 'unit');
    if (!recipient && !awardText && !unitText) return;
    let ok = true;
    if (formText && titleText) {
      ok = false;
      issues.error(n, this.ctx.columnName('award_title'), `dòng ghi cả hình thức khen thưởng «${formText}» và danh hiệu thi đua «${titleText}». Mỗi dòng ghi một khen thưởng: hãy tách danh hiệu sang một dòng riêng.`, 'award_two');
    }
    if (!recipient) {
      ok = false;
      issues.error(n, this.ctx.columnName('recipient'), 'thiếu tên người hoặc tập thể được khen. Hãy ghi họ và tên (cá nhân) hoặc tên tập thể.', 'recipient_missing');
    }
    const award = this.readAward(n, awardText);
    const level = this.readLevel(row, award);
    const decision = this.readDecision(row);
    if (!award.ok || !decision.ok) ok = false;
    const yearCell = readYearColumn(this.ctx, row, this.col('year'));
    if (!yearCell.ok) ok = false;
    const year = yearCell.year ?? this.yearWithoutColumn(n, award, decision.date);
    if (year === null && ok) {
      ok = false;
      issues.error(n, this.ctx.columnName('year'), 'không xác định được năm khen thưởng. Hãy thêm cột «Năm», ghi ngày quyết định, ghi «NĂM 2022» trong tiêu đề, hoặc dùng --period 2022.', 'year_missing');
    }
    const who = this.readRecipientType(row, recipient, award.form, ok);
    if (!who.ok) ok = false;
    if (!this.decidedWhileValid(n, award.form, decision.date)) ok = false;
    if (!ok || year === null || !who.type) return;
    this.keep(row, { recipient, type: who.type, unitText, award, awardText, level, decision, year });
  }

  /** The award matched to the catalogue (its name, kind and level), or its error. */
  private readAward(n: number, awardText: string): AwardRead {
    const { issues } = this.ctx;
    const none = { ok: false, form: null, name: '', kind: 'title', level: null } as const;
    if (!awardText) {
      issues.error(n, this.ctx.columnName('award'), 'thiếu danh hiệu hoặc hình thức khen thưởng. Hãy ghi, ví dụ: Lao động tiên tiến, Bằng khen của Chủ tịch UBND tỉnh.', 'award_missing');
      return none;
    }
    const m = matchAward(awardText);
    if (!m.ok) {
      const hint = m.suggestions.length ? ` Có phải là ${suggestionText(m.suggestions)}?` : '';
      const msg = m.message ?? `không nhận ra danh hiệu/hình thức khen thưởng «${awardText}».${hint} Hãy ghi đúng tên theo danh mục hình thức khen thưởng.`;
      issues.error(n, this.ctx.columnName('award'), msg, 'award_unknown');
      return none;
    }
    if (m.assumed) issues.warning(n, this.ctx.columnName('award'), `«${awardText}»: ${m.assumed}`, 'award_assumed');
    return { ok: true, form: m.form, name: m.form.name, kind: m.form.kind, level: m.form.level };
  }

  /** The award's level: the catalogue's; a «Cấp khen» column only when the award is not in it. */
  private readLevel(row: RawRow, award: AwardRead): AwardLevel | null {
    const levelText = this.text(row, 'level');
    if (!levelText) return award.level;
    const n = row.rowNumber;
    const form = award.form;
    // The catalogue's level is the deciding authority's (Law 06/2022/QH15, Điều 80); a «Cấp khen»
    // that disagrees is reported, not stored.
    const l = parseAwardLevel(levelText);
    if (l && form && l !== form.level) {
      this.ctx.issues.warning(n, this.ctx.columnName('level'), `cấp khen «${levelText}» khác với cấp quyết định «${form.name}» theo danh mục (${AWARD_LEVEL_LABELS[form.level]}: ${form.authority}); đã ghi theo danh mục.`, 'level_differs');
      return award.level;
    }
    if (l) return l;
    this.ctx.issues.warning(n, this.ctx.columnName('level'), `không nhận ra cấp khen «${levelText}»; đã lấy cấp khen theo danh mục hình thức khen thưởng. Các cấp: ${AWARD_LEVELS_TEXT}.`, 'level_unknown');
    return award.level;
  }

  /** Decision number and date: their own columns, else split from one «Số, ngày quyết định» column. */
  private readDecision(row: RawRow): DecisionRead {
    const { issues } = this.ctx;
    const n = row.rowNumber;
    let ok = true;
    let no: string | null = this.text(row, 'decision_no') || null;
    let date: string | null = null;
    const di = this.col('decision_date');
    if (di >= 0) {
      const d = parseDateCell(row.cells[di] ?? null);
      if (d.ok) date = d.value;
      else if (!d.empty) {
        ok = false;
        issues.error(n, this.ctx.columnName('decision_date'), `«${rawForMessage(row.cells[di] ?? null)}» không phải ngày hợp lệ. Hãy nhập ngày dạng dd/mm/yyyy, ví dụ 20/12/2022.`, 'date_invalid');
      }
    }
    const combined = this.text(row, 'decision');
    if (combined) {
      const s = splitDecision(combined);
      if (s.dateText && !s.date) {
        ok = false;
        issues.error(n, this.ctx.columnName('decision'), `«${s.dateText}» không phải ngày hợp lệ. Hãy ghi dạng «125/QĐ-STC ngày 20/12/2022».`, 'date_invalid');
      }
      no = no ?? s.no;
      date = date ?? s.date;
    }
    if (no) no = no.replace(/^(số|so)\s*:?\s*/i, '');
    return { ok, no, date };
  }

  /**
   * The year of a row without a «Năm»: the list's (title or --period), else the decision date's —
   * the list's year first because the awards for 2023 are usually decided in January 2024.
   */
  private yearWithoutColumn(n: number, award: AwardRead, decisionDate: string | null): number | null {
    if (this.titleYear !== null) return this.titleYear;
    if (!decisionDate) return null;
    let year = Number(decisionDate.slice(0, 4));
    if (award.kind === 'title' && award.name && annualTitleDecidedNextYear(decisionDate)) {
      year -= 1;
      const rows = this.previousYearRows.get(year) ?? [];
      rows.push(n);
      this.previousYearRows.set(year, rows);
    }
    return year;
  }

  /**
   * Recipient type (stated, by the form, by the header, by the name). Its error is said only for a
   * row otherwise valid, or when the form contradicts it.
   */
  private readRecipientType(row: RawRow, recipient: string, form: AwardForm | null, okSoFar: boolean): { ok: boolean; type: RecipientType | null } {
    const n = row.rowNumber;
    const personHint = !!(this.text(row, 'honorific') || this.text(row, 'position'));
    if (!recipient) return { ok: true, type: null };
    const who = this.recipients.read(n, recipient, this.text(row, 'recipient_type'), this.section, form, personHint);
    if (who.ok) return { ok: true, type: who.type };
    if (okSoFar || who.code === 'recipient_form_mismatch') this.ctx.issues.error(n, this.ctx.columnName(who.field), who.message, who.code);
    return { ok: false, type: null };
  }

  /** A form may only be decided while it exists (the catalogue's validity dates). */
  private decidedWhileValid(n: number, form: AwardForm | null, decisionDate: string | null): boolean {
    if (!form || !decisionDate || validOn(form, decisionDate)) return true;
    this.ctx.issues.error(n, this.ctx.columnName('award'), `«${form.name}» chỉ quyết định được ${form.validFrom ? `từ ${formatDate(form.validFrom)} ` : ''}${form.validTo ? `đến ${formatDate(form.validTo)}` : ''}, nhưng quyết định ghi ngày ${formatDate(decisionDate)}. Hãy kiểm tra lại hình thức khen thưởng hoặc ngày quyết định.`, 'award_not_valid');
    return false;
  }

  /** A valid row: tied to its unit, refused when it repeats an earlier row, else kept for loading. */
  private keep(row: RawRow, r: CheckedAward): void {
    const { issues } = this.ctx;
    const n = row.rowNumber;
    const { recipient, unitText, award, decision, year } = r;
    const { unitId, unitRaw, problem } = this.unitTie.tie(n, unitText, r.type, recipient);
    if (problem) {
      // Two units fit the name: never a guess, the row is refused and names every candidate.
      issues.error(n, this.ctx.columnName(unitText ? 'unit' : 'recipient'), problem.message, problem.code);
      return;
    }
    const key = rowKey(`${foldKey(recipient)}|${foldKey(award.name)}|${foldKey(decision.no ?? '')}|${year}`);
    const prev = this.seen.get(key);
    if (prev !== undefined) {
      issues.error(n, null, `trùng với dòng ${prev} (cùng người/tập thể, danh hiệu, số quyết định và năm). Hãy xóa một trong hai dòng.`, 'duplicate_row');
      return;
    }
    this.seen.set(key, n);
    this.recipient.push(recipient);
    this.rtype.push(r.type);
    this.unitId.push(unitId);
    this.unitRaw.push(unitRaw);
    this.awardName.push(award.name);
    this.awardRaw.push(r.awardText);
    this.kind.push(award.kind);
    this.level.push(r.level);
    this.decisionNo.push(decision.no);
    this.decisionDate.push(decision.date);
    this.year.push(year);
    this.movement.push(this.text(row, 'movement') || null);
    this.sourceRow.push(n);
    this.keys.push(key);
  }

  /** "Trưởng phòng, Phòng Quản lý ngân sách": try the whole text, then its comma-separated parts. */
  private resolveUnit(text: string): number | null {
    const m = this.ctx.units.resolve(text);
    if (m.ok) return m.unitId;
    const parts = text.split(/[,;–]| - /).map((s) => s.trim()).filter(Boolean);
    for (let i = parts.length - 1; i >= 0 && parts.length > 1; i--) {
      const p = this.ctx.units.resolve(parts[i]);
      if (p.ok) return p.unitId;
    }
    return null;
  }

  async finish(): Promise<void> {
    this.seen.clear();
    // How recipient types were read, and rows without a unit: said in the preview and kept with the batch.
    for (const note of this.recipients.notes()) this.ctx.issues.warning(null, this.ctx.columnName('recipient'), note, 'recipient_read');
    for (const [year, rows] of this.previousYearRows) {
      this.ctx.issues.warning(
        null,
        this.ctx.columnName(this.col('decision_date') >= 0 ? 'decision_date' : 'decision'),
        `Đã tính ${rows.length.toLocaleString('vi-VN')} dòng (${rowList(rows)}) cho năm ${year}: tệp không ghi năm, các danh hiệu thi đua này quyết định trong tháng 1–3/${year + 1}, mà danh hiệu thi đua được bình xét khi tổng kết năm và quyết định đầu năm sau. Nếu đây là danh hiệu của năm ${year + 1}, hãy thêm cột «Năm» hoặc ghi «NĂM ${year + 1}» ở tiêu đề.`,
        'award_year_previous',
      );
    }
    for (const w of this.unitTie.notes()) {
      const hint = w.name ? this.closest(w.name) : '';
      const col = w.asRecipient ? this.ctx.columnName('recipient') : w.name ? this.ctx.columnName('unit') : null;
      this.ctx.issues.warning(w.row || null, col, w.message + hint, w.code);
    }
  }

  private closest(name: string): string {
    const m = this.ctx.units.resolve(name);
    const hint = !m.ok && m.suggestions.length ? ` Tên gần nhất: ${suggestionText(m.suggestions)}.` : '';
    return `${hint} Có thể thêm tên gọi khác cho đơn vị để lần sau nhận ra.`;
  }

  preview(n: number): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < Math.min(n, this.keys.length); i++) {
      out.push({
        row: this.sourceRow[i],
        recipient_name: this.recipient[i],
        recipient_type: this.rtype[i],
        unit_name: this.unitId[i] !== null ? this.ctx.units.nameOf(this.unitId[i]!) : this.unitRaw[i],
        award_name: this.awardName[i],
        award_kind: this.kind[i],
        award_level: this.level[i],
        decision_no: this.decisionNo[i],
        decision_date: this.decisionDate[i],
        award_year: this.year[i],
      });
    }
    return out;
  }

  async load(conn: DuckDBConnection, batchId: number): Promise<LoadOutcome> {
    const stage = 'stage_awards';
    await conn.run(`DROP TABLE IF EXISTS temp.${stage}`);
    await conn.run(
      `CREATE TEMP TABLE ${stage} (recipient_name VARCHAR, recipient_type VARCHAR, unit_id INTEGER, unit_raw VARCHAR, award_name VARCHAR,
        award_name_raw VARCHAR, award_kind VARCHAR, award_level VARCHAR, decision_no VARCHAR, decision_date VARCHAR, award_year INTEGER,
        movement VARCHAR, source_row INTEGER, row_key VARCHAR)`,
    );
    const n = this.keys.length;
    await appendColumns(
      conn,
      stage,
      [VARCHAR, VARCHAR, INTEGER, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, VARCHAR, INTEGER, VARCHAR],
      [this.recipient, this.rtype, this.unitId, this.unitRaw, this.awardName, this.awardRaw, this.kind, this.level, this.decisionNo, this.decisionDate, this.year, this.movement, this.sourceRow, this.keys],
      n,
    );
    await ensureMovements(conn, stage);
    await conn.run(
      `INSERT INTO awards (recipient_name, recipient_type, unit_id, unit_raw, award_name, award_name_raw, award_kind, award_level,
         decision_no, decision_date, award_year, movement_id, batch_id, source_row, row_key)
       SELECT s.recipient_name, s.recipient_type, s.unit_id, s.unit_raw, s.award_name, s.award_name_raw, s.award_kind, s.award_level,
              s.decision_no, CAST(s.decision_date AS DATE), s.award_year, m.movement_id, $batch, s.source_row, s.row_key
       FROM ${stage} s LEFT JOIN movements m ON m.name = s.movement
       WHERE NOT EXISTS (
         SELECT 1 FROM awards a JOIN import_batches b ON b.batch_id = a.batch_id AND b.status = 'loaded'
         WHERE a.row_key = s.row_key)
       ORDER BY s.source_row`,
      { batch: batchId },
    );
    await conn.run(`DROP TABLE temp.${stage}`);
    const loaded = await countBatchRows(conn, 'awards', batchId);
    return { loaded, skipped: n - loaded };
  }
}
