import type { Dataset } from '@/lib/domain';
import { editDistance, foldKey } from '@/lib/text';

/**
 * Header synonyms per dataset and field, as people write them. Matched on foldKey (case-,
 * accent-, space- and line-break-insensitive) with a small typo tolerance.
 */
export interface FieldSpec {
  field: string;
  /** Label used in messages when the column is missing. */
  label: string;
  synonyms: string[];
}

export const DATASET_FIELDS: Record<Dataset, FieldSpec[]> = {
  units: [
    { field: 'stt', label: 'STT', synonyms: ['STT', 'Số thứ tự', 'TT'] },
    { field: 'name', label: 'Tên đơn vị', synonyms: ['Tên đơn vị', 'Đơn vị', 'Tên cơ quan, đơn vị', 'Tên phòng'] },
    { field: 'abbreviation', label: 'Tên viết tắt', synonyms: ['Tên viết tắt', 'Viết tắt', 'Ký hiệu', 'Tên tắt'] },
    { field: 'kind', label: 'Loại đơn vị', synonyms: ['Loại đơn vị', 'Loại', 'Phân loại đơn vị', 'Loại hình'] },
    { field: 'bloc', label: 'Khối thi đua', synonyms: ['Khối thi đua', 'Khối', 'Thuộc khối', 'Cụm, khối thi đua', 'Cụm thi đua'] },
    { field: 'year', label: 'Năm', synonyms: ['Năm', 'Năm thi đua', 'Năm tham gia'] },
    { field: 'parent', label: 'Đơn vị cấp trên', synonyms: ['Đơn vị cấp trên', 'Cấp trên', 'Trực thuộc', 'Đơn vị chủ quản'] },
    { field: 'aliases', label: 'Tên khác', synonyms: ['Tên khác', 'Tên gọi khác', 'Tên cũ', 'Bí danh'] },
    { field: 'successor', label: 'Đơn vị kế thừa', synonyms: ['Đơn vị kế thừa', 'Sáp nhập vào', 'Đơn vị sáp nhập', 'Hợp nhất vào', 'Kế thừa'] },
    { field: 'valid_to', label: 'Ngày sáp nhập', synonyms: ['Ngày sáp nhập', 'Ngày hợp nhất', 'Hoạt động đến'] },
    { field: 'headcount', label: 'Biên chế', synonyms: ['Biên chế', 'Số người', 'Số biên chế', 'Số cán bộ', 'Số CBCCVC', 'Số lượng CBCC'] },
  ],
  activities: [
    { field: 'stt', label: 'STT', synonyms: ['STT', 'Số thứ tự', 'TT'] },
    { field: 'date', label: 'Ngày', synonyms: ['Ngày', 'Ngày thực hiện', 'Thời gian', 'Thời gian thực hiện', 'Ngày tổ chức', 'Ngày đăng', 'Ngày đăng tin'] },
    { field: 'unit', label: 'Đơn vị', synonyms: ['Đơn vị', 'Đơn vị thực hiện', 'Đơn vị chủ trì', 'Phòng', 'Đơn vị tổ chức', 'Phòng thực hiện'] },
    { field: 'channel', label: 'Hình thức', synonyms: ['Hình thức', 'Hình thức tuyên truyền', 'Kênh', 'Kênh tuyên truyền', 'Loại hoạt động', 'Hình thức hoạt động'] },
    { field: 'title', label: 'Nội dung', synonyms: ['Nội dung', 'Tên hoạt động', 'Nội dung tuyên truyền', 'Nội dung hoạt động', 'Tiêu đề', 'Tên bài viết', 'Tên tin bài'] },
    { field: 'participants', label: 'Số người tham gia', synonyms: ['Số người tham gia', 'Số lượt', 'Số lượt tham gia', 'Số người', 'Số lượng người tham gia', 'Số người dự', 'Số lượt xem'] },
    { field: 'movement', label: 'Phong trào', synonyms: ['Phong trào', 'Phong trào thi đua', 'Thuộc phong trào'] },
    { field: 'exemplar', label: 'Điển hình tiên tiến', synonyms: ['Điển hình tiên tiến', 'Điển hình', 'Gương điển hình', 'Mô hình mới, điển hình tiên tiến'] },
  ],
  awards: [
    { field: 'stt', label: 'STT', synonyms: ['STT', 'Số thứ tự', 'TT'] },
    { field: 'honorific', label: 'Tên gọi', synonyms: ['Tên gọi', 'Tên gọi (Ông/Bà/Chức danh)', 'Danh xưng'] },
    { field: 'recipient', label: 'Họ và tên', synonyms: ['Họ và tên', 'Họ tên', 'Tên tập thể/cá nhân', 'Tên tập thể/cá nhân/hộ gia đình', 'Tên cá nhân, tập thể', 'Tên tập thể, cá nhân', 'Tập thể, cá nhân', 'Tên đơn vị / tập thể', 'Tên tập thể', 'Tên cá nhân', 'Họ và tên/Tên tập thể'] },
    { field: 'position', label: 'Chức vụ', synonyms: ['Chức vụ', 'Chức danh'] },
    { field: 'unit', label: 'Đơn vị', synonyms: ['Đơn vị', 'Đơn vị công tác', 'Chức vụ, đơn vị công tác', 'Tên đơn vị/tập thể công tác', 'Nơi công tác', 'Phòng, đơn vị', 'Tên phòng ban/ khối, tổ công tác'] },
    { field: 'award', label: 'Danh hiệu/Hình thức khen thưởng', synonyms: ['Danh hiệu', 'Hình thức khen thưởng', 'Danh hiệu thi đua', 'Danh hiệu thi đua/Hình thức khen thưởng', 'Hình thức khen', 'Danh hiệu, hình thức khen thưởng', 'Khen thưởng', 'Mã hình thức khen thưởng', 'Mã danh hiệu thi đua (nếu có)', 'Mã danh hiệu thi đua'] },
    { field: 'level', label: 'Cấp khen', synonyms: ['Cấp khen', 'Cấp khen thưởng', 'Cấp quyết định'] },
    { field: 'decision_no', label: 'Số quyết định', synonyms: ['Số quyết định', 'Số QĐ', 'Quyết định số', 'Số quyết định khen thưởng'] },
    { field: 'decision_date', label: 'Ngày quyết định', synonyms: ['Ngày quyết định', 'Ngày QĐ', 'Ngày ký quyết định', 'Ngày ký', 'Ngày ban hành'] },
    { field: 'decision', label: 'Số, ngày quyết định', synonyms: ['Số, ngày quyết định', 'Số ngày quyết định', 'Quyết định', 'Số, ngày QĐ', 'Quyết định khen thưởng', 'Số, ngày, tháng, năm quyết định'] },
    { field: 'year', label: 'Năm', synonyms: ['Năm', 'Năm khen thưởng', 'Năm thi đua', 'Năm đạt'] },
    { field: 'recipient_type', label: 'Loại', synonyms: ['Loại', 'Đối tượng', 'Cá nhân/Tập thể', 'Loại đối tượng', 'Phân loại khen thưởng', 'Loại khen thưởng'] },
    { field: 'movement', label: 'Phong trào', synonyms: ['Phong trào', 'Phong trào thi đua'] },
    { field: 'category', label: 'Phân loại đối tượng', synonyms: ['Phân loại đối tượng', 'Mã phân loại cán bộ', 'Mã phân loại tập thể', 'Lĩnh vực hoạt động', 'Giới tính', 'Ngày sinh', 'Địa chỉ / Nơi ở'] },
  ],
  scores: [
    { field: 'code', label: 'STT', synonyms: ['STT', 'TT', 'Số thứ tự', 'Mã tiêu chí', 'Mục'] },
    { field: 'unit', label: 'Đơn vị', synonyms: ['Đơn vị', 'Tên đơn vị', 'Đơn vị được chấm'] },
    { field: 'criterion', label: 'Tiêu chí', synonyms: ['Tiêu chí', 'Nội dung tiêu chí', 'Nội dung', 'Tiêu chí chấm điểm', 'Nội dung chấm điểm', 'Nội dung thi đua', 'Tiêu chí thi đua'] },
    { field: 'max_points', label: 'Điểm chuẩn', synonyms: ['Điểm chuẩn', 'Điểm tối đa', 'Thang điểm', 'Điểm chuẩn tối đa', 'Điểm tối đa (chuẩn)'] },
    { field: 'self_points', label: 'Tự chấm', synonyms: ['Tự chấm', 'Điểm tự chấm', 'Đơn vị tự chấm', 'Tự đánh giá'] },
    { field: 'assessed_points', label: 'Khối chấm', synonyms: ['Khối chấm', 'Điểm khối chấm', 'Thẩm định', 'Điểm thẩm định', 'Khối thẩm định', 'Điểm đạt', 'Kết quả chấm', 'Cụm, khối chấm'] },
    { field: 'bloc', label: 'Khối thi đua', synonyms: ['Khối thi đua', 'Khối'] },
    { field: 'period', label: 'Kỳ', synonyms: ['Kỳ', 'Kỳ đánh giá', 'Kỳ chấm điểm', 'Năm'] },
  ],
};

export interface SynonymHit {
  field: string;
  /** 3 exact, 2 close (typo or extra words). */
  score: number;
  length: number;
}

const compiled = new Map<Dataset, { field: string; key: string }[]>();

function synonymsOf(dataset: Dataset) {
  let list = compiled.get(dataset);
  if (!list) {
    list = DATASET_FIELDS[dataset].flatMap((f) => f.synonyms.map((s) => ({ field: f.field, key: foldKey(s) })));
    compiled.set(dataset, list);
  }
  return list;
}

function typoBudget(len: number): number {
  return len >= 12 ? 2 : len >= 6 ? 1 : 0;
}

function boundedDistance(a: string, b: string, max: number): number {
  // Lengths too far apart cannot be within the budget: skip the full distance.
  return Math.abs(a.length - b.length) > max ? max + 1 : editDistance(a, b);
}

/** Best field of a dataset for a header text, or null. */
export function matchHeaderText(dataset: Dataset, text: string): SynonymHit | null {
  const key = foldKey(text);
  if (!key) return null;
  let best: SynonymHit | null = null;
  const consider = (hit: SynonymHit) => {
    if (!best || hit.score > best.score || (hit.score === best.score && hit.length > best.length)) best = hit;
  };
  for (const s of synonymsOf(dataset)) {
    if (key === s.key) consider({ field: s.field, score: 3, length: s.key.length });
    else if (s.key.length >= 5 && key.startsWith(s.key)) consider({ field: s.field, score: 2, length: s.key.length });
    else {
      const budget = typoBudget(s.key.length);
      if (budget > 0 && boundedDistance(key, s.key, budget) <= budget) consider({ field: s.field, score: 2, length: s.key.length });
    }
  }
  return best;
}
