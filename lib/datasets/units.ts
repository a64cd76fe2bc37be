import { UNIT_KIND_LABELS } from '@/lib/domain';
import { field, STT_FIELD } from './common';
import type { DatasetSchema } from './types';

/** Units and bloc membership (danh mục đơn vị, khối thi đua). */
export const UNITS_SCHEMA: DatasetSchema = {
  dataset: 'units',
  fields: [
    STT_FIELD,
    field('name', 'Tên đơn vị', ['Tên đơn vị', 'Đơn vị', 'Tên cơ quan, đơn vị', 'Tên phòng'], {
      need: 'required',
      help: 'Tên đầy đủ, đúng như trong quyết định thành lập.', template: { example: 'Phòng Quản lý ngân sách', width: 40 } }),
    field('abbreviation', 'Tên viết tắt', ['Tên viết tắt', 'Viết tắt', 'Ký hiệu', 'Tên tắt'], {
      help: 'Tên viết tắt hay dùng trong các bảng.', template: { example: 'QLNS', width: 14 } }),
    field('kind', 'Loại đơn vị', ['Loại đơn vị', 'Loại', 'Phân loại đơn vị', 'Loại hình'], {
      need: 'recommended', needNote: 'trống: suy ra từ tên đơn vị (Phòng…, Sở…, Ban…), nếu không được thì ghi «Khác»',
      help: 'Chọn trong danh sách.', template: { example: UNIT_KIND_LABELS.division, width: 30, list: Object.values(UNIT_KIND_LABELS) } }),
    field('bloc', 'Khối thi đua', ['Khối thi đua', 'Khối', 'Thuộc khối', 'Cụm, khối thi đua', 'Cụm thi đua'], {
      help: 'Tên khối thi đua mà đơn vị là thành viên trong năm.', template: { example: 'Khối các phòng thuộc Sở', width: 34 } }),
    field('year', 'Năm', ['Năm', 'Năm thi đua', 'Năm tham gia'], {
      need: 'conditional', needNote: 'khi dòng có «Khối thi đua» và lần nhập không chọn kỳ',
      help: 'Năm thi đua của dòng thành viên khối (4 chữ số).', template: { example: 2025, width: 8 } }),
    field('aliases', 'Tên khác', ['Tên khác', 'Tên gọi khác', 'Tên cũ', 'Bí danh'], {
      help: 'Các cách viết khác của tên đơn vị, cách nhau bởi dấu chấm phẩy (;).', template: { header: 'Tên gọi khác', example: 'P. QLNS; Phòng Ngân sách', width: 34 } }),
    field('successor', 'Đơn vị kế thừa', ['Đơn vị kế thừa', 'Sáp nhập vào', 'Đơn vị sáp nhập', 'Hợp nhất vào', 'Kế thừa'], {
      help: 'Khi đơn vị đã sáp nhập hoặc đổi tên: tên đơn vị kế thừa (có trong tệp hoặc trong danh mục), kèm «Ngày sáp nhập».', template: { example: '', width: 30 } }),
    field('headcount', 'Biên chế', ['Biên chế', 'Số người', 'Số biên chế', 'Số cán bộ', 'Số CBCCVC', 'Số lượng CBCC'], {
      help: 'Số cán bộ, công chức, viên chức (số nguyên).', template: { example: 12, width: 10 } }),
    field('parent', 'Đơn vị cấp trên', ['Đơn vị cấp trên', 'Cấp trên', 'Trực thuộc', 'Đơn vị chủ quản'], {
      help: 'Tên đơn vị cấp trên (có trong tệp hoặc trong danh mục).' }),
    field('merged_on', 'Ngày sáp nhập', ['Ngày sáp nhập', 'Ngày hợp nhất', 'Sáp nhập từ ngày', 'Hợp nhất từ ngày', 'Ngày kế thừa'], {
      help: 'Ngày đơn vị kế thừa bắt đầu đảm nhận (ví dụ 01/03/2025), dạng dd/mm/yyyy. Khi trống «Hiệu lực đến», đơn vị được coi là hoạt động đến ngày hôm trước.',
      template: { example: '', width: 14 } }),
    field('valid_from', 'Hiệu lực từ', ['Hiệu lực từ', 'Hoạt động từ', 'Ngày thành lập', 'Từ ngày'], {
      help: 'Ngày đơn vị bắt đầu hoạt động với tên này, dạng dd/mm/yyyy (trống: không giới hạn).', template: { example: '', width: 14 } }),
    field('valid_to', 'Hiệu lực đến', ['Hiệu lực đến', 'Hoạt động đến', 'Ngày thôi hoạt động', 'Đến ngày'], {
      help: 'Ngày cuối cùng đơn vị hoạt động với tên này (sáp nhập, hợp nhất, giải thể), dạng dd/mm/yyyy.', template: { example: '', width: 14 } }),
    field('province', 'Tỉnh', ['Tỉnh', 'Tỉnh, thành phố', 'Tỉnh/thành phố', 'Thuộc tỉnh'], {
      help: 'Tỉnh, thành phố của đơn vị (ví dụ Tây Ninh). Khi tỉnh sáp nhập, ghi tỉnh mới ở dòng đơn vị kế thừa.', template: { example: 'Tây Ninh', width: 14 } }),
  ],
  recognisedBy: [['name', 'kind'], ['name', 'bloc'], ['name', 'abbreviation']],
  preview: {
    row: 'Dòng',
    unit_name: 'Tên đơn vị',
    abbreviation: 'Viết tắt',
    unit_kind: 'Loại đơn vị',
    bloc_name: 'Khối',
    year: 'Năm',
    province: 'Tỉnh',
    valid_from: 'Hiệu lực từ',
    valid_to: 'Hiệu lực đến',
    successor: 'Kế thừa bởi',
    merged_on: 'Từ ngày',
  },
};
