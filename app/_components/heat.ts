import type { HeatBand } from '@/lib/scoring/rules';

/** One colour per heat band (lib/scoring/rules.ts), shared by the bloc page and the review. */
const HEAT_BAND_CLASS: Record<HeatBand, string> = {
  high: 'bg-emerald-200',
  good: 'bg-emerald-100',
  fair: 'bg-amber-100',
  low: 'bg-red-100',
};

export function heatBandClass(band: HeatBand | null | undefined): string {
  return band ? HEAT_BAND_CLASS[band] : '';
}
