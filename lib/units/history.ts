import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOn } from '@/lib/db/client';

/**
 * Before-images of a units batch: each unit and alias the batch changed, as it was before (or
 * that it did not exist), so undoing the batch puts the catalogue back as it was.
 */
export class UnitsBeforeImages {
  private units = new Set<number>();
  private aliases = new Set<string>();

  constructor(
    private conn: DuckDBConnection,
    private batchId: number,
  ) {}

  /** Before changing unit `unitId` (once per batch: the first image is the one to restore). */
  async unit(unitId: number): Promise<void> {
    if (this.units.has(unitId)) return;
    this.units.add(unitId);
    await this.conn.run(
      `INSERT INTO unit_before_images (batch_id, unit_id, existed, name, abbreviation, kind, parent_id, successor_id, valid_to, headcount, prev_batch_id,
         valid_from, province, merged_on)
       SELECT $b, unit_id, true, name, abbreviation, kind, parent_id, successor_id, valid_to, headcount, batch_id, valid_from, province, merged_on
       FROM units WHERE unit_id = $u`,
      { b: this.batchId, u: unitId },
    );
  }

  /** After inserting unit `unitId`: it did not exist before the batch. */
  async created(unitId: number): Promise<void> {
    this.units.add(unitId);
    await this.conn.run('INSERT INTO unit_before_images (batch_id, unit_id, existed) VALUES ($b, $u, false)', { b: this.batchId, u: unitId });
  }

  /** Before writing alias `key`. */
  async alias(key: string): Promise<void> {
    if (this.aliases.has(key)) return;
    this.aliases.add(key);
    const before = await queryOn(this.conn, 'SELECT 1 AS x FROM unit_aliases WHERE alias_key = $k', { k: key });
    if (before.length) {
      await this.conn.run(
        'INSERT INTO alias_before_images (batch_id, alias_key, existed, alias, unit_id, source) SELECT $b, alias_key, true, alias, unit_id, source FROM unit_aliases WHERE alias_key = $k',
        { b: this.batchId, k: key },
      );
    } else await this.conn.run('INSERT INTO alias_before_images (batch_id, alias_key, existed) VALUES ($b, $k, false)', { b: this.batchId, k: key });
  }
}

export class UnitsUndoError extends Error {}

/**
 * Puts units and aliases back as they were before `batchId`, inside the caller's transaction.
 * A unit the batch created is removed, unless rows of a loaded batch already refer to it: then
 * the undo is refused (those batches must be undone first) rather than leave rows without a unit.
 */
export async function restoreUnitsBatch(conn: DuckDBConnection, batchId: number): Promise<void> {
  const created = await queryOn<{ unit_id: number; name: string; n: number }>(
    conn,
    `SELECT i.unit_id, u.name,
       ((SELECT count(*) FROM activities a JOIN import_batches b USING (batch_id) WHERE a.unit_id = i.unit_id AND b.status = 'loaded')
      + (SELECT count(*) FROM awards a JOIN import_batches b USING (batch_id) WHERE a.unit_id = i.unit_id AND b.status = 'loaded')
      + (SELECT count(*) FROM scores s JOIN import_batches b USING (batch_id) WHERE s.unit_id = i.unit_id AND b.status = 'loaded'))::INTEGER AS n
     FROM unit_before_images i JOIN units u USING (unit_id)
     WHERE i.batch_id = $b AND NOT i.existed ORDER BY u.name`,
    { b: batchId },
  );
  const used = created.filter((c) => Number(c.n) > 0);
  if (used.length) {
    const names = used.slice(0, 5).map((u) => `«${u.name}» (${Number(u.n).toLocaleString('vi-VN')} dòng)`).join(', ');
    throw new UnitsUndoError(
      `Không thể hủy lần nhập #${batchId}: dữ liệu đã nhập sau đó đang dùng đơn vị do lần nhập này thêm vào: ${names}${used.length > 5 ? ` và ${used.length - 5} đơn vị khác` : ''}. Hãy hủy các lần nhập đó trước.`,
    );
  }
  // Aliases first (they point at units), then units.
  await conn.run(
    `DELETE FROM unit_aliases WHERE alias_key IN (SELECT alias_key FROM alias_before_images WHERE batch_id = $b)`,
    { b: batchId },
  );
  await conn.run(
    `INSERT INTO unit_aliases (alias_key, alias, unit_id, source)
     SELECT alias_key, alias, unit_id, source FROM alias_before_images WHERE batch_id = $b AND existed`,
    { b: batchId },
  );
  await conn.run(
    `UPDATE units SET abbreviation = i.abbreviation, kind = i.kind, parent_id = i.parent_id, successor_id = i.successor_id,
       valid_to = i.valid_to, headcount = i.headcount, batch_id = i.prev_batch_id, valid_from = i.valid_from, province = i.province,
       merged_on = i.merged_on
     FROM unit_before_images i WHERE i.batch_id = $b AND i.existed AND units.unit_id = i.unit_id`,
    { b: batchId },
  );
  await conn.run('DELETE FROM unit_aliases WHERE unit_id IN (SELECT unit_id FROM unit_before_images WHERE batch_id = $b AND NOT existed)', { b: batchId });
  await conn.run('DELETE FROM bloc_members WHERE unit_id IN (SELECT unit_id FROM unit_before_images WHERE batch_id = $b AND NOT existed)', { b: batchId });
  await conn.run('UPDATE units SET parent_id = NULL WHERE parent_id IN (SELECT unit_id FROM unit_before_images WHERE batch_id = $b AND NOT existed)', { b: batchId });
  await conn.run('UPDATE units SET successor_id = NULL WHERE successor_id IN (SELECT unit_id FROM unit_before_images WHERE batch_id = $b AND NOT existed)', { b: batchId });
  await conn.run('DELETE FROM units WHERE unit_id IN (SELECT unit_id FROM unit_before_images WHERE batch_id = $b AND NOT existed)', { b: batchId });
  await conn.run('DELETE FROM unit_alias_authors WHERE alias_key NOT IN (SELECT alias_key FROM unit_aliases)');
}
