import { RECIPIENT_TYPE_LABELS, type RecipientType } from '@/lib/domain';
import { field, STT_FIELD } from './common';
import type { DatasetSchema } from './types';

/** Award lists (danh sách khen thưởng): individuals, collectives and households. */
export const AWARDS_SCHEMA: DatasetSchema = {
  dataset: 'awards',
  fields: [
    STT_FIELD,
    // Labelled for both kinds: a list of collectives maps its «Tên tập thể» column here too.
    field('recipient', 'Cá nhân / tập thể được khen', [
      'Họ và tên', 'Họ tên', 'Tên tập thể/cá nhân', 'Tên tập thể/cá nhân/hộ gia đình', 'Tên cá nhân, tập thể', 'Tên tập thể, cá nhân',
      'Tập thể, cá nhân', 'Tên đơn vị / tập thể', 'Tên tập thể', 'Tên cá nhân', 'Họ và tên/Tên tập thể', 'Tập thể được khen',
      'Đơn vị được khen', 'Tên tập thể được khen', 'Cá nhân / tập thể được khen',
    ], {
      need: 'required',
      help: 'Họ tên cá nhân hoặc tên tập thể được khen.', template: { header: 'Họ và tên', example: 'Nguyễn Văn An', width: 30 } }),
    field('unit', 'Đơn vị', ['Đơn vị', 'Đơn vị công tác', 'Chức vụ, đơn vị công tác', 'Tên đơn vị/tập thể công tác', 'Nơi công tác', 'Phòng, đơn vị', 'Tên phòng ban/ khối, tổ công tác'], {
      help: 'Đơn vị công tác (đúng như danh mục đơn vị). Tập thể: trống thì lấy đơn vị theo tên tập thể.', template: { example: 'Phòng Quản lý ngân sách', width: 30 } }),
    field('award', 'Danh hiệu/Hình thức khen thưởng', [
      'Danh hiệu', 'Hình thức khen thưởng', 'Danh hiệu thi đua', 'Danh hiệu thi đua/Hình thức khen thưởng', 'Hình thức khen',
      'Danh hiệu, hình thức khen thưởng', 'Khen thưởng', 'Mã hình thức khen thưởng',
    ], {
      need: 'required',
      help: 'Tên danh hiệu hoặc hình thức khen thưởng theo Luật Thi đua, khen thưởng (ví dụ Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Giấy khen, Bằng khen của Chủ tịch UBND tỉnh), hoặc mã hình thức của mẫu CANHAN/TAPTHE.',
      template: { header: 'Danh hiệu, hình thức khen thưởng', example: 'Lao động tiên tiến', width: 36 } }),
    field('recipient_type', 'Loại', ['Loại', 'Đối tượng', 'Cá nhân/Tập thể', 'Loại đối tượng', 'Phân loại khen thưởng', 'Loại khen thưởng'], {
      need: 'conditional', needNote: 'khi không suy ra được từ tên cột («Họ và tên», «Tên tập thể»), từ danh hiệu (chỉ dành cho cá nhân hoặc chỉ cho tập thể) hay từ dòng mục «I. TẬP THỂ»',
      help: 'Cá nhân, Tập thể hoặc Hộ gia đình.', template: { example: RECIPIENT_TYPE_LABELS.individual, width: 14, list: Object.values(RECIPIENT_TYPE_LABELS) } }),
    field('decision_no', 'Số quyết định', ['Số quyết định', 'Số QĐ', 'Quyết định số', 'Số quyết định khen thưởng'], {
      help: 'Số quyết định khen thưởng.', template: { example: '125/QĐ-STC', width: 16 } }),
    field('decision_date', 'Ngày quyết định', ['Ngày quyết định', 'Ngày QĐ', 'Ngày ký quyết định', 'Ngày ký', 'Ngày ban hành'], {
      help: 'Ngày ký quyết định, dạng dd/mm/yyyy.', template: { example: '20/12/2025', width: 14 } }),
    field('year', 'Năm', ['Năm', 'Năm khen thưởng', 'Năm thi đua', 'Năm đạt'], {
      need: 'conditional', needNote: 'khi tiêu đề không ghi năm, lần nhập không chọn kỳ và dòng không có ngày quyết định',
      help: 'Năm thi đua được khen (nếu trống: năm ghi ở tiêu đề, rồi năm của ngày quyết định).', template: { example: 2025, width: 8 } }),
    field('movement', 'Phong trào', ['Phong trào', 'Phong trào thi đua'], {
      help: 'Phong trào thi đua, nếu khen theo phong trào.', template: { example: '', width: 28 } }),
    field('award_title', 'Mã danh hiệu thi đua', ['Mã danh hiệu thi đua (nếu có)', 'Mã danh hiệu thi đua'], {
      help: 'Cột thứ hai của mẫu CANHAN/TAPTHE: mã (hoặc tên) danh hiệu thi đua, khi cột hình thức khen thưởng để trống. Một dòng ghi một danh hiệu hoặc một hình thức.' }),
    field('honorific', 'Tên gọi', ['Tên gọi', 'Tên gọi (Ông/Bà/Chức danh)', 'Danh xưng'], { help: 'Ông, Bà hoặc chức danh (dấu hiệu của cá nhân).' }),
    field('position', 'Chức vụ', ['Chức vụ', 'Chức danh'], { help: 'Chức vụ của cá nhân (dấu hiệu của cá nhân).' }),
    field('level', 'Cấp khen', ['Cấp khen', 'Cấp khen thưởng', 'Cấp quyết định'], { help: 'Cấp quyết định khen; trống: theo danh mục hình thức khen thưởng.' }),
    field('decision', 'Số, ngày quyết định', ['Số, ngày quyết định', 'Số ngày quyết định', 'Quyết định', 'Số, ngày QĐ', 'Quyết định khen thưởng', 'Số, ngày, tháng, năm quyết định'], {
      help: 'Số và ngày quyết định trong một ô, ví dụ «125/QĐ-STC ngày 20/12/2022».' }),
    field('category', 'Phân loại đối tượng', ['Phân loại đối tượng', 'Mã phân loại cán bộ', 'Mã phân loại tập thể', 'Lĩnh vực hoạt động', 'Giới tính', 'Ngày sinh', 'Địa chỉ / Nơi ở'], {
      help: 'Cột thông tin thêm của mẫu CANHAN/TAPTHE; không lưu.' }),
  ],
  recognisedBy: [['recipient', 'award']],
  preview: {
    row: 'Dòng',
    recipient_name: 'Cá nhân / tập thể',
    recipient_type: 'Loại',
    unit_name: 'Đơn vị',
    award_name: 'Danh hiệu / hình thức',
    award_kind: 'Loại khen',
    award_level: 'Cấp khen',
    decision_no: 'Số QĐ',
    decision_date: 'Ngày QĐ',
    award_year: 'Năm',
  },
};

/**
 * Recipient headers that say who is awarded: a list whose name column is headed «Họ và tên»
 * lists people; «Tên tập thể» lists collectives. Mixed headers («Tên tập thể/cá nhân») say nothing.
 */
export const RECIPIENT_HEADERS: Record<Exclude<RecipientType, 'household'>, string[]> = {
  individual: ['Họ và tên', 'Họ tên', 'Tên cá nhân', 'Họ và tên cá nhân'],
  collective: ['Tên tập thể', 'Tập thể được khen', 'Đơn vị được khen', 'Tên tập thể được khen', 'Tên đơn vị / tập thể'],
};
