import { z } from 'zod';
import { getDb, query } from '../db/client';

const ActivitiesByYear = z.object({ year: z.coerce.number(), activities: z.coerce.number() });

/** Activities per year: the smallest query that proves server component → DuckDB → chart. */
export async function activitiesByYear(db?: Awaited<ReturnType<typeof getDb>>) {
  return query(
    db ?? (await getDb()),
    `SELECT year(activity_date)::INTEGER AS year, count(*)::INTEGER AS activities
     FROM v_activities GROUP BY 1 ORDER BY 1`,
    {},
    ActivitiesByYear,
  );
}
