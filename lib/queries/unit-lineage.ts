import { z } from 'zod';
import { query, type Db } from '@/lib/db/client';
import { dateOrNull, num, str, strOrNull } from './rows';
import { LOADED_ACTIVITIES, LOADED_AWARDS } from './scope';

/**
 * A unit through time (v_unit_lineage): what it was merged from, its validity interval and
 * province, and its yearly series with the history of the units merged into it folded in, so
 * that a Sở that took over another from 01/3/2025 compares 2025 with both Sở's 2024.
 */

const LineageRow = z.object({
  root_unit_id: num,
  root_unit_name: str,
  merged_from: strOrNull,
  merged_on: dateOrNull,
  valid_from: dateOrNull,
  valid_to: dateOrNull,
  province: strOrNull,
});
type UnitLineage = z.infer<typeof LineageRow>;

export async function unitLineage(db: Db, unitId: number): Promise<UnitLineage | null> {
  const rows = await query(
    db,
    `SELECT l.root_unit_id, l.root_unit_name, l.merged_from, strftime(l.merged_on, '%Y-%m-%d') AS merged_on,
            strftime(u.valid_from, '%Y-%m-%d') AS valid_from, strftime(u.valid_to, '%Y-%m-%d') AS valid_to, u.province
     FROM v_unit_lineage l JOIN v_units u USING (unit_id) WHERE l.unit_id = $unit`,
    { unit: unitId },
    LineageRow,
  );
  return rows[0] ?? null;
}

/** The unit itself and every unit whose successor chain ends at it. */
const FOLDED_UNITS = `(SELECT unit_id FROM v_unit_lineage WHERE root_unit_id = $unit UNION SELECT $unit::INTEGER)`;

const YearRow = z.object({
  year: num,
  activities: num,
  participants: num,
  awards: num,
  merged_activities: num,
  merged_awards: num,
});
type UnitYear = z.infer<typeof YearRow>;

/**
 * Activities, participants and awards per year of the unit together with its predecessors
 * (merged_*: the predecessors' share), every year any of them has rows.
 */
export async function unitYearlySeries(db: Db, unitId: number): Promise<UnitYear[]> {
  return query(
    db,
    `WITH a AS (SELECT year(activity_date) AS year, count(*) AS activities, coalesce(sum(participants), 0) AS participants,
                       count(*) FILTER (WHERE unit_id <> $unit) AS merged_activities
                FROM ${LOADED_ACTIVITIES} WHERE unit_id IN ${FOLDED_UNITS} GROUP BY 1),
          w AS (SELECT award_year AS year, count(*) AS awards, count(*) FILTER (WHERE unit_id <> $unit) AS merged_awards
                FROM ${LOADED_AWARDS} WHERE unit_id IN ${FOLDED_UNITS} GROUP BY 1)
     SELECT year, coalesce(a.activities, 0)::INTEGER AS activities, coalesce(a.participants, 0)::BIGINT AS participants,
            coalesce(w.awards, 0)::INTEGER AS awards, coalesce(a.merged_activities, 0)::INTEGER AS merged_activities,
            coalesce(w.merged_awards, 0)::INTEGER AS merged_awards
     FROM a FULL JOIN w USING (year) ORDER BY year`,
    { unit: unitId },
    YearRow,
  );
}
