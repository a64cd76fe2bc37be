import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openDb, query } from '@/lib/db/client';
import { importFile } from '@/etl/pipeline';

/**
 * A decision annex the sample generator never writes: letters (A/B) for the sections, a merged
 * «Quyết định» header over «Số»/«Ngày», a unit column holding "position, unit", dates in three
 * forms, names in capitals and with double spaces, a footer and a signature block. The year is
 * the list's (2023), not the decision's (January 2024).
 */
async function annex(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['UBND TỈNH TÂY NINH', '', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
  ws.addRow(['SỞ TÀI CHÍNH', '', '', 'Độc lập - Tự do - Hạnh phúc']);
  ws.addRow([]);
  ws.addRow(['DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG NĂM 2023']);
  ws.mergeCells('A4:F4');
  ws.addRow(['(Kèm theo Quyết định số 45/QĐ-STC ngày 15/01/2024)']);
  ws.addRow(['TT', 'Tên tập thể/cá nhân', 'Chức vụ,\nđơn vị công tác', 'Hình thức khen', 'Quyết định', '']);
  ws.addRow(['', '', '', '', 'Số', 'Ngày']);
  for (const r of ['A6:A7', 'B6:B7', 'C6:C7', 'D6:D7', 'E6:F6']) ws.mergeCells(r);
  ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)']);
  ws.addRow(['A', 'TẬP THỂ']);
  ws.addRow([1, 'Phòng Quản lý ngân sách', '', 'TTLĐXS', '45/QĐ-STC', '15/01/2024']);
  ws.addRow([2, 'P. TIN HỌC VÀ THỐNG KÊ', '', 'Giấy khen Giám đốc Sở', '45/QĐ-STC', new Date(Date.UTC(2024, 0, 15))]);
  ws.addRow(['B', 'CÁ NHÂN']);
  ws.addRow([1, 'Nguyễn  Thị Hồng', 'Chuyên viên, QLNS', 'LĐTT', '45/QĐ-STC', 45306]);
  ws.addRow([2, 'TRẦN VĂN BÌNH', 'Phó Trưởng phòng, Thanh tra Sở', 'CSTĐCS', '45/QĐ-STC', '2024-01-15']);
  ws.addRow(['', 'Tổng cộng: 04 (02 tập thể, 02 cá nhân)']);
  ws.addRow([]);
  ws.addRow(['Nơi nhận:', '', '', 'KT. GIÁM ĐỐC']);
  ws.addRow(['- Như trên;', '', '', 'PHÓ GIÁM ĐỐC']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('a spreadsheet shape never seen before', () => {
  it('imports a decision annex exactly', async () => {
    const db = await openDb(':memory:');
    const units = await importFile(db, { path: 'data/sample/don-vi-khoi-thi-dua.xlsx' }, { fileName: 'don-vi.xlsx', importedBy: 'test' });
    expect(units.status).toBe('loaded');
    const r = await importFile(db, { bytes: await annex() }, { fileName: 'phu-luc-qd-45.xlsx', importedBy: 'test' });
    expect(r).toMatchObject({ status: 'loaded', dataset: 'awards', rowsLoaded: 4, errors: [], warnings: [] });
    const rows = await query(
      db,
      `SELECT recipient_name, recipient_type, unit_name, award_name, award_level, decision_no,
              strftime(decision_date, '%d/%m/%Y') AS decided, award_year
       FROM v_awards WHERE batch_id = $b ORDER BY award_id`,
      { b: r.batchId },
    );
    expect(rows).toEqual([
      { recipient_name: 'Phòng Quản lý ngân sách', recipient_type: 'collective', unit_name: 'Phòng Quản lý ngân sách', award_name: 'Tập thể lao động xuất sắc', award_level: 'province', decision_no: '45/QĐ-STC', decided: '15/01/2024', award_year: 2023 },
      { recipient_name: 'P. TIN HỌC VÀ THỐNG KÊ', recipient_type: 'collective', unit_name: 'Phòng Tin học và Thống kê', award_name: 'Giấy khen của Thủ trưởng cơ quan chuyên môn và tương đương thuộc Ủy ban nhân dân cấp tỉnh', award_level: 'department', decision_no: '45/QĐ-STC', decided: '15/01/2024', award_year: 2023 },
      { recipient_name: 'Nguyễn Thị Hồng', recipient_type: 'individual', unit_name: 'Phòng Quản lý ngân sách', award_name: 'Lao động tiên tiến', award_level: 'grassroots', decision_no: '45/QĐ-STC', decided: '15/01/2024', award_year: 2023 },
      { recipient_name: 'TRẦN VĂN BÌNH', recipient_type: 'individual', unit_name: 'Thanh tra Sở', award_name: 'Chiến sĩ thi đua cơ sở', award_level: 'grassroots', decision_no: '45/QĐ-STC', decided: '15/01/2024', award_year: 2023 },
    ]);
  });
});
