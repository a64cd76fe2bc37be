import { RECIPIENT_TYPE_LABELS, type RecipientType } from '@/lib/domain';
import { fold, foldKey } from '@/lib/text';
import { RECIPIENT_HEADERS } from '@/lib/datasets';
import { admitsRecipient, onlyRecipientOf, type AwardForm } from '@/lib/awards/forms';
import type { UnitResolver } from '@/lib/units/resolve';
import { unitProblem } from '@/lib/units/messages';

/**
 * Who an award row is for (cá nhân, tập thể, hộ gia đình), and how that was read:
 * - stated: the «Loại»/«Đối tượng» column, or a section row «I. TẬP THỂ»;
 * - else the award form, when the catalogue gives it only to individuals or only to collectives
 *   (Law 06/2022/QH15: e.g. «Lao động tiên tiến» is a title for individuals, «Tập thể lao động
 *   xuất sắc» for collectives; Điều 80 names who decides each);
 * - else the recipient column's header («Họ và tên» lists people, «Tên tập thể» collectives);
 * - else the name itself (a known unit is a collective, «Ông/Bà …» a person).
 * A stated or header type the form does not admit is a contradiction (an error naming row and
 * form); two readings that disagree are refused with a question, never guessed.
 */
type RecipientSource = 'column' | 'section' | 'form' | 'header' | 'name';

type RecipientVerdict =
  | { ok: true; type: RecipientType; source: RecipientSource }
  | { ok: false; field: 'recipient_type' | 'award'; code: 'recipient_form_mismatch' | 'recipient_type_ambiguous' | 'recipient_type_missing'; message: string };

/** Type announced by a «Loại»/«Đối tượng» cell (Cá nhân, TAPTHE, Hộ gia đình…). */
export function recipientTypeOf(text: string): RecipientType | null {
  const f = fold(text);
  if (!f) return null;
  if (/ho gia dinh|hogiadinh|household|^ho$/.test(f)) return 'household';
  if (/tap the|tapthe|collective|don vi/.test(f)) return 'collective';
  if (/ca nhan|canhan|individual/.test(f)) return 'individual';
  return null;
}

const HEADER_KEYS = Object.entries(RECIPIENT_HEADERS).flatMap(([type, heads]) => heads.map((h) => ({ key: foldKey(h), type: type as RecipientType })));

/** Type implied by the recipient column's header: «Họ và tên» → cá nhân, «Tên tập thể» → tập thể; mixed headers say nothing. */
export function headerRecipientType(header: string): RecipientType | null {
  const key = foldKey(header);
  if (!key) return null;
  return HEADER_KEYS.find((h) => h.key === key)?.type ?? null;
}

// Strong signs in the name itself. Surnames such as Tô, Hồ, Đoàn are not signs.
const PERSON_LEAD = /^(ong|ba|anh|chi|dong chi|d\/c|dc)\b/;
const HOUSEHOLD_LEAD = /^(gia dinh|ho gia dinh|ho (ong|ba))\b/;
const COLLECTIVE_LEAD = /^(phong|van phong|thanh tra|so|ban|trung tam|tap the|chi cuc|cuc|ubnd|uy ban|khoi|cong doan|doi|to (cong tac|chuyen mon|nghiep vu))\b/;

// Words one of which every unit name holds, or an abbreviation without spaces («QLNS», «P.TCĐT»):
// a person's name has none, so it is not looked up (the lookup ranks every unit when it fails).
const UNIT_WORD = /\b(phong|so|ban|cuc|chi cuc|van phong|thanh tra|kho bac|trung tam|uy ban|ubnd|hdnd|doi|to|khoi|cum|hoi|doan|cong ty|truong|vien|benh vien|tap the|don vi|quan ly|tai chinh|ke hoach|nha nuoc|huyen|tinh|thanh pho|thi xa|xa|phuong)\b/;
function mayNameUnit(name: string, folded: string): boolean {
  return UNIT_WORD.test(folded) || (!/\s/.test(name.trim()) && name.length <= 20);
}

const label = (t: RecipientType) => RECIPIENT_TYPE_LABELS[t].toLowerCase();

function formText(form: AwardForm): string {
  const who = form.recipients.map(label).join(', ');
  return `«${form.name}» chỉ tặng cho ${who}`;
}

export class RecipientReader {
  /** Rows read by each source and type, for the notes kept with the batch. */
  private readings = new Map<string, number[]>();

  private readonly headerType: RecipientType | null;

  constructor(
    private units: UnitResolver,
    /** Header text of the recipient column (empty when none). */
    private header: string,
  ) {
    this.headerType = headerRecipientType(header);
  }

  /** Readings the name itself supports (strong signs only; the unit catalogue when asked). */
  private nameReadings(name: string, personHint: boolean, useUnits = true): Set<RecipientType> {
    const f = fold(name);
    const out = new Set<RecipientType>();
    if (PERSON_LEAD.test(f) || personHint) out.add('individual');
    if (HOUSEHOLD_LEAD.test(f)) out.add('household');
    else if (COLLECTIVE_LEAD.test(f) || (useUnits && mayNameUnit(name, f) && this.units.resolve(name).ok)) out.add('collective');
    return out;
  }

  read(row: number, name: string, typeText: string, section: RecipientType | null, form: AwardForm | null, personHint: boolean): RecipientVerdict {
    const stated = recipientTypeOf(typeText);
    const source: RecipientSource | null = stated ? 'column' : section ? 'section' : null;
    const given = stated ?? section;
    if (given) return this.checked(row, given, source!, form, name);
    const byForm = form ? onlyRecipientOf(form) : null;
    if (byForm && this.headerType && byForm !== this.headerType) {
      return {
        ok: false,
        field: 'award',
        code: 'recipient_form_mismatch',
        message: `${formText(form!)}, nhưng cột «${this.header}» là danh sách ${label(this.headerType)}. Hãy sửa danh hiệu, hoặc thêm cột «Loại» ghi đúng đối tượng.`,
      };
    }
    if (byForm) {
      // A title for people given to a known unit (or the reverse) is a contradiction, not a reading.
      // (People's names are not looked up in the unit catalogue: a list of hundreds stays fast.)
      const other = [...this.nameReadings(name, personHint && byForm !== 'individual', byForm !== 'individual')].find((t) => t !== byForm);
      if (other) return this.mismatch(form!, name, other);
      return this.note(row, byForm, 'form');
    }
    const fromName = this.nameReadings(name, personHint);
    if (this.headerType) {
      const other = [...fromName].find((t) => t !== this.headerType);
      if (other) return this.ambiguous(name, [this.headerType, other], `cột «${this.header}» là danh sách ${label(this.headerType)} nhưng tên «${name}» là của ${label(other)}`);
      return this.checked(row, this.headerType, 'header', form, name);
    }
    if (fromName.size === 1) return this.checked(row, [...fromName][0], 'name', form, name);
    if (fromName.size > 1) return this.ambiguous(name, [...fromName], `tên «${name}» có thể là ${[...fromName].map(label).join(' hoặc ')}`);
    return {
      ok: false,
      field: 'recipient_type',
      code: 'recipient_type_missing',
      message: `không xác định được «${name}» là cá nhân, tập thể hay hộ gia đình. Hãy thêm cột «Loại» (Cá nhân/Tập thể/Hộ gia đình) hoặc dòng mục «I. TẬP THỂ», «II. CÁ NHÂN» phía trên.`,
    };
  }

  private checked(row: number, type: RecipientType, source: RecipientSource, form: AwardForm | null, name: string): RecipientVerdict {
    if (form && !admitsRecipient(form, type)) return this.mismatch(form, name, type);
    return this.note(row, type, source);
  }

  private mismatch(form: AwardForm, name: string, type: RecipientType): RecipientVerdict {
    return {
      ok: false,
      field: 'award',
      code: 'recipient_form_mismatch',
      message: `${formText(form)}, nhưng «${name}» là ${label(type)}. Hãy sửa danh hiệu/hình thức khen thưởng hoặc đối tượng được khen.`,
    };
  }

  private ambiguous(name: string, types: RecipientType[], why: string): RecipientVerdict {
    return {
      ok: false,
      field: 'recipient_type',
      code: 'recipient_type_ambiguous',
      message: `${why}. Không tự chọn: hãy ghi cột «Loại» (${types.map((t) => RECIPIENT_TYPE_LABELS[t]).join(' hoặc ')}) cho dòng này.`,
    };
  }

  private note(row: number, type: RecipientType, source: RecipientSource): RecipientVerdict {
    if (source === 'form' || source === 'header' || source === 'name') {
      const key = `${source}|${type}`;
      const rows = this.readings.get(key);
      if (rows) rows.push(row);
      else this.readings.set(key, [row]);
    }
    return { ok: true, type, source };
  }

  /** One note per way a type was inferred («đã hiểu … là …»), with its rows. */
  notes(): string[] {
    const out: string[] = [];
    for (const [key, rows] of this.readings) {
      const [source, type] = key.split('|') as [RecipientSource, RecipientType];
      const why =
        source === 'form'
          ? 'theo danh hiệu/hình thức khen thưởng (chỉ tặng cho đối tượng này)'
          : source === 'header'
            ? `theo tên cột «${this.header}»`
            : 'theo tên người/tập thể được khen';
      out.push(`Đã hiểu ${rows.length.toLocaleString('vi-VN')} dòng (${rowList(rows)}) là ${label(type)} ${why}. Nếu chưa đúng, hãy thêm cột «Loại».`);
    }
    return out;
  }
}

/** "5–9, 12, 15" (first 20 ranges). */
export function rowList(rows: number[]): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    ranges.push(i === j ? `dòng ${sorted[i]}` : `dòng ${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  const shown = ranges.slice(0, 20).join(', ');
  return ranges.length > 20 ? `${shown}, …` : shown;
}


/**
 * The unit an award row is tied to. A collective is tied to the unit it names (resolved like any
 * unit name), else to its «Đơn vị» column; a person or household to the «Đơn vị» column. Rows
 * left without a unit are counted and named in the notes, never loaded silently.
 */
export class UnitTie {
  private unknown = new Map<string, { rows: number[]; asRecipient: boolean }>();
  private noUnit: number[] = [];

  constructor(
    private units: UnitResolver,
    /** Resolves a «Đơn vị» cell (the whole text, then its comma-separated parts). */
    private resolveCell: (text: string) => number | null,
  ) {}

  tie(row: number, unitText: string, type: RecipientType, recipient: string): { unitId: number | null; unitRaw: string | null; problem?: { code: string; message: string } } {
    // A collective is usually a unit itself («Tập thể Phòng …» names the unit after its lead).
    const collective = type === 'collective' && recipient ? recipient.replace(/^tập thể\s+/iu, '') : '';
    if (collective) {
      const named = this.units.resolve(collective);
      if (named.ok) return { unitId: named.unitId, unitRaw: unitText || recipient };
      if (!unitText && named.candidates.length > 1) return { unitId: null, unitRaw: collective, problem: unitProblem(collective, named) };
    }
    if (unitText) {
      const id = this.resolveCell(unitText);
      if (id === null) {
        const m = this.units.resolve(unitText);
        if (!m.ok && m.candidates.length > 1) return { unitId: null, unitRaw: unitText, problem: unitProblem(unitText, m) };
        this.remember(unitText, row, false);
      }
      return { unitId: id, unitRaw: unitText };
    }
    if (collective) {
      // Kept under the name as written, so mapping it later (/tai-len/don-vi) attaches the rows.
      this.remember(collective, row, true);
      return { unitId: null, unitRaw: collective };
    }
    this.noUnit.push(row);
    return { unitId: null, unitRaw: null };
  }

  private remember(name: string, row: number, asRecipient: boolean): void {
    const u = this.unknown.get(name);
    if (u) u.rows.push(row);
    else this.unknown.set(name, { rows: [row], asRecipient });
  }

  /** Rows that will load with no unit of the catalogue. */
  get unlinkedRows(): number {
    let n = this.noUnit.length;
    for (const u of this.unknown.values()) n += u.rows.length;
    return n;
  }

  /** Warnings: one per unknown name (with its rows and the closest names), then the count. */
  notes(): { row: number; name: string | null; asRecipient: boolean; message: string; code: string }[] {
    const out: { row: number; name: string | null; asRecipient: boolean; message: string; code: string }[] = [];
    for (const [name, u] of this.unknown) {
      const what = u.asRecipient ? `tên đơn vị «${name}» của tập thể được khen không khớp đơn vị nào trong danh mục` : `đơn vị «${name}» không có trong danh mục`;
      out.push({ row: u.rows[0], name, asRecipient: u.asRecipient, code: 'unit_unknown', message: `${what} (${u.rows.length.toLocaleString('vi-VN')} dòng: ${rowList(u.rows)}); vẫn nhập với tên như trong tệp.` });
    }
    const total = this.unlinkedRows;
    if (total > 0) {
      const parts = [];
      if (this.noUnit.length) parts.push(`${this.noUnit.length.toLocaleString('vi-VN')} dòng không ghi đơn vị (${rowList(this.noUnit)})`);
      const unknownRows = total - this.noUnit.length;
      if (unknownRows) parts.push(`${unknownRows.toLocaleString('vi-VN')} dòng có tên đơn vị chưa nhận ra`);
      out.push({ row: 0, name: null, asRecipient: false, code: 'unit_empty', message: `${total.toLocaleString('vi-VN')} dòng sẽ nhập mà không gắn với đơn vị nào trong danh mục: ${parts.join('; ')}. Các dòng này không được tính cho đơn vị nào trên trang tổng hợp.` });
    }
    return out;
  }
}
