import { getDb, type Db } from '@/lib/db/client';
import { type SearchParams } from '@/lib/routes';
import { blocOptions, dataExtent, movementOptions, unitOptions, type DataExtent, type Option } from './options';

/** Filter options and the data extent for the list pages. */
export async function listContext(_sp: SearchParams): Promise<{ db: Db; extent: DataExtent; years: number[]; blocs: Option[]; units: Option[]; movements: Option[] }> {
  const db = await getDb();
  const [extent, blocs, units, movements] = await Promise.all([dataExtent(db), blocOptions(db), unitOptions(db), movementOptions(db)]);
  const latest = extent.latest_year ?? new Date().getFullYear();
  return { db, extent, years: Array.from({ length: 6 }, (_, i) => latest - i), blocs, units, movements };
}
