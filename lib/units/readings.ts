import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { query, type Db } from '@/lib/db/client';
import type { UnitReading } from './resolve';

/** The unit names of a batch that were not written as in the catalogue, and how each was read. */
export async function saveUnitReadings(conn: DuckDBConnection, batchId: number, readings: UnitReading[]): Promise<void> {
  // Bounded by the distinct names of one file; blocks keep each statement small.
  for (let i = 0; i < readings.length; i += 200) {
    const part = readings.slice(i, i + 200);
    const params: Record<string, string | number> = { b: batchId };
    const values = part.map((r, j) => {
      params[`t${j}`] = r.text;
      params[`u${j}`] = r.unitId;
      params[`r${j}`] = r.rule;
      return `($b, $t${j}, $u${j}, $r${j})`;
    });
    await conn.run(`INSERT INTO import_unit_readings (batch_id, raw_name, unit_id, rule) VALUES ${values.join(', ')}`, params);
  }
}

const ReadingRow = z.object({ raw_name: z.string(), unit_id: z.coerce.number(), unit_name: z.string(), rule: z.string() });

export async function batchUnitReadings(db: Db, batchId: number): Promise<UnitReading[]> {
  const rows = await query(
    db,
    `SELECT r.raw_name, r.unit_id, u.name AS unit_name, r.rule FROM import_unit_readings r JOIN units u USING (unit_id)
     WHERE r.batch_id = $b ORDER BY r.raw_name`,
    { b: batchId },
    ReadingRow,
  );
  return rows.map((r) => ({ text: r.raw_name, unitId: r.unit_id, unitName: r.unit_name, rule: r.rule }));
}
