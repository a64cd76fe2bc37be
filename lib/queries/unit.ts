import { z } from 'zod';
import { reused } from '@/lib/db/cache';
import { query, type Db } from '@/lib/db/client';
import { blocPeriodFields, date, num, numOrNull, str, strOrNull } from './rows';
import { AwardRow as ListAwardRow } from './lists';
import { CHOSEN_SCORE_PERIODS } from './overview';
import { LOADED_ACTIVITIES, LOADED_AWARDS, OVERLAPPING_WINDOW } from './scope';
import { scoreTotalsSql } from '@/lib/scoring/sql';

const UnitInfoRow = z.object({
  unit_id: num,
  unit_name: str,
  unit_kind: str,
  abbreviation: strOrNull,
  headcount: numOrNull,
  successor_id: numOrNull,
  successor_name: strOrNull,
});
export type UnitInfo = z.infer<typeof UnitInfoRow>;

export const unitInfo = reused('unitInfo', async function unitInfo(db: Db, unitId: number): Promise<UnitInfo | null> {
  const rows = await query(
    db,
    `SELECT u.unit_id, u.unit_name, u.unit_kind, u.abbreviation, u.headcount, u.successor_id, s.name AS successor_name
     FROM v_units u LEFT JOIN units s ON s.unit_id = u.successor_id WHERE u.unit_id = $unit`,
    { unit: unitId },
    UnitInfoRow,
  );
  return rows[0] ?? null;
});

const MembershipRow = z.object({ bloc_id: num, bloc_name: str, year: num });
export const unitMemberships = reused('unitMemberships', async function unitMemberships(db: Db, unitId: number) {
  return query(
    db,
    `SELECT bloc_id, bloc_name, year FROM v_bloc_members WHERE unit_id = $unit ORDER BY year DESC, bloc_name`,
    { unit: unitId },
    MembershipRow,
  );
});

const ActivityRow = z.object({ activity_id: num, activity_date: date, channel: str, title: str, participants: num, exemplar: strOrNull });
/** The unit's most recent activities in a window. */
export const unitActivities = reused('unitActivities', async function unitActivities(db: Db, unitId: number, w: { start: string; end: string }, limit: number = 20) {
  return query(
    db,
    `SELECT activity_id, strftime(activity_date, '%Y-%m-%d') AS activity_date, channel, title, participants, exemplar
     FROM v_activities WHERE unit_id = $unit AND activity_date BETWEEN $start::DATE AND $end::DATE
     ORDER BY activity_date DESC, activity_id DESC LIMIT $limit`,
    { unit: unitId, start: w.start, end: w.end, limit },
    ActivityRow,
  );
});

// A unit's own awards: the list's row without the unit columns.
const AwardRow = ListAwardRow.omit({ unit_id: true, unit_name: true });

/** The unit's awards of the period's year(s). */
export const unitAwards = reused('unitAwards', async function unitAwards(db: Db, unitId: number, years: { from: number; to: number }, limit: number = 50) {
  return query(
    db,
    `SELECT award_id, recipient_name, recipient_type, award_name, award_kind, award_level, decision_no,
            strftime(decision_date, '%Y-%m-%d') AS decision_date, award_year
     FROM v_awards WHERE unit_id = $unit AND award_year BETWEEN $from AND $to
     ORDER BY decision_date DESC NULLS LAST, award_id LIMIT $limit`,
    { unit: unitId, from: years.from, to: years.to, limit },
    AwardRow,
  );
});

const HistoryRow = z.object({ ...blocPeriodFields, total_points: num, rank: num, members: num });
export type UnitScoreHistory = z.infer<typeof HistoryRow>;

/** Total and rank in each score period the unit was scored, with the bloc's size then. */
export const unitScoreHistory = reused('unitScoreHistory', async function unitScoreHistory(db: Db, unitId: number): Promise<UnitScoreHistory[]> {
  return query(
    db,
    `WITH t AS (SELECT *, count(*) OVER (PARTITION BY bloc_id, period_start, period_end)::INTEGER AS members
               FROM ${scoreTotalsSql('s.bloc_id IN (SELECT bloc_id FROM scores WHERE unit_id = $unit)')})
     SELECT bloc_id, bloc_name, period, strftime(period_start, '%Y-%m-%d') AS period_start,
            strftime(period_end, '%Y-%m-%d') AS period_end, total_points::DOUBLE AS total_points, rank, members
     FROM t WHERE unit_id = $unit ORDER BY period_end, period_start DESC, bloc_name`,
    { unit: unitId },
    HistoryRow,
  );
});

const CriterionRow = z.object({
  bloc_id: num,
  period: str,
  criterion_group: strOrNull,
  criterion_code: strOrNull,
  criterion: str,
  criterion_kind: str,
  max_points: numOrNull,
  self_points: numOrNull,
  assessed_points: numOrNull,
  bloc_average: numOrNull,
});
/** Scores by criterion in the score period chosen for the filter, next to the bloc average. */
export const unitCriteria = reused('unitCriteria', async function unitCriteria(db: Db, unitId: number, w: { start: string; end: string }) {
  return query(
    db,
    `WITH tot AS ${scoreTotalsSql('s.bloc_id IN (SELECT bloc_id FROM scores WHERE unit_id = $unit) AND ' + OVERLAPPING_WINDOW)},
          chosen AS (${CHOSEN_SCORE_PERIODS}),
          s AS (SELECT v.* FROM v_scores v JOIN chosen c USING (bloc_id, period_start, period_end))
     SELECT s.bloc_id, s.period, s.criterion_group, s.criterion_code, s.criterion, s.criterion_kind,
            s.max_points, s.self_points, s.assessed_points,
            round((SELECT avg(o.assessed_points) FROM s o WHERE o.bloc_id = s.bloc_id AND o.criterion = s.criterion
                   AND o.criterion_kind = s.criterion_kind), 2)::DOUBLE AS bloc_average
     FROM s WHERE s.unit_id = $unit ORDER BY s.bloc_id, s.sort_order, s.criterion_code, s.criterion`,
    { unit: unitId, pStart: w.start, pEnd: w.end },
    CriterionRow,
  );
});

const UnitKpiRow = z.object({ activities: num, participants: num, awards: num });
export const unitKpis = reused('unitKpis', async function unitKpis(db: Db, unitId: number, w: { start: string; end: string; yearFrom: number; yearTo: number }) {
  const rows = await query(
    db,
    `SELECT (SELECT count(*) FROM ${LOADED_ACTIVITIES} WHERE unit_id = $unit AND activity_date BETWEEN $start::DATE AND $end::DATE)::INTEGER AS activities,
            (SELECT coalesce(sum(participants), 0) FROM ${LOADED_ACTIVITIES} WHERE unit_id = $unit AND activity_date BETWEEN $start::DATE AND $end::DATE)::BIGINT AS participants,
            (SELECT count(*) FROM ${LOADED_AWARDS} WHERE unit_id = $unit AND award_year BETWEEN $yf AND $yt)::INTEGER AS awards`,
    { unit: unitId, start: w.start, end: w.end, yf: w.yearFrom, yt: w.yearTo },
    UnitKpiRow,
  );
  return rows[0];
});
