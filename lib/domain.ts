/**
 * Domain vocabulary shared by the pipeline, the queries and the pages. Stored values are the
 * English identifiers; pages show the Vietnamese labels.
 */

/** The product's name, as officers call it (title bar, login page, files it writes). */
export const PRODUCT_NAME = 'Theo dõi thi đua – khen thưởng';

export const DATASETS = ['units', 'activities', 'awards', 'scores'] as const;
export type Dataset = (typeof DATASETS)[number];
export const DATASET_LABELS: Record<Dataset, string> = {
  units: 'Đơn vị và khối thi đua',
  activities: 'Hoạt động tuyên truyền',
  awards: 'Khen thưởng',
  scores: 'Chấm điểm thi đua khối',
};

const UNIT_KINDS = ['department', 'division', 'agency', 'district_office', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  department: 'Sở, ban, ngành',
  division: 'Phòng thuộc Sở',
  agency: 'Cơ quan, đơn vị cấp tỉnh',
  district_office: 'Phòng Tài chính – Kế hoạch cấp huyện',
  other: 'Khác',
};

/**
 * Propagation channels (hình thức tuyên truyền) as the Sở's propagation plan lists them. The
 * first seven identifiers are the analyst contract's original ones and keep their meaning;
 * later ones split what used to fall into «Khác».
 */
export const CHANNELS = [
  'portal',
  'egov',
  'seminar',
  'contest',
  'event',
  'study_visit',
  'other',
  'social',
  'press',
  'visual',
  'exchange',
] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  portal: 'Cổng/Trang thông tin điện tử',
  egov: 'Hệ thống eGov (chính quyền điện tử)',
  social: 'Mạng xã hội (Zalo, Facebook, …)',
  press: 'Báo chí, phát thanh, truyền hình',
  visual: 'Tuyên truyền trực quan (pano, áp phích, băng rôn)',
  seminar: 'Hội nghị, tọa đàm, sơ kết, tổng kết, phát động',
  exchange: 'Giao lưu, trao đổi',
  contest: 'Cuộc thi, hội thi',
  event: 'Văn hóa, văn nghệ, thể dục thể thao',
  study_visit: 'Tham quan, học tập kinh nghiệm',
  other: 'Khác',
};
/** The order channels are listed in (filters, templates): CHANNEL_LABELS' key order. */
export const CHANNELS_IN_ORDER = Object.keys(CHANNEL_LABELS) as Channel[];

/**
 * Channels where «Số người tham gia» counts people who attended (a conference, an exchange, a
 * contest, an event, a study visit). On the portal and e-government/social pages the same column holds
 * readers reached, often thousands per post: those never count as participation per staff.
 */
export const ATTENDANCE_CHANNELS: readonly Channel[] = ['seminar', 'exchange', 'contest', 'event', 'study_visit'];

/**
 * Kinds of exemplar (điển hình) a propagation activity presents, as the Sở's plan names them.
 * `patterns` match the folded text (lib/text.ts fold: no accents, lower case, single spaces).
 */
export const EXEMPLAR_KINDS = ['advanced', 'new_model', 'new_factor', 'good_deed'] as const;
export type ExemplarKind = (typeof EXEMPLAR_KINDS)[number];
export const EXEMPLAR_KIND_LABELS: Record<ExemplarKind, string> = {
  advanced: 'Điển hình tiên tiến',
  new_model: 'Mô hình mới',
  new_factor: 'Nhân tố mới',
  good_deed: 'Người tốt, việc tốt',
};

export const RECIPIENT_TYPES = ['individual', 'collective', 'household'] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];
export const RECIPIENT_TYPE_LABELS: Record<RecipientType, string> = {
  individual: 'Cá nhân',
  collective: 'Tập thể',
  household: 'Hộ gia đình',
};

export const AWARD_KINDS = ['title', 'commendation'] as const;
export type AwardKind = (typeof AWARD_KINDS)[number];
export const AWARD_KIND_LABELS: Record<AwardKind, string> = {
  title: 'Danh hiệu thi đua',
  commendation: 'Hình thức khen thưởng',
};

/** Level of the issuer, from the highest. */
export const AWARD_LEVELS = ['state', 'government', 'province', 'department', 'grassroots'] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];
export const AWARD_LEVEL_LABELS: Record<AwardLevel, string> = {
  state: 'Nhà nước',
  government: 'Chính phủ, Thủ tướng',
  province: 'Bộ, ban, ngành, tỉnh',
  department: 'Sở, huyện',
  grassroots: 'Cơ sở',
};

const CRITERION_KINDS = ['criterion', 'bonus', 'penalty'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];
export const CRITERION_KIND_LABELS: Record<CriterionKind, string> = {
  criterion: 'Tiêu chí',
  bonus: 'Điểm thưởng',
  penalty: 'Điểm trừ',
};

export const ROLES = ['viewer', 'office', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Lãnh đạo (xem)',
  office: 'Văn phòng (tải lên)',
  admin: 'Quản trị',
};
