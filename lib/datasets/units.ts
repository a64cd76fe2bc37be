import { UNIT_KIND_LABELS } from '@/lib/domain';
import { STT_FIELD } from './common';
import type { DatasetSchema } from './types';

/** Units and bloc membership (danh mục đơn vị, khối thi đua). */
export const UNITS_SCHEMA: DatasetSchema = {
  dataset: 'units',
  fields: [
    STT_FIELD,
    {
      field: 'name',
      label: 'Tên đơn vị',
      synonyms: ['Tên đơn vị', 'Đơn vị', 'Tên cơ quan, đơn vị', 'Tên phòng'],
      need: 'required',
      help: 'Tên đầy đủ, đúng như trong quyết định thành lập.',
      template: { example: 'Phòng Quản lý ngân sách', width: 40 },
    },
    {
      field: 'abbreviation',
      label: 'Tên viết tắt',
      synonyms: ['Tên viết tắt', 'Viết tắt', 'Ký hiệu', 'Tên tắt'],
      need: 'optional',
      help: 'Tên viết tắt hay dùng trong các bảng.',
      template: { example: 'QLNS', width: 14 },
    },
    {
      field: 'kind',
      label: 'Loại đơn vị',
      synonyms: ['Loại đơn vị', 'Loại', 'Phân loại đơn vị', 'Loại hình'],
      need: 'recommended',
      needNote: 'trống: suy ra từ tên đơn vị (Phòng…, Sở…, Ban…), nếu không được thì ghi «Khác»',
      help: 'Chọn trong danh sách.',
      template: { example: UNIT_KIND_LABELS.division, width: 30, list: Object.values(UNIT_KIND_LABELS) },
    },
    {
      field: 'bloc',
      label: 'Khối thi đua',
      synonyms: ['Khối thi đua', 'Khối', 'Thuộc khối', 'Cụm, khối thi đua', 'Cụm thi đua'],
      need: 'optional',
      help: 'Tên khối thi đua mà đơn vị là thành viên trong năm.',
      template: { example: 'Khối các phòng thuộc Sở', width: 34 },
    },
    {
      field: 'year',
      label: 'Năm',
      synonyms: ['Năm', 'Năm thi đua', 'Năm tham gia'],
      need: 'conditional',
      needNote: 'khi dòng có «Khối thi đua» và lần nhập không chọn kỳ',
      help: 'Năm thi đua của dòng thành viên khối (4 chữ số).',
      template: { example: 2025, width: 8 },
    },
    {
      field: 'aliases',
      label: 'Tên khác',
      synonyms: ['Tên khác', 'Tên gọi khác', 'Tên cũ', 'Bí danh'],
      need: 'optional',
      help: 'Các cách viết khác của tên đơn vị, cách nhau bởi dấu chấm phẩy (;).',
      template: { header: 'Tên gọi khác', example: 'P. QLNS; Phòng Ngân sách', width: 34 },
    },
    {
      field: 'successor',
      label: 'Đơn vị kế thừa',
      synonyms: ['Đơn vị kế thừa', 'Sáp nhập vào', 'Đơn vị sáp nhập', 'Hợp nhất vào', 'Kế thừa'],
      need: 'optional',
      help: 'Khi đơn vị đã sáp nhập hoặc đổi tên: tên đơn vị kế thừa.',
      template: { example: '', width: 30 },
    },
    {
      field: 'headcount',
      label: 'Biên chế',
      synonyms: ['Biên chế', 'Số người', 'Số biên chế', 'Số cán bộ', 'Số CBCCVC', 'Số lượng CBCC'],
      need: 'optional',
      help: 'Số cán bộ, công chức, viên chức (số nguyên).',
      template: { example: 12, width: 10 },
    },
    {
      field: 'parent',
      label: 'Đơn vị cấp trên',
      synonyms: ['Đơn vị cấp trên', 'Cấp trên', 'Trực thuộc', 'Đơn vị chủ quản'],
      need: 'optional',
      help: 'Tên đơn vị cấp trên (có trong tệp hoặc trong danh mục).',
    },
    {
      field: 'valid_to',
      label: 'Ngày sáp nhập',
      synonyms: ['Ngày sáp nhập', 'Ngày hợp nhất', 'Hoạt động đến'],
      need: 'optional',
      help: 'Ngày đơn vị thôi hoạt động (sáp nhập, hợp nhất), dạng dd/mm/yyyy.',
    },
  ],
  recognisedBy: [['name', 'kind'], ['name', 'bloc'], ['name', 'abbreviation']],
  preview: { row: 'Dòng', unit_name: 'Tên đơn vị', abbreviation: 'Viết tắt', unit_kind: 'Loại đơn vị', bloc_name: 'Khối', year: 'Năm' },
};
