import type { SampleFile } from './sample-file';
import { BLOCS, DEPARTMENT, YEARS } from './units';
import { ISSUER, newWorkbook, setWidths, workbookBytes, writeListHead, writeRow, writeSignature } from './xlsx-layout';

/**
 * The units file: one row per unit × bloc × year, with abbreviation, kind, other names,
 * headcount, parent and — for the merged division — its successor.
 */
export async function unitsXlsx(): Promise<SampleFile & { memberships: number }> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('Đơn vị');
  const headers = ['STT', 'Tên đơn vị', 'Tên viết tắt', 'Tên gọi khác', 'Loại đơn vị', 'Đơn vị cấp trên', 'Khối thi đua', 'Năm', 'Biên chế', 'Đơn vị kế thừa'];
  const title = ['DANH SÁCH ĐƠN VỊ VÀ KHỐI THI ĐUA', 'GIAI ĐOẠN 2021 – 2023'];
  let r = writeListHead(ws, { issuer: ISSUER, title, width: headers.length }, headers);
  let n = 0;
  // The advisory bloc first: it holds the department, parent of the divisions listed after it.
  const order = [BLOCS[1], BLOCS[0], BLOCS[2]];
  for (const bloc of order) {
    for (const year of YEARS) {
      for (const u of bloc.members(year)) {
        writeRow(ws, r++, [
          ++n,
          u.name,
          u.abbreviation,
          u.aliases.join('; '),
          u.kindLabel,
          u.kind === 'division' ? DEPARTMENT.name : '',
          bloc.name,
          year,
          u.headcount,
          u.successor ?? '',
        ]);
      }
    }
  }
  writeSignature(ws, r, headers.length, '2023-12-29', 'Nguyễn Văn Hùng', 'Trần Thị Thắm');
  setWidths(ws, [6, 44, 14, 44, 18, 16, 50, 8, 10, 28]);
  return {
    file: 'don-vi-khoi-thi-dua.xlsx',
    dataset: 'units',
    rows: n,
    memberships: n,
    bytes: await workbookBytes(wb),
    description: 'Đơn vị, tên viết tắt, tên gọi khác, loại, khối thi đua theo năm 2021–2023 (một phòng sáp nhập năm 2023)',
  };
}
