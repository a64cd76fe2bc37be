/** Settings entered as percentages on the form (stored as ratios 0–1). */
export const RATIO_KEYS = ['quota.cstdcs_over_ldtt', 'quota.ttldxs_min_ldtt_share'] as const;
