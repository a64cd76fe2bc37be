import type { Period } from '@/lib/periods';

/**
 * What `etl export DATASET` writes: the analyst views, filtered by period. Identifiers come only
 * from this allow-list; the period is bound as parameters.
 */
export const EXPORTABLE = ['units', 'bloc_members', 'activities', 'awards', 'scores', 'score_totals'] as const;
export type Exportable = (typeof EXPORTABLE)[number];

export function exportQuery(dataset: Exportable, period: Period | null): { sql: string; params: Record<string, string | number> } {
  const p = period ? { start: period.start, end: period.end, year: period.year } : {};
  switch (dataset) {
    case 'units':
      return { sql: 'SELECT unit_id, unit_name, unit_kind, abbreviation, parent_id, successor_id, headcount FROM v_units ORDER BY unit_id', params: {} };
    case 'bloc_members':
      return {
        sql: `SELECT bloc_id, bloc_name, unit_id, unit_name, year FROM v_bloc_members ${period ? 'WHERE year = $year' : ''} ORDER BY year, bloc_id, unit_id`,
        params: period ? { year: period.year } : {},
      };
    case 'activities':
      return {
        sql: `SELECT activity_id, activity_date, unit_id, unit_name, channel, title, participants, batch_id,
                     reach, exemplar, exemplar_kind, exemplar_proposed FROM v_activities
              ${period ? 'WHERE activity_date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)' : ''} ORDER BY activity_date, activity_id`,
        params: period ? { start: p.start!, end: p.end! } : {},
      };
    case 'awards':
      return {
        sql: `SELECT award_id, recipient_name, recipient_type, unit_id, unit_name, award_name, award_kind, award_level, decision_no, decision_date, award_year, batch_id
              FROM v_awards ${period ? 'WHERE award_year = $year' : ''} ORDER BY award_year, award_id`,
        params: period ? { year: period.year } : {},
      };
    case 'scores':
      return {
        sql: `SELECT bloc_id, bloc_name, unit_id, unit_name, period_start, period_end, criterion, criterion_kind, max_points, self_points, assessed_points, batch_id
              FROM v_scores ${period ? 'WHERE period_start >= CAST($start AS DATE) AND period_end <= CAST($end AS DATE)' : ''}
              ORDER BY period_start, period_end, bloc_id, unit_id, sort_order`,
        params: period ? { start: p.start!, end: p.end! } : {},
      };
    case 'score_totals':
      return {
        sql: `SELECT bloc_id, bloc_name, unit_id, unit_name, period_start, period_end, total_points, rank FROM v_score_totals
              ${period ? 'WHERE period_start >= CAST($start AS DATE) AND period_end <= CAST($end AS DATE)' : ''}
              ORDER BY period_start, period_end, bloc_id, rank, unit_name`,
        params: period ? { start: p.start!, end: p.end! } : {},
      };
  }
}
