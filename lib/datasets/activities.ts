import { CHANNEL_LABELS, EXEMPLAR_KIND_LABELS } from '@/lib/domain';
import { field, STT_FIELD } from './common';
import type { DatasetSchema } from './types';

/** Propagation activities (hoạt động tuyên truyền). */
export const ACTIVITIES_SCHEMA: DatasetSchema = {
  dataset: 'activities',
  fields: [
    STT_FIELD,
    field('date', 'Ngày', ['Ngày', 'Ngày thực hiện', 'Thời gian', 'Thời gian thực hiện', 'Ngày tổ chức', 'Ngày đăng', 'Ngày đăng tin'], {
      need: 'required',
      help: 'Ngày thực hiện, dạng dd/mm/yyyy (ví dụ 20/12/2025) hoặc ô kiểu ngày.', template: { example: '15/03/2025', width: 12 } }),
    field('unit', 'Đơn vị', ['Đơn vị', 'Đơn vị thực hiện', 'Đơn vị chủ trì', 'Phòng', 'Đơn vị tổ chức', 'Phòng thực hiện'], {
      need: 'required',
      help: 'Tên đơn vị thực hiện, đúng như danh mục đơn vị (hoặc tên viết tắt đã khai báo).', template: { example: 'Phòng Quản lý ngân sách', width: 32 } }),
    field('channel', 'Hình thức', ['Hình thức', 'Hình thức tuyên truyền', 'Kênh', 'Kênh tuyên truyền', 'Loại hoạt động', 'Hình thức hoạt động'], {
      need: 'recommended', needNote: 'trống hoặc không nhận ra: xếp vào «Khác» và báo cảnh báo',
      help: 'Chọn trong danh sách.', template: { example: CHANNEL_LABELS.portal, width: 32, list: Object.values(CHANNEL_LABELS) } }),
    field('title', 'Nội dung', ['Nội dung', 'Tên hoạt động', 'Nội dung tuyên truyền', 'Nội dung hoạt động', 'Tiêu đề', 'Tên bài viết', 'Tên tin bài'], {
      need: 'required',
      help: 'Tên hoặc nội dung hoạt động.', template: { example: 'Tuyên truyền phong trào thi đua yêu nước năm 2025', width: 50 } }),
    field('participants', 'Số người tham gia', ['Số người tham gia', 'Số lượt', 'Số lượt tham gia', 'Số người', 'Số lượng người tham gia', 'Số người dự'], {
      need: 'recommended', needNote: 'trống: ghi 0',
      help: 'Số người hoặc số lượt tham gia, số nguyên không âm (0 nếu không có). Lượt xem, lượt tiếp cận ghi ở cột «Số lượt xem».', template: { example: 45, width: 12 } }),
    field('movement', 'Phong trào', ['Phong trào', 'Phong trào thi đua', 'Thuộc phong trào'], {
      help: 'Phong trào thi đua mà hoạt động thuộc về.', template: { example: 'Thi đua thực hiện thắng lợi nhiệm vụ tài chính', width: 32 } }),
    field('exemplar', 'Điển hình tiên tiến', ['Điển hình tiên tiến', 'Điển hình', 'Gương điển hình', 'Mô hình mới, điển hình tiên tiến'], {
      help: 'Tên điển hình tiên tiến được tuyên truyền, nếu có.', template: { example: '', width: 28 } }),
    field('exemplar_kind', 'Loại điển hình', ['Loại điển hình', 'Phân loại điển hình', 'Loại gương điển hình', 'Loại mô hình, điển hình'], {
      help: 'Chọn trong danh sách. Trống, với dòng có tên điển hình: suy ra từ tên điển hình, rồi từ nội dung; nếu văn bản ghi hai loại thì để trống và báo cảnh báo.',
      template: { example: '', width: 22, list: Object.values(EXEMPLAR_KIND_LABELS) } }),
    field('exemplar_proposed', 'Đề nghị Hội đồng TĐKT tỉnh', [
      'Đề nghị Hội đồng TĐKT tỉnh', 'Đề nghị Hội đồng Thi đua - Khen thưởng tỉnh', 'Đề nghị HĐTĐKT tỉnh', 'Đề nghị tỉnh', 'Đề nghị Hội đồng TĐKT',
      'Đề nghị tuyên dương',
    ], {
      help: 'Ghi «x» (hoặc «Có») khi điển hình được đề nghị Hội đồng Thi đua – Khen thưởng tỉnh; để trống nếu không.', template: { example: '', width: 16, list: ['x'] } }),
    field('reach', 'Số lượt xem', ['Số lượt xem', 'Lượt xem', 'Lượt tiếp cận', 'Số lượt tiếp cận', 'Lượt truy cập', 'Số lượt truy cập', 'Lượt đọc', 'Số lượt đọc'], {
      help: 'Lượt xem, lượt tiếp cận, lượt truy cập của tin bài (số nguyên không âm). Lưu riêng, không cộng vào số người tham gia.', template: { example: 1250, width: 12 } }),
  ],
  recognisedBy: [['date', 'unit', 'title']],
  preview: {
    row: 'Dòng',
    activity_date: 'Ngày',
    unit_name: 'Đơn vị',
    channel: 'Hình thức',
    title: 'Nội dung',
    participants: 'Số người',
    reach: 'Lượt xem',
    movement: 'Phong trào',
    exemplar: 'Điển hình',
    exemplar_kind: 'Loại điển hình',
    exemplar_proposed: 'Đề nghị tỉnh',
  },
};
