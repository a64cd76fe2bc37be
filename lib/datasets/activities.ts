import { CHANNEL_LABELS } from '@/lib/domain';
import { STT_FIELD } from './common';
import type { DatasetSchema } from './types';

/** Propagation activities (hoạt động tuyên truyền). */
export const ACTIVITIES_SCHEMA: DatasetSchema = {
  dataset: 'activities',
  fields: [
    STT_FIELD,
    {
      field: 'date',
      label: 'Ngày',
      synonyms: ['Ngày', 'Ngày thực hiện', 'Thời gian', 'Thời gian thực hiện', 'Ngày tổ chức', 'Ngày đăng', 'Ngày đăng tin'],
      need: 'required',
      help: 'Ngày thực hiện, dạng dd/mm/yyyy (ví dụ 20/12/2025) hoặc ô kiểu ngày.',
      template: { example: '15/03/2025', width: 12 },
    },
    {
      field: 'unit',
      label: 'Đơn vị',
      synonyms: ['Đơn vị', 'Đơn vị thực hiện', 'Đơn vị chủ trì', 'Phòng', 'Đơn vị tổ chức', 'Phòng thực hiện'],
      need: 'required',
      help: 'Tên đơn vị thực hiện, đúng như danh mục đơn vị (hoặc tên viết tắt đã khai báo).',
      template: { example: 'Phòng Quản lý ngân sách', width: 32 },
    },
    {
      field: 'channel',
      label: 'Hình thức',
      synonyms: ['Hình thức', 'Hình thức tuyên truyền', 'Kênh', 'Kênh tuyên truyền', 'Loại hoạt động', 'Hình thức hoạt động'],
      need: 'recommended',
      needNote: 'trống hoặc không nhận ra: xếp vào «Khác» và báo cảnh báo',
      help: 'Chọn trong danh sách.',
      template: { example: CHANNEL_LABELS.portal, width: 32, list: Object.values(CHANNEL_LABELS) },
    },
    {
      field: 'title',
      label: 'Nội dung',
      synonyms: ['Nội dung', 'Tên hoạt động', 'Nội dung tuyên truyền', 'Nội dung hoạt động', 'Tiêu đề', 'Tên bài viết', 'Tên tin bài'],
      need: 'required',
      help: 'Tên hoặc nội dung hoạt động.',
      template: { example: 'Tuyên truyền phong trào thi đua yêu nước năm 2025', width: 50 },
    },
    {
      field: 'participants',
      label: 'Số người tham gia',
      synonyms: ['Số người tham gia', 'Số lượt', 'Số lượt tham gia', 'Số người', 'Số lượng người tham gia', 'Số người dự', 'Số lượt xem'],
      need: 'recommended',
      needNote: 'trống: ghi 0',
      help: 'Số người hoặc số lượt tham gia, số nguyên không âm (0 nếu không có).',
      template: { example: 45, width: 12 },
    },
    {
      field: 'movement',
      label: 'Phong trào',
      synonyms: ['Phong trào', 'Phong trào thi đua', 'Thuộc phong trào'],
      need: 'optional',
      help: 'Phong trào thi đua mà hoạt động thuộc về.',
      template: { example: 'Thi đua thực hiện thắng lợi nhiệm vụ tài chính', width: 32 },
    },
    {
      field: 'exemplar',
      label: 'Điển hình tiên tiến',
      synonyms: ['Điển hình tiên tiến', 'Điển hình', 'Gương điển hình', 'Mô hình mới, điển hình tiên tiến'],
      need: 'optional',
      help: 'Tên điển hình tiên tiến được tuyên truyền, nếu có.',
      template: { example: '', width: 28 },
    },
  ],
  recognisedBy: [['date', 'unit', 'title']],
  preview: {
    row: 'Dòng',
    activity_date: 'Ngày',
    unit_name: 'Đơn vị',
    channel: 'Hình thức',
    title: 'Nội dung',
    participants: 'Số người',
    movement: 'Phong trào',
    exemplar: 'Điển hình',
  },
};
