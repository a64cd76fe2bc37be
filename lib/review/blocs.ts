import { z } from 'zod';
import { query, queryOn, withWriteTransaction, type Db } from '../db/client';
import { inferBlocOrganiser, isBlocOrganiser, type BlocOrganiser } from '../bloc-organiser';
import { fold } from '../text';

const BlocRow = z.object({
  bloc_id: z.coerce.number(),
  name: z.string(),
  short_name: z.string().nullable(),
  organiser: z.string().nullable(),
  organiser_set_by: z.string().nullable(),
});
export type Bloc = {
  blocId: number;
  name: string;
  shortName: string | null;
  /** Who organises the bloc (stored, else read from its name); null when unknown. */
  organiser: BlocOrganiser | null;
  /** 'import' (from the name on import), 'name' (read from the name now), an admin's user name, or null. */
  organiserSource: string | null;
};

export async function listBlocs(db: Db): Promise<Bloc[]> {
  const rows = await query(
    db,
    `SELECT b.bloc_id, b.name, b.short_name, o.organiser, o.set_by AS organiser_set_by FROM blocs b LEFT JOIN bloc_organisers o USING (bloc_id) ORDER BY b.name`,
    {},
    BlocRow,
  );
  return rows.map((r) => {
    const stored = isBlocOrganiser(r.organiser) ? r.organiser : null;
    const inferred = stored ? null : inferBlocOrganiser(r.name);
    return {
      blocId: r.bloc_id,
      name: r.name,
      shortName: r.short_name,
      organiser: stored ?? inferred,
      organiserSource: stored ? r.organiser_set_by : inferred ? 'name' : null,
    };
  });
}

/** An admin sets who organises a bloc (null: unknown); the caller checks the role. */
export async function setBlocOrganiser(db: Db, blocId: number, organiser: BlocOrganiser | null, by: string): Promise<void> {
  await withWriteTransaction(db, async (conn) => {
    await queryOn(conn, `DELETE FROM bloc_organisers WHERE bloc_id = $b`, { b: blocId });
    if (organiser) await queryOn(conn, `INSERT INTO bloc_organisers (bloc_id, organiser, set_by) VALUES ($b, $o, $by)`, { b: blocId, o: organiser, by });
  });
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
