import { cleanText } from '@/lib/text';
import { suggestionText, type UnitMatch, type UnitReading } from './resolve';

/**
 * The one wording of a unit name that could not be resolved, used by every dataset, and the one
 * parser of it (the preview groups by the name, the units page lists names of rejected files).
 */
type UnitProblemCode = 'unit_unknown' | 'unit_ambiguous';

export function unitProblem(raw: string, m: Extract<UnitMatch, { ok: false }>, opts: { kept?: boolean } = {}): { code: UnitProblemCode; message: string } {
  if (m.candidates.length > 1) {
    const kept = opts.kept ? ' Dòng vẫn được nhập nhưng chưa gắn với đơn vị nào.' : '';
    return {
      code: 'unit_ambiguous',
      message: `tên đơn vị «${raw}» khớp với ${m.candidates.length} đơn vị: ${m.candidates.map((c) => `«${c}»`).join(', ')}.${kept} Hãy ghi đủ tên như trong danh mục, hoặc chọn đơn vị đúng cho tên này trên trang Tải lên.`,
    };
  }
  const hint = m.suggestions.length ? ` Có phải là ${suggestionText(m.suggestions)}?` : ' Hãy nhập danh mục đơn vị (tệp đơn vị) trước, hoặc kiểm tra lại tên.';
  const kept = opts.kept ? ' Dòng vẫn được nhập với tên như trong tệp, chưa gắn với đơn vị nào.' : '';
  return {
    code: 'unit_unknown',
    message: `không tìm thấy đơn vị «${raw}» trong danh mục.${hint}${kept} Hãy sửa tên, hoặc chọn đơn vị đúng cho tên này trên trang Tải lên (thành tên gọi khác của đơn vị).`,
  };
}

export function isUnitProblem(code: string | undefined): code is UnitProblemCode {
  return code === 'unit_unknown' || code === 'unit_ambiguous';
}

/** The unit name a unit problem quotes (the column name is quoted too, so the words before it count). */
export function unitNameInMessage(message: string): string | null {
  const m = /đơn vị «([^»]{1,300})»/.exec(message);
  return m ? cleanText(m[1]) : null;
}

/** The candidates or suggestions a unit problem lists after the quoted name. */
export function unitNamesSuggested(message: string): string[] {
  const name = unitNameInMessage(message);
  const rest = name ? message.slice(message.indexOf(`«${name}»`) + name.length + 2) : message;
  return [...rest.matchAll(/«([^»]{1,300})»/g)].map((x) => x[1]);
}

/** «Đã hiểu «P.TC-KH H. Châu Thành» là «Phòng Tài chính - Kế hoạch huyện Châu Thành»» and the rule. */
export function readingLine(r: UnitReading): string {
  return `Đã hiểu «${r.text}» là «${r.unitName}» (${r.rule}).`;
}
