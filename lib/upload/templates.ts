import ExcelJS from 'exceljs';
import { DATASET_LABELS, DATASETS, type Dataset, PRODUCT_NAME } from '@/lib/domain';
import { DATASET_SCHEMAS, needText } from '@/lib/datasets';
import { formatNumber } from '@/lib/format';
import { importLimits } from '@/lib/env';

/**
 * Blank XLSX templates the Office hands to divisions: one data sheet with the columns the dataset
 * schema (lib/datasets) gives a template, drop-down lists where the values are fixed, and an
 * instruction sheet in Vietnamese.
 */
interface TemplateColumn {
  header: string;
  /** Field the pipeline maps this header to (checked by a test). */
  field: string;
  required: boolean;
  /** «Có», «Có, khi …», «Nên ghi (…)» or empty. */
  need: string;
  help: string;
  example: string | number;
  width: number;
  list?: string[];
}

function templateColumns(dataset: Dataset): TemplateColumn[] {
  return DATASET_SCHEMAS[dataset].fields.flatMap((f) =>
    f.template
      ? [{ header: f.template.header ?? f.label, field: f.field, required: f.need === 'required', need: needText(f), help: f.help, example: f.template.example, width: f.template.width, list: f.template.list }]
      : [],
  );
}

export const TEMPLATE_COLUMNS = Object.fromEntries(DATASETS.map((d) => [d, templateColumns(d)])) as Record<Dataset, TemplateColumn[]>;

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
  wb.creator = PRODUCT_NAME;
  const data = wb.addWorksheet('Dữ liệu', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = columns.map((c) => ({ header: c.header, key: c.field, width: c.width }));
  const head = data.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  // Fixed values live on a «Danh mục» sheet: inline lists cannot hold commas and stop at 255 characters.
  const lists = wb.addWorksheet('Danh mục');
  let listColumn = 0;
  columns.forEach((c, i) => {
    head.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFDBEAFE' : c.need ? 'FFEFF6FF' : 'FFF3F4F6' } };
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
    { header: 'Bắt buộc', key: 'required', width: 30 },
    { header: 'Cách ghi', key: 'help', width: 80 },
    { header: 'Ví dụ', key: 'example', width: 36 },
  ];
  help.spliceRows(1, 0, [`MẪU NHẬP: ${DATASET_LABELS[dataset].toUpperCase()}`], []);
  help.getRow(1).font = { bold: true, size: 14 };
  help.getRow(3).font = { bold: true };
  for (const c of columns) {
    help.addRow({ header: c.header, required: c.need, help: c.list ? `${c.help} Giá trị: ${c.list.join('; ')}.` : c.help, example: c.example });
  }
  const maxMb = formatNumber(importLimits().maxFileBytes / 1024 / 1024);
  const notes = [
    'Lưu ý chung:',
    '• Ghi dữ liệu vào trang «Dữ liệu», mỗi dòng một bản ghi, bắt đầu từ dòng 2. Không đổi tên các cột ở dòng 1.',
    '• Có thể thêm dòng tiêu đề phía trên và phần ký tên phía dưới bảng; hệ thống tự bỏ qua.',
    '• Ngày ghi dạng dd/mm/yyyy; số thập phân dùng dấu phẩy (18,5) hoặc dấu chấm (18.5).',
    '• Tên đơn vị phải có trong danh mục đơn vị; tên chưa biết sẽ được báo lỗi kèm gợi ý tên gần đúng.',
    `• Lưu tệp dạng .xlsx (Excel) hoặc .csv, tối đa ${maxMb} MB mỗi tệp, rồi tải lên tại trang «Tải dữ liệu lên».`,
    '• Không có gì được ghi vào hệ thống cho đến khi bạn xem trước và bấm «Xác nhận nhập».',
  ];
  help.addRow([]);
  for (const n of notes) help.addRow([n]);
  help.getRow(help.rowCount - notes.length + 1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
