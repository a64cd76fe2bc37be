import { z } from 'zod';

/**
 * Every editable setting: its key, a Vietnamese label, the zod schema of its value and the
 * value the review migration seeds. The rules of a review live in the `settings` table, never
 * as constants: `SEED_VALUE` is read ONLY by the migration (lib/db/migrations/review.ts).
 */
const Ratio = z.number().min(0).max(1);
const Count = z.number().int().min(0).max(50);
const Line = z.string().trim().max(200);

/** Minimum total to be proposed: a number of points, or a share of the bloc's maximum. */
export const MinTotalSchema = z.union([
  z.object({ points: z.number().min(0) }).strict(),
  z.object({ percent: Ratio }).strict(),
]);
export type MinTotal = z.infer<typeof MinTotalSchema>;

export const SETTING_SCHEMAS = {
  'review.flag_count': Count,
  'review.certificate_count': Count,
  'review.min_total': MinTotalSchema,
  'review.flag_award': Line.min(1),
  'review.certificate_award': Line.min(1),
  'quota.cstdcs_over_ldtt': Ratio,
  'quota.ttldxs_min_ldtt_share': Ratio,
  'quota.ttldxs_min_cstdcs': Count,
  'document.issuer_parent': Line,
  'document.issuer': Line.min(1),
  'document.number_suffix': Line,
  'document.place': Line.min(1),
  'document.signer_authority': Line,
  'document.signer_title': Line.min(1),
  'document.signer_name': Line,
  'document.recipients': z.array(Line).max(20),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type Settings = { [K in SettingKey]: z.infer<(typeof SETTING_SCHEMAS)[K]> };
export const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as SettingKey[];

export const SETTING_LABELS: Record<SettingKey, string> = {
  'review.flag_count': 'Số đơn vị dẫn đầu đề nghị tặng Cờ thi đua',
  'review.certificate_count': 'Số đơn vị tiếp theo đề nghị tặng Bằng khen',
  'review.min_total': 'Tổng điểm tối thiểu để được đề nghị (điểm, hoặc tỷ lệ % điểm tối đa)',
  'review.flag_award': 'Tên hình thức đề nghị cho đơn vị dẫn đầu',
  'review.certificate_award': 'Tên hình thức đề nghị cho các đơn vị tiếp theo',
  'quota.cstdcs_over_ldtt': 'Tỷ lệ tối đa Chiến sĩ thi đua cơ sở trên số Lao động tiên tiến',
  'quota.ttldxs_min_ldtt_share': 'Tập thể lao động xuất sắc: tỷ lệ tối thiểu thành viên đạt Lao động tiên tiến',
  'quota.ttldxs_min_cstdcs': 'Tập thể lao động xuất sắc: số Chiến sĩ thi đua cơ sở tối thiểu',
  'document.issuer_parent': 'Cơ quan chủ quản (dòng trên của cơ quan ban hành)',
  'document.issuer': 'Cơ quan ban hành văn bản',
  'document.number_suffix': 'Ký hiệu văn bản sau số (ví dụ BC-STC)',
  'document.place': 'Địa danh ghi ở dòng ngày tháng',
  'document.signer_authority': 'Quyền hạn ký (ví dụ KT. GIÁM ĐỐC; để trống nếu ký trực tiếp)',
  'document.signer_title': 'Chức vụ người ký',
  'document.signer_name': 'Họ và tên người ký',
  'document.recipients': 'Nơi nhận (mỗi dòng một nơi)',
};

/** Seed values, used only by the migration that creates the rows. */
export const SEED_VALUE: Settings = {
  'review.flag_count': 1,
  'review.certificate_count': 2,
  'review.min_total': { percent: 0.8 },
  'review.flag_award': 'Cờ thi đua của UBND tỉnh',
  'review.certificate_award': 'Bằng khen của Chủ tịch UBND tỉnh',
  'quota.cstdcs_over_ldtt': 0.15,
  'quota.ttldxs_min_ldtt_share': 0.7,
  'quota.ttldxs_min_cstdcs': 1,
  'document.issuer_parent': 'UBND TỈNH',
  'document.issuer': 'SỞ TÀI CHÍNH',
  'document.number_suffix': 'BC-STC',
  'document.place': 'Tỉnh',
  'document.signer_authority': 'KT. GIÁM ĐỐC',
  'document.signer_title': 'PHÓ GIÁM ĐỐC',
  'document.signer_name': '',
  'document.recipients': ['Như trên;', 'Hội đồng Thi đua – Khen thưởng tỉnh;', 'Các đơn vị trong khối;', 'Lưu: VT, VP.'],
};
