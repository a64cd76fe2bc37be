import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOn, withConnection, type Db } from '@/lib/db/client';
import { UnitResolver } from './resolve';

/** Builds a resolver from the units and aliases in the database. */
export async function loadUnitResolverOn(conn: DuckDBConnection): Promise<UnitResolver> {
  const units = await queryOn<{ unit_id: number; name: string; abbreviation: string | null }>(
    conn,
    'SELECT unit_id, name, abbreviation FROM units ORDER BY unit_id',
  );
  const aliases = await queryOn<{ alias_key: string; unit_id: number }>(conn, 'SELECT alias_key, unit_id FROM unit_aliases');
  return new UnitResolver(
    units.map((u) => ({ unitId: Number(u.unit_id), name: u.name, abbreviation: u.abbreviation })),
    aliases.map((a) => ({ aliasKey: a.alias_key, unitId: Number(a.unit_id) })),
  );
}

export function loadUnitResolver(db: Db): Promise<UnitResolver> {
  return withConnection(db, loadUnitResolverOn);
}
