import { z } from 'zod';
import { query, type Db } from '../db/client';
import { fold } from '../text';

const BlocRow = z.object({ bloc_id: z.coerce.number(), name: z.string(), short_name: z.string().nullable() });
export type Bloc = { blocId: number; name: string; shortName: string | null };

export async function listBlocs(db: Db): Promise<Bloc[]> {
  const rows = await query(db, `SELECT bloc_id, name, short_name FROM blocs ORDER BY name`, {}, BlocRow);
  return rows.map((r) => ({ blocId: r.bloc_id, name: r.name, shortName: r.short_name }));
}

/**
 * Finds a bloc by id, exact name, short name or accent-insensitive name; a unique partial
 * match also counts ("phong thuoc so" finds "Khối thi đua các phòng thuộc Sở Tài chính").
 */
export async function findBloc(db: Db, nameOrId: string): Promise<Bloc | null> {
  const blocs = await listBlocs(db);
  const wanted = nameOrId.trim();
  if (/^\d+$/.test(wanted)) {
    const byId = blocs.find((b) => b.blocId === Number(wanted));
    if (byId) return byId;
  }
  const key = fold(wanted);
  if (!key) return null;
  const exact = blocs.filter((b) => fold(b.name) === key || (b.shortName && fold(b.shortName) === key));
  if (exact.length === 1) return exact[0];
  const partial = blocs.filter((b) => fold(b.name).includes(key));
  return partial.length === 1 ? partial[0] : null;
}

const PeriodRow = z.object({ period: z.string() });

/** Score periods of a bloc, newest first (as stored: `2022`, `2022-H1`). */
export async function listScorePeriods(db: Db, blocId: number): Promise<string[]> {
  const rows = await query(
    db,
    `SELECT DISTINCT period FROM v_scores WHERE bloc_id = $bloc ORDER BY period DESC`,
    { bloc: blocId },
    PeriodRow,
  );
  return rows.map((r) => r.period);
}
