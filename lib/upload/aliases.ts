import { z } from 'zod';
import { query, queryOn, withWriteTransaction, type Db } from '@/lib/db/client';
import { loadUnitResolver } from '@/lib/units/load';
import { unitKeyVariants } from '@/lib/units/resolve';
import { cleanText, foldKey } from '@/lib/text';
import type { SessionUser } from '@/lib/auth/types';

/**
 * Unit names the store could not resolve, and the Office's answers to them: an alias
 * (unit_aliases, source 'office') so the next upload resolves the name by itself.
 */
export interface UnresolvedName {
  name: string;
  /** Rows kept with this raw name and no unit (awards). */
  storedRows: number;
  /** Errors naming it in uploads of the last 30 days that were rejected. */
  rejectedMentions: number;
  lastFile: string | null;
  suggestions: string[];
}

const StoredRow = z.object({ name: z.string(), n: z.coerce.number(), last_file: z.string().nullable() });
const StagedRow = z.object({ file_name: z.string(), result_json: z.string() });

/** The unit name a pipeline message quotes: "… không tìm thấy đơn vị «name» …" (the column is quoted too). */
function quotedName(message: string): string | null {
  const m = /đơn vị «([^»]{1,200})»/.exec(message);
  return m ? cleanText(m[1]) : null;
}

export async function listUnresolvedNames(db: Db, limit = 100): Promise<UnresolvedName[]> {
  const resolver = await loadUnitResolver(db);
  const byKey = new Map<string, UnresolvedName>();
  const add = (name: string, stored: number, rejected: number, file: string | null) => {
    if (resolver.resolve(name).ok) return;
    const key = foldKey(name);
    if (!key) return;
    const item = byKey.get(key) ?? { name, storedRows: 0, rejectedMentions: 0, lastFile: null, suggestions: [] };
    item.storedRows += stored;
    item.rejectedMentions += rejected;
    item.lastFile ??= file;
    byKey.set(key, item);
  };

  const stored = await query(
    db,
    `SELECT x.unit_raw AS name, count(*)::INTEGER AS n, arg_max(b.file_name, b.batch_id) AS last_file
     FROM (SELECT unit_raw, batch_id FROM awards WHERE unit_id IS NULL AND unit_raw IS NOT NULL
           UNION ALL SELECT unit_raw, batch_id FROM activities WHERE unit_id IS NULL) x
     JOIN import_batches b ON b.batch_id = x.batch_id AND b.status = 'loaded'
     GROUP BY x.unit_raw ORDER BY n DESC LIMIT 1000`,
    {},
    StoredRow,
  );
  for (const r of stored) add(r.name, r.n, 0, r.last_file);

  const staged = await query(
    db,
    `SELECT file_name, result_json FROM upload_staging
     WHERE status = 'rejected' AND result_json IS NOT NULL AND created_at > current_timestamp::TIMESTAMP - INTERVAL 30 DAY
     ORDER BY created_at DESC LIMIT 200`,
    {},
    StagedRow,
  );
  for (const s of staged) {
    const parsed = JSON.parse(s.result_json) as { result?: { errors?: { code?: string; message: string }[] } };
    for (const e of parsed.result?.errors ?? []) {
      if (e.code !== 'unit_unknown') continue;
      const name = quotedName(e.message);
      if (name) add(name, 0, 1, s.file_name);
    }
  }

  const list = [...byKey.values()].sort((a, b) => b.storedRows + b.rejectedMentions - (a.storedRows + a.rejectedMentions)).slice(0, limit);
  for (const item of list) item.suggestions = resolver.closest(item.name, 3);
  return list;
}

export const UnitOption = z.object({ unit_id: z.coerce.number(), name: z.string(), abbreviation: z.string().nullable() });
export type UnitOption = z.infer<typeof UnitOption>;

export async function listUnitOptions(db: Db): Promise<UnitOption[]> {
  return query(db, 'SELECT unit_id, name, abbreviation FROM units ORDER BY name', {}, UnitOption);
}

export const OfficeAlias = z.object({ alias: z.string(), unit_name: z.string(), alias_key: z.string() });

export async function listOfficeAliases(db: Db) {
  return query(
    db,
    `SELECT a.alias, u.name AS unit_name, a.alias_key FROM unit_aliases a JOIN units u USING (unit_id)
     WHERE a.source = 'office' ORDER BY u.name, a.alias`,
    {},
    OfficeAlias,
  );
}

export class AliasError extends Error {}

/**
 * Records `name` as another way of writing unit `unitId`, and attaches the stored rows that
 * were kept under that name without a unit. Returns how many rows were attached.
 */
export async function addOfficeAlias(db: Db, input: { name: string; unitId: number }, user: SessionUser): Promise<{ attached: number; unitName: string }> {
  if (user.role === 'viewer') throw new AliasError('Tài khoản của bạn không có quyền sửa danh mục đơn vị.');
  const name = cleanText(input.name ?? '');
  const key = foldKey(name);
  if (!key || name.length > 200) throw new AliasError('Hãy nhập tên gọi khác (tối đa 200 ký tự).');
  const [unit] = await query(db, 'SELECT unit_id, name, abbreviation FROM units WHERE unit_id = $id', { id: input.unitId }, UnitOption);
  if (!unit) throw new AliasError('Hãy chọn một đơn vị trong danh mục.');
  const resolver = await loadUnitResolver(db);
  const current = resolver.resolve(name);
  if (current.ok && current.unitId !== unit.unit_id && current.via !== 'alias' && current.via !== 'prefix') {
    throw new AliasError(`«${name}» đã là tên của đơn vị «${current.name}»; không thể gán cho «${unit.name}».`);
  }

  return withWriteTransaction(db, async (conn) => {
    await conn.run(
      `INSERT INTO unit_aliases (alias_key, alias, unit_id, source) VALUES ($k, $a, $u, 'office')
       ON CONFLICT (alias_key) DO UPDATE SET alias = excluded.alias, unit_id = excluded.unit_id, source = 'office'`,
      { k: key, a: name, u: unit.unit_id },
    );
    // Rows kept under this name without a unit (awards are kept with a warning) now belong to it.
    let attached = 0;
    for (const table of ['awards', 'activities'] as const) {
      const raws = await queryOn(conn, `SELECT DISTINCT unit_raw FROM ${table} WHERE unit_id IS NULL AND unit_raw IS NOT NULL`, {}, z.object({ unit_raw: z.string() }));
      const matching = raws.map((r) => r.unit_raw).filter((raw) => unitKeyVariants(raw).includes(key));
      for (const raw of matching) {
        const [c] = await queryOn(conn, `SELECT count(*)::INTEGER AS n FROM ${table} WHERE unit_id IS NULL AND unit_raw = $r`, { r: raw }, z.object({ n: z.coerce.number() }));
        await conn.run(`UPDATE ${table} SET unit_id = $u WHERE unit_id IS NULL AND unit_raw = $r`, { u: unit.unit_id, r: raw });
        attached += c.n;
      }
    }
    return { attached, unitName: unit.name };
  });
}

/** Removes an alias the Office added (rows already attached keep their unit). */
export async function removeOfficeAlias(db: Db, aliasKey: string, user: SessionUser): Promise<void> {
  if (user.role === 'viewer') throw new AliasError('Tài khoản của bạn không có quyền sửa danh mục đơn vị.');
  await withWriteTransaction(db, (c) => c.run("DELETE FROM unit_aliases WHERE alias_key = $k AND source = 'office'", { k: aliasKey }));
}
