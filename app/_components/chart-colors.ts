/**
 * The colours charts draw with, in one place: Tremor's own order for categories given no colour
 * (`TREMOR_ORDER`, the first eight of its theme range; a chart never has more series), and the ones
 * pages name. Tailwind keeps exactly their shade-500 classes (tailwind.config.ts): Tremor builds
 * those class names at run time, so no scan of the source can find them.
 */
export const TREMOR_ORDER = ['blue', 'cyan', 'sky', 'indigo', 'violet', 'purple', 'fuchsia', 'slate'] as const;
export const CHART_COLORS = [...TREMOR_ORDER, 'emerald', 'amber'] as const;
export type ChartColor = (typeof CHART_COLORS)[number];
