import { z } from 'zod';
import { reused } from '@/lib/db/cache';
import { query, type Db } from '@/lib/db/client';
import { num, numOrNull, str, strOrNull } from './rows';

const LatestRow = z.object({ latest_year: numOrNull, activities: num, awards: num, scores: num, units: num });
export type DataExtent = z.infer<typeof LatestRow>;

/** Latest year with any fact, and row counts (an empty database shows what to do next). */
export const dataExtent = reused('dataExtent', async function dataExtent(db: Db): Promise<DataExtent> {
  const rows = await query(
    db,
    `WITH b AS (SELECT batch_id FROM import_batches WHERE status = 'loaded')
     SELECT greatest((SELECT year(max(activity_date)) FROM activities WHERE batch_id IN (SELECT batch_id FROM b)),
                     (SELECT max(award_year) FROM awards WHERE batch_id IN (SELECT batch_id FROM b)),
                     (SELECT year(max(period_end)) FROM scores WHERE batch_id IN (SELECT batch_id FROM b)))::INTEGER AS latest_year,
            (SELECT count(*) FROM activities WHERE batch_id IN (SELECT batch_id FROM b))::BIGINT AS activities,
            (SELECT count(*) FROM awards WHERE batch_id IN (SELECT batch_id FROM b))::BIGINT AS awards,
            (SELECT count(*) FROM scores WHERE batch_id IN (SELECT batch_id FROM b))::BIGINT AS scores,
            (SELECT count(*) FROM units)::BIGINT AS units`,
    {},
    LatestRow,
  );
  return rows[0];
});

const OptionRow = z.object({ id: num, name: str, detail: strOrNull });
export type Option = z.infer<typeof OptionRow>;

export const blocOptions = reused('blocOptions', async function blocOptions(db: Db): Promise<Option[]> {
  return query(db, `SELECT bloc_id AS id, name, short_name AS detail FROM blocs ORDER BY name`, {}, OptionRow);
});

/** Units, optionally only the members of a bloc in a year. */
export const unitOptions = reused('unitOptions', async function unitOptions(db: Db, bloc: number | null = null, year: number | null = null): Promise<Option[]> {
  if (bloc !== null && year !== null) {
    return query(
      db,
      `SELECT u.unit_id AS id, u.name, u.abbreviation AS detail FROM units u
       WHERE u.unit_id IN (SELECT unit_id FROM bloc_members WHERE bloc_id = $bloc AND year = $year) ORDER BY u.name`,
      { bloc, year },
      OptionRow,
    );
  }
  return query(db, `SELECT unit_id AS id, name, abbreviation AS detail FROM units ORDER BY name`, {}, OptionRow);
});

export const movementOptions = reused('movementOptions', async function movementOptions(db: Db): Promise<Option[]> {
  return query(db, `SELECT movement_id AS id, name, NULL::VARCHAR AS detail FROM movements ORDER BY name`, {}, OptionRow);
});

/** Blocs with at least one member, for the navigation menu. */
export const blocMenu = reused('blocMenu', async function blocMenu(db: Db): Promise<Option[]> {
  return query(
    db,
    `SELECT b.bloc_id AS id, b.name, b.short_name AS detail FROM blocs b
     WHERE EXISTS (SELECT 1 FROM bloc_members m WHERE m.bloc_id = b.bloc_id) ORDER BY b.name`,
    {},
    OptionRow,
  );
});
