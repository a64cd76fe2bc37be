import { z } from 'zod';

/**
 * Every editable setting: its key, a Vietnamese label, the zod schema of its value, the value
 * the review migrations seed and, for a rule of the law, the article it follows. The rules of a
 * review live in the `settings` table, never as constants: `SEED_VALUE` is read ONLY by the
 * migrations (lib/db/migrations/review.ts).
 *
 * Legal basis: Law 06/2022/QH15 on emulation and commendation (in force 01/01/2024) and its
 * implementing decree — 98/2023/NĐ-CP until 30/6/2025, replaced from 01/7/2025 by
 * 152/2025/NĐ-CP (its Điều 59).
 */
const Ratio = z.number().min(0).max(1);
const Count = z.number().int().min(0).max(50);
const Line = z.string().trim().max(200);

/** Minimum total to be proposed: a number of points, or a share of the bloc's maximum. */
const MinTotalSchema = z.union([
  z.object({ points: z.number().min(0) }).strict(),
  z.object({ percent: Ratio }).strict(),
]);

/** One tier of a bloc's proposals: the award, how many ranks from the top, who decides it. */
const TierSchema = z.object({ award: Line.min(1), count: Count, grantor: Line.min(1) }).strict();
export type ProposalTier = z.infer<typeof TierSchema>;

export const SETTING_SCHEMAS = {
  'review.min_total': MinTotalSchema,
  'proposals.province.first': TierSchema,
  'proposals.province.next': TierSchema,
  'proposals.department.first': TierSchema,
  'proposals.department.next': TierSchema,
  'proposals.sector.first': TierSchema,
  'proposals.sector.next': TierSchema,
  'quota.cstdcs_over_ldtt': Ratio,
  'quota.ttldxs_min_ldtt_share': Ratio,
  'quota.ttldxs_min_cstdcs': Count,
  'quota.ttldtt_min_ldtt_share': Ratio,
  'quota.cstd_tinh_consecutive_cstdcs': z.number().int().min(1).max(10),
  'document.issuer_parent': Line,
  'document.issuer': Line,
  'document.number_suffix': Line,
  'document.place': Line,
  'document.signer_authority': Line,
  'document.signer_title': Line.min(1),
  'document.signer_name': Line,
  'document.recipients': z.array(Line).max(20),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type Settings = { [K in SettingKey]: z.infer<(typeof SETTING_SCHEMAS)[K]> };
export const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as SettingKey[];
export type TierKey = Extract<SettingKey, `proposals.${string}`>;
/** The quota and eligibility rules, in the order the review and the settings page show them. */
export const QUOTA_KEYS = [
  'quota.cstdcs_over_ldtt',
  'quota.ttldxs_min_ldtt_share',
  'quota.ttldxs_min_cstdcs',
  'quota.ttldtt_min_ldtt_share',
  'quota.cstd_tinh_consecutive_cstdcs',
] as const satisfies readonly SettingKey[];

export const SETTING_LABELS: Record<SettingKey, string> = {
  'review.min_total': 'Tổng điểm tối thiểu để được đề nghị (điểm, hoặc tỷ lệ % điểm tối đa)',
  'proposals.province.first': 'Khối do UBND tỉnh tổ chức — đơn vị dẫn đầu (đề xuất suy tôn)',
  'proposals.province.next': 'Khối do UBND tỉnh tổ chức — các đơn vị tiếp theo',
  'proposals.department.first': 'Khối các phòng thuộc Sở — các đơn vị dẫn đầu',
  'proposals.department.next': 'Khối các phòng thuộc Sở — các đơn vị tiếp theo',
  'proposals.sector.first': 'Khối thi đua của ngành — các đơn vị dẫn đầu',
  'proposals.sector.next': 'Khối thi đua của ngành — các đơn vị tiếp theo',
  'quota.cstdcs_over_ldtt': 'Chiến sĩ thi đua cơ sở: tỷ lệ tối đa trên tổng số Lao động tiên tiến của cơ quan quyết định',
  'quota.ttldxs_min_ldtt_share': 'Tập thể lao động xuất sắc: tỷ lệ tối thiểu cá nhân đạt Lao động tiên tiến',
  'quota.ttldxs_min_cstdcs': 'Tập thể lao động xuất sắc: số Chiến sĩ thi đua cơ sở tối thiểu',
  'quota.ttldtt_min_ldtt_share': 'Tập thể lao động tiên tiến: tỷ lệ cá nhân đạt Lao động tiên tiến phải trên',
  'quota.cstd_tinh_consecutive_cstdcs': 'Chiến sĩ thi đua cấp tỉnh: số năm liên tục đạt Chiến sĩ thi đua cơ sở',
  'document.issuer_parent': 'Cơ quan chủ quản (dòng trên của cơ quan ban hành; để trống: lấy từ tiêu đề tệp đơn vị)',
  'document.issuer': 'Cơ quan ban hành văn bản (để trống: lấy từ tiêu đề tệp đơn vị)',
  'document.number_suffix': 'Ký hiệu văn bản sau số (ví dụ BC-STC)',
  'document.place': 'Địa danh ghi ở dòng ngày tháng (để trống: tên tỉnh trong tiêu đề tệp đơn vị)',
  'document.signer_authority': 'Quyền hạn ký (ví dụ KT. GIÁM ĐỐC; để trống nếu ký trực tiếp)',
  'document.signer_title': 'Chức vụ người ký',
  'document.signer_name': 'Họ và tên người ký',
  'document.recipients': 'Nơi nhận (mỗi dòng một nơi)',
};

const LAW = 'Luật Thi đua, khen thưởng số 06/2022/QH15';
const DECREE = 'Nghị định 152/2025/NĐ-CP (thay Nghị định 98/2023/NĐ-CP từ 01/7/2025)';

/** The legal basis shown beside a rule on the settings page and the review. */
export const SETTING_LEGAL: Partial<Record<SettingKey, string>> = {
  'proposals.province.first': `${LAW}, Điều 26: Cờ thi đua cấp tỉnh xét tặng hằng năm cho tập thể dẫn đầu cụm, khối thi đua do tỉnh tổ chức; khối suy tôn tại hội nghị tổng kết`,
  'proposals.province.next': `${LAW}, Điều 16 khoản 2 (cụm, khối thi đua do Hội đồng Thi đua – Khen thưởng các cấp tổ chức)`,
  'proposals.department.first': `${LAW}, Điều 16 khoản 2; hình thức do Giám đốc Sở quyết định hoặc trình cấp tỉnh`,
  'proposals.department.next': `${LAW}, Điều 16 khoản 2; hình thức do Giám đốc Sở quyết định hoặc trình cấp tỉnh`,
  'proposals.sector.first': `${LAW}, Điều 16 khoản 2; hình thức do Giám đốc Sở quyết định hoặc trình cấp tỉnh`,
  'proposals.sector.next': `${LAW}, Điều 16 khoản 2; hình thức do Giám đốc Sở quyết định hoặc trình cấp tỉnh`,
  'quota.cstdcs_over_ldtt': `${LAW}, Điều 23 (tiêu chuẩn Chiến sĩ thi đua cơ sở); tỷ lệ không quá 15 % số Lao động tiên tiến theo ${DECREE}`,
  'quota.ttldxs_min_ldtt_share': `${LAW}, Điều 27 (100 % cá nhân hoàn thành nhiệm vụ, ít nhất 70 % đạt Lao động tiên tiến)`,
  'quota.ttldxs_min_cstdcs': `${LAW}, Điều 27 (có cá nhân đạt Chiến sĩ thi đua cơ sở, không có cá nhân bị kỷ luật từ cảnh cáo trở lên)`,
  'quota.ttldtt_min_ldtt_share': `${LAW}, Điều 28 (trên 50 % cá nhân đạt Lao động tiên tiến, không có cá nhân bị kỷ luật từ cảnh cáo trở lên)`,
  'quota.cstd_tinh_consecutive_cstdcs': `${LAW}, Điều 22 (chọn trong số cá nhân có 03 lần liên tục đạt Chiến sĩ thi đua cơ sở)`,
  'document.issuer_parent': 'Nghị định 30/2020/NĐ-CP, Phụ lục I (tên cơ quan ban hành và cơ quan chủ quản)',
  'document.place': 'Nghị định 30/2020/NĐ-CP, Phụ lục I (địa danh và thời gian ban hành)',
  'document.recipients': 'Nghị định 30/2020/NĐ-CP, Phụ lục I (nơi nhận)',
};

const PROVINCE_CHAIR = 'Chủ tịch UBND tỉnh';

/** Seed values, used only by the migrations that create the rows. */
export const SEED_VALUE: Settings = {
  'review.min_total': { percent: 0.8 },
  'proposals.province.first': { award: 'Cờ thi đua của UBND tỉnh', count: 1, grantor: PROVINCE_CHAIR },
  'proposals.province.next': { award: 'Bằng khen của Chủ tịch UBND tỉnh', count: 2, grantor: PROVINCE_CHAIR },
  'proposals.department.first': { award: 'Bằng khen của Chủ tịch UBND tỉnh', count: 1, grantor: `${PROVINCE_CHAIR} (Giám đốc Sở trình)` },
  'proposals.department.next': { award: 'Giấy khen của Giám đốc Sở', count: 2, grantor: 'Giám đốc Sở' },
  'proposals.sector.first': { award: 'Bằng khen của Chủ tịch UBND tỉnh', count: 1, grantor: `${PROVINCE_CHAIR} (Giám đốc Sở trình)` },
  'proposals.sector.next': { award: 'Giấy khen của Giám đốc Sở', count: 2, grantor: 'Giám đốc Sở' },
  'quota.cstdcs_over_ldtt': 0.15,
  'quota.ttldxs_min_ldtt_share': 0.7,
  'quota.ttldxs_min_cstdcs': 1,
  'quota.ttldtt_min_ldtt_share': 0.5,
  'quota.cstd_tinh_consecutive_cstdcs': 3,
  'document.issuer_parent': '',
  'document.issuer': 'SỞ TÀI CHÍNH',
  'document.number_suffix': 'BC-STC',
  'document.place': '',
  'document.signer_authority': 'KT. GIÁM ĐỐC',
  'document.signer_title': 'PHÓ GIÁM ĐỐC',
  'document.signer_name': '',
  'document.recipients': ['Như trên;', 'Lãnh đạo Sở;', 'Hội đồng Thi đua – Khen thưởng tỉnh;', 'Các đơn vị trong khối;', 'Lưu: VT, VP.'],
};
