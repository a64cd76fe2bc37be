import ExcelJS from 'exceljs';
import { CHANNEL_LABELS, DATASET_LABELS, RECIPIENT_TYPE_LABELS, UNIT_KIND_LABELS, type Dataset } from '@/lib/domain';
import { formatNumber } from '@/lib/format';
import { importLimits } from '@/lib/env';

/**
 * Blank XLSX templates the Office hands to divisions: one data sheet with the headers the
 * import recognises (exact synonyms of etl/headers/synonyms.ts), drop-down lists where the values
 * are fixed, and an instruction sheet in Vietnamese.
 */
export interface TemplateColumn {
  header: string;
  /** Field the pipeline maps this header to (checked by a test). */
  field: string;
  required: boolean;
  help: string;
  example: string | number;
  width: number;
  list?: string[];
}

const STT: TemplateColumn = { header: 'STT', field: 'stt', required: false, help: 'Số thứ tự (không bắt buộc).', example: 1, width: 6 };

export const TEMPLATE_COLUMNS: Record<Dataset, TemplateColumn[]> = {
  units: [
    STT,
    { header: 'Tên đơn vị', field: 'name', required: true, help: 'Tên đầy đủ, đúng như trong quyết định thành lập.', example: 'Phòng Quản lý ngân sách', width: 40 },
    { header: 'Tên viết tắt', field: 'abbreviation', required: false, help: 'Tên viết tắt hay dùng trong các bảng.', example: 'QLNS', width: 14 },
    { header: 'Loại đơn vị', field: 'kind', required: true, help: 'Chọn trong danh sách.', example: UNIT_KIND_LABELS.division, width: 30, list: Object.values(UNIT_KIND_LABELS) },
    { header: 'Khối thi đua', field: 'bloc', required: false, help: 'Tên khối thi đua mà đơn vị là thành viên trong năm.', example: 'Khối các phòng thuộc Sở', width: 34 },
    { header: 'Năm', field: 'year', required: false, help: 'Năm thi đua của dòng thành viên khối (4 chữ số).', example: 2025, width: 8 },
    { header: 'Tên gọi khác', field: 'aliases', required: false, help: 'Các cách viết khác của tên đơn vị, cách nhau bởi dấu chấm phẩy (;).', example: 'P. QLNS; Phòng Ngân sách', width: 34 },
    { header: 'Đơn vị kế thừa', field: 'successor', required: false, help: 'Khi đơn vị đã sáp nhập hoặc đổi tên: tên đơn vị kế thừa.', example: '', width: 30 },
    { header: 'Biên chế', field: 'headcount', required: false, help: 'Số cán bộ, công chức, viên chức (số nguyên).', example: 12, width: 10 },
  ],
  activities: [
    STT,
    { header: 'Ngày', field: 'date', required: true, help: 'Ngày thực hiện, dạng dd/mm/yyyy (ví dụ 20/12/2025) hoặc ô kiểu ngày.', example: '15/03/2025', width: 12 },
    { header: 'Đơn vị', field: 'unit', required: true, help: 'Tên đơn vị thực hiện, đúng như danh mục đơn vị (hoặc tên viết tắt đã khai báo).', example: 'Phòng Quản lý ngân sách', width: 32 },
    { header: 'Hình thức', field: 'channel', required: true, help: 'Chọn trong danh sách.', example: CHANNEL_LABELS.portal, width: 32, list: Object.values(CHANNEL_LABELS) },
    { header: 'Nội dung', field: 'title', required: true, help: 'Tên hoặc nội dung hoạt động.', example: 'Tuyên truyền phong trào thi đua yêu nước năm 2025', width: 50 },
    { header: 'Số người tham gia', field: 'participants', required: true, help: 'Số người hoặc số lượt tham gia, số nguyên không âm (0 nếu không có).', example: 45, width: 12 },
    { header: 'Phong trào', field: 'movement', required: false, help: 'Phong trào thi đua mà hoạt động thuộc về.', example: 'Thi đua thực hiện thắng lợi nhiệm vụ tài chính', width: 32 },
    { header: 'Điển hình tiên tiến', field: 'exemplar', required: false, help: 'Tên điển hình tiên tiến được tuyên truyền, nếu có.', example: '', width: 28 },
  ],
  awards: [
    STT,
    { header: 'Họ và tên', field: 'recipient', required: true, help: 'Họ tên cá nhân hoặc tên tập thể được khen.', example: 'Nguyễn Văn An', width: 30 },
    { header: 'Đơn vị', field: 'unit', required: false, help: 'Đơn vị công tác (đúng như danh mục đơn vị).', example: 'Phòng Quản lý ngân sách', width: 30 },
    { header: 'Danh hiệu, hình thức khen thưởng', field: 'award', required: true, help: 'Tên danh hiệu hoặc hình thức khen thưởng theo Luật Thi đua, khen thưởng (ví dụ Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Giấy khen, Bằng khen của Chủ tịch UBND tỉnh).', example: 'Lao động tiên tiến', width: 36 },
    { header: 'Loại', field: 'recipient_type', required: true, help: 'Cá nhân, Tập thể hoặc Hộ gia đình.', example: RECIPIENT_TYPE_LABELS.individual, width: 14, list: Object.values(RECIPIENT_TYPE_LABELS) },
    { header: 'Số quyết định', field: 'decision_no', required: false, help: 'Số quyết định khen thưởng.', example: '125/QĐ-STC', width: 16 },
    { header: 'Ngày quyết định', field: 'decision_date', required: false, help: 'Ngày ký quyết định, dạng dd/mm/yyyy.', example: '20/12/2025', width: 14 },
    { header: 'Năm', field: 'year', required: false, help: 'Năm thi đua được khen (nếu trống: lấy năm của ngày quyết định).', example: 2025, width: 8 },
    { header: 'Phong trào', field: 'movement', required: false, help: 'Phong trào thi đua, nếu khen theo phong trào.', example: '', width: 28 },
  ],
  scores: [
    { header: 'Khối thi đua', field: 'bloc', required: true, help: 'Tên khối thi đua, đúng như danh mục khối.', example: 'Khối các phòng thuộc Sở', width: 30 },
    { header: 'Kỳ', field: 'period', required: true, help: 'Kỳ chấm điểm: năm (2025) hoặc 6 tháng đầu năm (2025-H1).', example: '2025-H1', width: 10 },
    { header: 'Đơn vị', field: 'unit', required: true, help: 'Đơn vị được chấm (đúng như danh mục đơn vị).', example: 'Phòng Quản lý ngân sách', width: 30 },
    { header: 'STT', field: 'code', required: false, help: 'Mã tiêu chí như trong bảng tiêu chí (1, 1.1, 2…).', example: '1.1', width: 8 },
    { header: 'Tiêu chí', field: 'criterion', required: true, help: 'Nội dung tiêu chí. Dòng «Điểm thưởng» và «Điểm trừ» ghi điểm thưởng, điểm trừ (số dương).', example: 'Hoàn thành nhiệm vụ chuyên môn', width: 44 },
    { header: 'Điểm chuẩn', field: 'max_points', required: true, help: 'Điểm tối đa của tiêu chí.', example: 20, width: 10 },
    { header: 'Tự chấm', field: 'self_points', required: false, help: 'Điểm đơn vị tự chấm (không vượt điểm chuẩn).', example: 19.5, width: 10 },
    { header: 'Khối chấm', field: 'assessed_points', required: true, help: 'Điểm khối thẩm định (không vượt điểm chuẩn).', example: 19, width: 10 },
  ],
};

const FILE_NAMES: Record<Dataset, string> = {
  units: 'mau-don-vi.xlsx',
  activities: 'mau-hoat-dong-tuyen-truyen.xlsx',
  awards: 'mau-khen-thuong.xlsx',
  scores: 'mau-cham-diem-khoi.xlsx',
};

export function templateFileName(dataset: Dataset): string {
  return FILE_NAMES[dataset];
}

export async function buildTemplate(dataset: Dataset): Promise<Buffer> {
  const columns = TEMPLATE_COLUMNS[dataset];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Thi đua analytics';
  const data = wb.addWorksheet('Dữ liệu', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = columns.map((c) => ({ header: c.header, key: c.field, width: c.width }));
  const head = data.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  // Fixed values live on a «Danh mục» sheet: inline lists cannot hold commas and stop at 255 characters.
  const lists = wb.addWorksheet('Danh mục');
  let listColumn = 0;
  columns.forEach((c, i) => {
    head.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFDBEAFE' : 'FFF3F4F6' } };
    if (!c.list) return;
    listColumn++;
    const listLetter = lists.getColumn(listColumn).letter;
    lists.getColumn(listColumn).width = 40;
    lists.getCell(`${listLetter}1`).value = c.header;
    lists.getCell(`${listLetter}1`).font = { bold: true };
    c.list.forEach((v, k) => (lists.getCell(`${listLetter}${k + 2}`).value = v));
    const letter = data.getColumn(i + 1).letter;
    // Drop-down on the first 2,000 data rows.
    (data as unknown as { dataValidations: { add(ref: string, v: object): void } }).dataValidations.add(`${letter}2:${letter}2001`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'Danh mục'!$${listLetter}$2:$${listLetter}$${c.list.length + 1}`],
      showErrorMessage: false,
    });
  });
  if (listColumn === 0) wb.removeWorksheet(lists.id);

  const help = wb.addWorksheet('Hướng dẫn');
  help.columns = [
    { header: 'Cột', key: 'header', width: 32 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Cách ghi', key: 'help', width: 80 },
    { header: 'Ví dụ', key: 'example', width: 36 },
  ];
  help.spliceRows(1, 0, [`MẪU NHẬP: ${DATASET_LABELS[dataset].toUpperCase()}`], []);
  help.getRow(1).font = { bold: true, size: 14 };
  help.getRow(3).font = { bold: true };
  for (const c of columns) {
    help.addRow({ header: c.header, required: c.required ? 'Có' : '', help: c.list ? `${c.help} Giá trị: ${c.list.join('; ')}.` : c.help, example: c.example });
  }
  const maxMb = formatNumber(importLimits().maxFileBytes / 1024 / 1024);
  const notes = [
    'Lưu ý chung:',
    '• Ghi dữ liệu vào trang «Dữ liệu», mỗi dòng một bản ghi, bắt đầu từ dòng 2. Không đổi tên các cột ở dòng 1.',
    '• Có thể thêm dòng tiêu đề phía trên và phần ký tên phía dưới bảng; hệ thống tự bỏ qua.',
    '• Ngày ghi dạng dd/mm/yyyy; số thập phân dùng dấu phẩy (18,5) hoặc dấu chấm (18.5).',
    '• Tên đơn vị phải có trong danh mục đơn vị; tên chưa biết sẽ được báo lỗi kèm gợi ý tên gần đúng.',
    `• Lưu tệp dạng .xlsx (Excel) hoặc .csv, tối đa ${maxMb} MB mỗi tệp, rồi tải lên tại trang «Tải dữ liệu lên».`,
    '• Không có gì được ghi vào hệ thống cho đến khi bạn xem trước và bấm «Xác nhận nạp».',
  ];
  help.addRow([]);
  for (const n of notes) help.addRow([n]);
  help.getRow(help.rowCount - notes.length + 1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
