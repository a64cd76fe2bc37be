import { field } from './common';
import type { DatasetSchema } from './types';

/** Bloc score sheets (chấm điểm thi đua khối), long (one unit per row) or wide (units across). */
export const SCORES_SCHEMA: DatasetSchema = {
  dataset: 'scores',
  fields: [
    field('bloc', 'Khối thi đua', ['Khối thi đua', 'Khối'], {
      need: 'conditional', needNote: 'khi tiêu đề bảng không ghi tên khối và lần nhập không chọn khối',
      help: 'Tên khối thi đua, đúng như danh mục khối.', template: { example: 'Khối các phòng thuộc Sở', width: 30 } }),
    field('period', 'Kỳ', ['Kỳ', 'Kỳ đánh giá', 'Kỳ chấm điểm', 'Năm'], {
      need: 'conditional', needNote: 'khi tiêu đề bảng không ghi kỳ và lần nhập không chọn kỳ',
      help: 'Kỳ chấm điểm: năm (2025) hoặc 6 tháng đầu năm (2025-H1).', template: { example: '2025-H1', width: 10 } }),
    field('unit', 'Đơn vị', ['Đơn vị', 'Tên đơn vị', 'Đơn vị được chấm'], {
      need: 'conditional', needNote: 'với bảng mỗi dòng một đơn vị (bảng ngang ghi tên đơn vị ở tiêu đề cột)',
      help: 'Đơn vị được chấm (đúng như danh mục đơn vị).', template: { example: 'Phòng Quản lý ngân sách', width: 30 } }),
    field('code', 'STT', ['STT', 'TT', 'Số thứ tự', 'Mã tiêu chí', 'Mục'], {
      help: 'Mã tiêu chí như trong bảng tiêu chí (1, 1.1, 2…).', template: { example: '1.1', width: 8 } }),
    field('criterion', 'Tiêu chí', ['Tiêu chí', 'Nội dung tiêu chí', 'Nội dung', 'Tiêu chí chấm điểm', 'Nội dung chấm điểm', 'Nội dung thi đua', 'Tiêu chí thi đua'], {
      need: 'required',
      help: 'Nội dung tiêu chí. Dòng «Điểm thưởng» và «Điểm trừ» ghi điểm thưởng, điểm trừ (số dương).', template: { example: 'Hoàn thành nhiệm vụ chuyên môn', width: 44 } }),
    field('max_points', 'Điểm chuẩn', ['Điểm chuẩn', 'Điểm tối đa', 'Thang điểm', 'Điểm chuẩn tối đa', 'Điểm tối đa (chuẩn)'], {
      need: 'conditional', needNote: 'với bảng ngang (tên đơn vị ở tiêu đề cột); trống: không kiểm tra điểm tối đa',
      help: 'Điểm tối đa của tiêu chí.', template: { example: 20, width: 10 } }),
    field('self_points', 'Tự chấm', ['Tự chấm', 'Điểm tự chấm', 'Đơn vị tự chấm', 'Tự đánh giá'], {
      help: 'Điểm đơn vị tự chấm (không vượt điểm chuẩn).', template: { example: 19.5, width: 10 } }),
    field('assessed_points', 'Khối chấm', ['Khối chấm', 'Điểm khối chấm', 'Thẩm định', 'Điểm thẩm định', 'Khối thẩm định', 'Điểm đạt', 'Kết quả chấm', 'Cụm, khối chấm'], {
      need: 'conditional', needNote: 'với bảng mỗi dòng một đơn vị: cột «Khối chấm» hoặc «Tự chấm»',
      help: 'Điểm khối thẩm định (không vượt điểm chuẩn).', template: { example: 19, width: 10 } }),
  ],
  recognisedBy: [['criterion', 'unit', 'assessed_points'], ['criterion', 'unit', 'self_points'], ['criterion', 'max_points']],
  recognisedByNotes: [null, null, 'tên các đơn vị ở tiêu đề cột'],
  preview: {
    row: 'Dòng',
    unit_name: 'Đơn vị',
    criterion_group: 'Nhóm',
    criterion: 'Tiêu chí',
    criterion_kind: 'Loại điểm',
    max_points: 'Điểm chuẩn',
    self_points: 'Tự chấm',
    assessed_points: 'Khối chấm',
  },
};
