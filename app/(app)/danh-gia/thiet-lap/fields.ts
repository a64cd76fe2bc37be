import type { SettingKey, TierKey } from '@/lib/settings/definitions';

/** Settings entered as percentages on the form (stored as ratios 0–1). */
export const RATIO_KEYS = ['quota.cstdcs_over_ldtt', 'quota.ttldxs_min_ldtt_share', 'quota.ttldtt_min_ldtt_share'] as const;
/** Settings entered as whole numbers. */
export const COUNT_KEYS = ['quota.ttldxs_min_cstdcs', 'quota.cstd_tinh_consecutive_cstdcs'] as const satisfies readonly SettingKey[];
/** Proposal tiers: award, count and grantor fields named `<key>.award` etc. */
export const TIER_KEYS = [
  'proposals.province.first',
  'proposals.province.next',
  'proposals.department.first',
  'proposals.department.next',
  'proposals.sector.first',
  'proposals.sector.next',
] as const satisfies readonly TierKey[];
