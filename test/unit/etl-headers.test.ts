import { describe, expect, it } from 'vitest';
import type { Cell, RawRow } from '@/lib/import/types';
import { detectTable } from '@/etl/detect/table';
import { matchHeaderText } from '@/etl/headers/synonyms';
import { blocFromText, periodFromText } from '@/etl/headers/title';
import { isColumnNumberRow, markRow, sectionRecipientType } from '@/etl/detect/rows';

const rows = (cells: Cell[][]): RawRow[] => cells.map((c, i) => ({ rowNumber: i + 1, cells: c }));

describe('header synonyms', () => {
  it('match case-, accent-, space- and line-break-insensitively, with small typos', () => {
    expect(matchHeaderText('activities', 'NGÀY THỰC HIỆN')?.field).toBe('date');
    expect(matchHeaderText('activities', 'Đơn vị\nthực hiện')?.field).toBe('unit');
    expect(matchHeaderText('activities', 'Số người tham gia (lượt)')?.field).toBe('participants');
    expect(matchHeaderText('awards', 'Họ và tên')?.field).toBe('recipient');
    expect(matchHeaderText('awards', 'Ho ten')?.field).toBe('recipient');
    expect(matchHeaderText('awards', 'Tên tập thể/cá nhân')?.field).toBe('recipient');
    expect(matchHeaderText('awards', 'Hình thức khen thưởng')?.field).toBe('award');
    expect(matchHeaderText('awards', 'Số, ngày quyết định')?.field).toBe('decision');
    expect(matchHeaderText('awards', 'Hinh thuc khen thuongg')?.field).toBe('award');
    expect(matchHeaderText('scores', 'Điểm tối đa')?.field).toBe('max_points');
    expect(matchHeaderText('units', 'Đơn vị cấp trên')?.field).toBe('parent');
    expect(matchHeaderText('units', 'Tên đơn vị')?.field).toBe('name');
  });
});

describe('table detection', () => {
  it('skips the title block and the column-number row, and recognises the dataset', () => {
    const t = detectTable(
      rows([
        ['UBND TỈNH QUẢNG BÌNH', null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
        ['SỞ TÀI CHÍNH', null, 'Độc lập - Tự do - Hạnh phúc'],
        ['DANH SÁCH KHEN THƯỞNG NĂM 2022'],
        ['STT', 'Họ và tên', 'Chức vụ, đơn vị công tác', 'Hình thức khen thưởng', 'Số, ngày quyết định'],
        ['(1)', '(2)', '(3)', '(4)', '(5)'],
        ['I. TẬP THỂ'],
      ]),
    )!;
    expect(t.dataset).toBe('awards');
    expect(t.headerIndex).toBe(3);
    expect(t.bodyIndex).toBe(5);
    expect(t.titleLines).toContain('DANH SÁCH KHEN THƯỞNG NĂM 2022');
    expect([...t.fieldColumns.entries()]).toEqual([['stt', 0], ['recipient', 1], ['unit', 2], ['award', 3], ['decision', 4]]);
  });

  it('merges a header that spans two rows (parent over Tự chấm / Khối chấm; Số / Ngày under Quyết định)', () => {
    const wide = detectTable(
      rows([
        ['STT', 'Nội dung tiêu chí', 'Điểm chuẩn', 'Phòng Quản lý ngân sách', 'Phòng Quản lý ngân sách', 'Thanh tra Sở'],
        ['STT', 'Nội dung tiêu chí', 'Điểm chuẩn', 'Tự chấm', 'Khối chấm', 'Khối chấm'],
        ['I', 'Chuyên môn', 60, 50, 50, 40],
      ]),
    )!;
    expect(wide.dataset).toBe('scores');
    expect(wide.wide).toBe(true);
    expect(wide.headerRows).toBe(2);
    expect(wide.columns.slice(3).map((c) => [c.parent, c.field])).toEqual([
      ['Phòng Quản lý ngân sách', 'unit_self'],
      ['Phòng Quản lý ngân sách', 'unit_assessed'],
      ['Thanh tra Sở', 'unit_assessed'],
    ]);
    const awards = detectTable(
      rows([
        ['TT', 'Họ tên', 'Danh hiệu', 'Quyết định', 'Quyết định'],
        ['TT', 'Họ tên', 'Danh hiệu', 'Số', 'Ngày'],
        [1, 'Nguyễn Văn A', 'LĐTT', '12/QĐ-STC', '20/12/2022'],
      ]),
    )!;
    expect(awards.dataset).toBe('awards');
    expect(awards.headerRows).toBe(2);
    expect(awards.fieldColumns.get('decision_no')).toBe(3);
    expect(awards.fieldColumns.get('decision_date')).toBe(4);
  });

  it('finds nothing in a sheet without a recognisable header', () => {
    expect(detectTable(rows([['a', 'b'], [1, 2]]))).toBe(null);
  });
});

describe('rows around the table', () => {
  it('recognises column numbers, sections, subtotals and signatures', () => {
    expect(isColumnNumberRow(['(1)', '(2)', '(3)'])).toBe(true);
    expect(isColumnNumberRow([1, 2, 3, 4])).toBe(true);
    expect(isColumnNumberRow([5, 'Nguyễn Văn A', 3])).toBe(false);
    expect(sectionRecipientType('I. TẬP THỂ')).toBe('collective');
    expect(sectionRecipientType('II. CÁ NHÂN')).toBe('individual');
    expect(sectionRecipientType('III. HỘ GIA ĐÌNH')).toBe('household');
    expect(sectionRecipientType('Nguyễn Văn A')).toBe(null);
    expect(markRow(['Tổng cộng', '125'])).toBe('subtotal');
    expect(markRow(['Cộng'])).toBe('subtotal');
    expect(markRow(['KT. GIÁM ĐỐC'])).toBe('signature');
    expect(markRow(['Nơi nhận:'])).toBe('signature');
    expect(markRow(['Người lập biểu'])).toBe('signature');
    expect(markRow(['Quảng Bình, ngày 20 tháng 12 năm 2022'])).toBe('signature');
    expect(markRow(['Phòng Quản lý ngân sách'])).toBe(null);
  });
  it('reads period and bloc from title lines', () => {
    expect(periodFromText('BẢNG TỔNG HỢP ĐIỂM THI ĐUA KHỐI THI ĐUA CÁC PHÒNG THUỘC SỞ 6 THÁNG ĐẦU NĂM 2023')?.id).toBe('2023-H1');
    expect(periodFromText('6 tháng cuối năm 2022')?.id).toBe('2022-H2');
    expect(periodFromText('KẾT QUẢ CHẤM ĐIỂM NĂM 2022')?.id).toBe('2022');
    expect(periodFromText('Quý III năm 2022')?.id).toBe('2022-Q3');
    expect(periodFromText('DANH SÁCH')).toBe(null);
    expect(blocFromText('BẢNG TỔNG HỢP ĐIỂM THI ĐUA KHỐI THI ĐUA CÁC PHÒNG THUỘC SỞ 6 THÁNG ĐẦU NĂM 2023')).toBe('cac phong thuoc so');
  });
});
