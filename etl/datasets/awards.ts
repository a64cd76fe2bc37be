import { INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { RawRow } from '@/etl/types';
import type { AwardKind, AwardLevel, RecipientType } from '@/lib/domain';
import { fold, foldKey } from '@/lib/text';
import { matchAward, parseAwardLevel } from '@/lib/awards/catalogue';
import { suggestionText } from '@/lib/units/resolve';
import { unitProblem } from '@/lib/units/messages';
import { cellText, rawForMessage } from '@/etl/normalise/cells';
import { parseDateCell, parseDateText } from '@/etl/normalise/dates';
import { rowKey } from '@/etl/normalise/row-key';
import { sectionRecipientType } from '@/etl/detect/rows';
import { periodFromText } from '@/etl/headers/title';
import { appendColumns, countBatchRows, ensureMovements } from '@/etl/load/chunks';
import type { DatasetContext, DatasetProcessor, LoadOutcome } from './types';
import { readYearColumn } from './year-column';

/**
 * Awards (khen thưởng): recipient, unit, award (mapped to the catalogue), level, decision
 * number/date (or one "Số, ngày quyết định" column), year, recipient type (column, section row
 * "I. TẬP THỂ", or inferred). Units outside the dimension are kept raw with a warning.
 * row_key = recipient | award | decision_no | year (folded).
 */
export function recipientTypeOf(text: string): RecipientType | null {
  const f = fold(text);
  if (!f) return null;
  if (/ho gia dinh|hogiadinh|household|^ho$/.test(f)) return 'household';
  if (/tap the|tapthe|collective|don vi/.test(f)) return 'collective';
  if (/ca nhan|canhan|individual/.test(f)) return 'individual';
  return null;
}

const DATE_IN_TEXT = /(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})/;

/** "125/QĐ-STC ngày 20/12/2022" → number and date. */
export function splitDecision(text: string): { no: string | null; date: string | null; dateText: string | null } {
  const t = text.trim();
  if (!t) return { no: null, date: null, dateText: null };
  const m = DATE_IN_TEXT.exec(t);
  let no = t;
  let dateText: string | null = null;
  if (m) {
    dateText = m[0];
    no = t.slice(0, m.index).replace(/[,;\s]*(ng[aà]y|ngày)?\s*$/i, '').trim();
  }
  no = no.replace(/^(quyết định|qđ|số)\s*(số)?\s*:?\s*/i, '').replace(/[,;]\s*$/, '').trim();
  const d = dateText ? parseDateText(dateText.replace(/\s/g, '')) : null;
  return { no: no || null, date: d && d.ok ? d.value : null, dateText };
}

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
    const { issues, units } = this.ctx;
    const n = row.rowNumber;
    const recipient = this.text(row, 'recipient');
    const awardText = this.text(row, 'award');
    const unitText = this.text(row, 'unit');
    if (!recipient && !awardText && !unitText) return;
    let ok = true;
    if (!recipient) {
      ok = false;
      issues.error(n, this.ctx.columnName('recipient'), 'thiếu tên người hoặc tập thể được khen. Hãy ghi họ và tên (cá nhân) hoặc tên tập thể.', 'recipient_missing');
    }
    // Award.
    let awardName = '';
    let kind: AwardKind = 'title';
    let level: AwardLevel | null = null;
    if (!awardText) {
      ok = false;
      issues.error(n, this.ctx.columnName('award'), 'thiếu danh hiệu hoặc hình thức khen thưởng. Hãy ghi, ví dụ: Lao động tiên tiến, Bằng khen của Chủ tịch UBND tỉnh.', 'award_missing');
    } else {
      const m = matchAward(awardText);
      if (!m.ok) {
        ok = false;
        const hint = m.suggestions.length ? ` Có phải là ${suggestionText(m.suggestions)}?` : '';
        issues.error(n, this.ctx.columnName('award'), `không nhận ra danh hiệu/hình thức khen thưởng «${awardText}».${hint} Hãy ghi đúng tên theo danh mục hình thức khen thưởng.`, 'award_unknown');
      } else {
        awardName = m.form.name;
        kind = m.form.kind;
        level = m.form.level;
        if (m.assumed) issues.warning(n, this.ctx.columnName('award'), `«${awardText}»: ${m.assumed}`, 'award_assumed');
      }
    }
    const levelText = this.text(row, 'level');
    if (levelText) {
      const l = parseAwardLevel(levelText);
      if (l) level = l;
      else issues.warning(n, this.ctx.columnName('level'), `không nhận ra cấp khen «${levelText}»; đã suy ra cấp khen từ tên danh hiệu. Các cấp: Nhà nước, Chính phủ, Tỉnh/Bộ, Sở/Huyện, Cơ sở.`, 'level_unknown');
    }
    // Decision.
    let decisionNo: string | null = this.text(row, 'decision_no') || null;
    let decisionDate: string | null = null;
    const di = this.col('decision_date');
    if (di >= 0) {
      const d = parseDateCell(row.cells[di] ?? null);
      if (d.ok) decisionDate = d.value;
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
      decisionNo = decisionNo ?? s.no;
      decisionDate = decisionDate ?? s.date;
    }
    if (decisionNo) decisionNo = decisionNo.replace(/^(số|so)\s*:?\s*/i, '');
    // Year: the «Năm» column, else the list's (title or --period), else the decision date's —
    // the list's year first because the awards for 2023 are usually decided in January 2024.
    const yearCell = readYearColumn(this.ctx, row, this.col('year'));
    if (!yearCell.ok) ok = false;
    let year = yearCell.year;
    if (year === null) year = this.titleYear;
    if (year === null && decisionDate) year = Number(decisionDate.slice(0, 4));
    if (year === null && ok) {
      ok = false;
      issues.error(n, this.ctx.columnName('year'), 'không xác định được năm khen thưởng. Hãy thêm cột «Năm», ghi ngày quyết định, ghi «NĂM 2022» trong tiêu đề, hoặc dùng --period 2022.', 'year_missing');
    }
    // Unit: resolved when known; otherwise kept raw with a warning.
    let unitId: number | null = null;
    let unitRaw: string | null = unitText || null;
    if (unitText) {
      unitId = this.resolveUnit(unitText);
      if (unitId === null) {
        // Unknown: kept raw, one counted warning per row. Ambiguous: never a guess, the row is refused.
        const m = units.resolve(unitText);
        if (!m.ok) {
          const p = unitProblem(unitText, m, { kept: m.candidates.length <= 1 });
          if (p.code === 'unit_ambiguous') {
            ok = false;
            issues.error(n, this.ctx.columnName('unit'), p.message, p.code);
          } else issues.warning(n, this.ctx.columnName('unit'), p.message, p.code);
        }
      }
    }
    // Recipient type: column, section row, inferred.
    let type: RecipientType | null = null;
    const typeText = this.text(row, 'recipient_type');
    if (typeText) type = recipientTypeOf(typeText);
    if (!type) type = this.section;
    if (!type && recipient) {
      const asUnit = units.resolve(recipient);
      if (asUnit.ok) {
        type = 'collective';
        if (unitId === null) {
          unitId = asUnit.unitId;
          unitRaw = unitRaw ?? recipient;
        }
      } else if (/^(ong|ba|anh|chi|dong chi|d\/c)\b/.test(fold(recipient)) || this.text(row, 'honorific') || this.text(row, 'position')) type = 'individual';
      else if (/^(gia dinh|ho)\b/.test(fold(recipient))) type = 'household';
      else if (/^(phong|van phong|thanh tra|so|ban|trung tam|tap the|to|doi|chi cuc|ubnd)\b/.test(fold(recipient))) type = 'collective';
    }
    if (type === 'collective' && unitId === null && !unitText && recipient) {
      // A collective is usually a unit itself ("Tập thể Phòng …" names the unit after its lead).
      const named = recipient.replace(/^tập thể\s+/iu, '');
      const asUnit = units.resolve(named);
      if (asUnit.ok) {
        unitId = asUnit.unitId;
        unitRaw = recipient;
      } else {
        // Kept under the name as written, so the Office can map it later (/tai-len/don-vi) and the rows follow.
        unitRaw = named;
        const p = unitProblem(named, asUnit, { kept: true });
        issues.warning(n, this.ctx.columnName('recipient'), p.message, p.code);
      }
    }
    if (!type && ok) {
      ok = false;
      issues.error(n, this.ctx.columnName('recipient_type'), `không xác định được «${recipient}» là cá nhân, tập thể hay hộ gia đình. Hãy thêm cột «Loại» (Cá nhân/Tập thể/Hộ gia đình) hoặc dòng mục «I. TẬP THỂ», «II. CÁ NHÂN» phía trên.`, 'recipient_type_missing');
    }
    if (!ok || year === null || !type) return;
    const key = rowKey(`${foldKey(recipient)}|${foldKey(awardName)}|${foldKey(decisionNo ?? '')}|${year}`);
    const prev = this.seen.get(key);
    if (prev !== undefined) {
      issues.error(n, null, `trùng với dòng ${prev} (cùng người/tập thể, danh hiệu, số quyết định và năm). Hãy xoá một trong hai dòng.`, 'duplicate_row');
      return;
    }
    this.seen.set(key, n);
    this.recipient.push(recipient);
    this.rtype.push(type);
    this.unitId.push(unitId);
    this.unitRaw.push(unitRaw);
    this.awardName.push(awardName);
    this.awardRaw.push(awardText);
    this.kind.push(kind);
    this.level.push(level);
    this.decisionNo.push(decisionNo);
    this.decisionDate.push(decisionDate);
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
