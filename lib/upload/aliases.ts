import { z } from 'zod';
import { query, queryOn, withWriteTransaction, type Db } from '@/lib/db/client';
import { loadUnitResolver } from '@/lib/units/load';
import { isUnitProblem, unitNameInMessage } from '@/lib/units/messages';
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
      if (!isUnitProblem(e.code)) continue;
      const name = unitNameInMessage(e.message);
      if (name) add(name, 0, 1, s.file_name);
    }
  }

  const list = [...byKey.values()].sort((a, b) => b.storedRows + b.rejectedMentions - (a.storedRows + a.rejectedMentions)).slice(0, limit);
  for (const item of list) {
    // An ambiguous name: its candidates; an unknown one: the nearest in meaning.
    const m = resolver.resolve(item.name);
    item.suggestions = m.ok ? [] : m.suggestions.length ? m.suggestions : resolver.closest(item.name, 3);
  }
  return list;
}

export const UnitOption = z.object({ unit_id: z.coerce.number(), name: z.string(), abbreviation: z.string().nullable() });
export type UnitOption = z.infer<typeof UnitOption>;

export async function listUnitOptions(db: Db): Promise<UnitOption[]> {
  return query(db, 'SELECT unit_id, name, abbreviation FROM units ORDER BY name', {}, UnitOption);
}

export const RecentReading = z.object({ raw_name: z.string(), unit_id: z.coerce.number(), unit_name: z.string(), rule: z.string(), batch_id: z.coerce.number(), file_name: z.string() });
export type RecentReading = z.infer<typeof RecentReading>;

/** How names of recent loaded batches were read, not yet confirmed as aliases: the Office confirms or corrects them. */
export async function listRecentReadings(db: Db, limit = 100): Promise<RecentReading[]> {
  const rows = await query(
    db,
    `SELECT r.raw_name, r.unit_id, u.name AS unit_name, r.rule, r.batch_id, b.file_name
     FROM import_unit_readings r JOIN units u USING (unit_id) JOIN import_batches b ON b.batch_id = r.batch_id AND b.status = 'loaded'
     ORDER BY r.batch_id DESC, r.raw_name LIMIT 2000`,
    {},
    RecentReading,
  );
  const known = new Set((await query(db, 'SELECT alias_key FROM unit_aliases', {}, z.object({ alias_key: z.string() }))).map((a) => a.alias_key));
  const seen = new Set<string>();
  const out: RecentReading[] = [];
  for (const r of rows) {
    const key = foldKey(r.raw_name);
    if (known.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push(r);
    if (out.length >= limit) break;
  }
  return out;
}

export const AliasRow = z.object({
  alias_key: z.string(),
  alias: z.string(),
  unit_id: z.coerce.number(),
  unit_name: z.string(),
  source: z.enum(['import', 'office']),
  created_by: z.string().nullable(),
  created_at: z.string().nullable(),
  updated_by: z.string().nullable(),
  updated_at: z.string().nullable(),
});
export type AliasRow = z.infer<typeof AliasRow>;

/** Every alias with who added it and when (aliases from a units file have no person). */
export async function listAliases(db: Db): Promise<AliasRow[]> {
  return query(
    db,
    `SELECT a.alias_key, a.alias, a.unit_id, u.name AS unit_name, a.source, w.created_by,
            strftime(w.created_at, '%Y-%m-%d %H:%M:%S') AS created_at, w.updated_by,
            strftime(w.updated_at, '%Y-%m-%d %H:%M:%S') AS updated_at
     FROM unit_aliases a JOIN units u USING (unit_id) LEFT JOIN unit_alias_authors w USING (alias_key)
     ORDER BY a.source DESC, u.name, a.alias`,
    {},
    AliasRow,
  );
}

export class AliasError extends Error {}

function mayEdit(user: SessionUser): void {
  if (user.role !== 'office' && user.role !== 'admin') throw new AliasError('Tài khoản của bạn không có quyền sửa danh mục đơn vị.');
}

async function unitById(db: Db, unitId: number): Promise<UnitOption> {
  const [unit] = Number.isInteger(unitId) ? await query(db, 'SELECT unit_id, name, abbreviation FROM units WHERE unit_id = $id', { id: unitId }, UnitOption) : [];
  if (!unit) throw new AliasError('Hãy chọn một đơn vị trong danh mục.');
  return unit;
}

/**
 * Records `name` as another way of writing unit `unitId` (who and when), and attaches the stored
 * rows that were kept under that name without a unit. Returns how many rows were attached.
 */
export async function addOfficeAlias(db: Db, input: { name: string; unitId: number }, user: SessionUser): Promise<{ attached: number; unitName: string }> {
  mayEdit(user);
  const name = cleanText(input.name ?? '');
  const key = foldKey(name);
  if (!key || name.length > 200) throw new AliasError('Hãy nhập tên gọi khác (tối đa 200 ký tự).');
  const unit = await unitById(db, input.unitId);
  const resolver = await loadUnitResolver(db);
  const current = resolver.resolve(name);
  // The name or abbreviation of another unit never becomes an alias; a reading by rules may be corrected.
  if (current.ok && current.unitId !== unit.unit_id && (current.via === 'name' || current.via === 'abbreviation')) {
    throw new AliasError(`«${name}» đã là tên của đơn vị «${current.name}»; không thể gán cho «${unit.name}».`);
  }

  return withWriteTransaction(db, async (conn) => {
    await conn.run(
      `INSERT INTO unit_aliases (alias_key, alias, unit_id, source) VALUES ($k, $a, $u, 'office')
       ON CONFLICT (alias_key) DO UPDATE SET alias = excluded.alias, unit_id = excluded.unit_id, source = 'office'`,
      { k: key, a: name, u: unit.unit_id },
    );
    await conn.run(
      `INSERT INTO unit_alias_authors (alias_key, created_by, created_at) VALUES ($k, $by, current_timestamp::TIMESTAMP)
       ON CONFLICT (alias_key) DO UPDATE SET updated_by = excluded.created_by, updated_at = excluded.created_at`,
      { k: key, by: user.username },
    );
    const attached = await attachRows(conn, key, unit.unit_id);
    return { attached, unitName: unit.name };
  });
}

/** Rows kept under this name without a unit (awards are kept with a warning) now belong to it. */
async function attachRows(conn: Parameters<Parameters<typeof withWriteTransaction>[1]>[0], key: string, unitId: number): Promise<number> {
  let attached = 0;
  for (const table of ['awards', 'activities'] as const) {
    const raws = await queryOn(conn, `SELECT DISTINCT unit_raw FROM ${table} WHERE unit_id IS NULL AND unit_raw IS NOT NULL`, {}, z.object({ unit_raw: z.string() }));
    for (const raw of raws.map((r) => r.unit_raw).filter((r) => foldKey(r) === key)) {
      const [c] = await queryOn(conn, `SELECT count(*)::INTEGER AS n FROM ${table} WHERE unit_id IS NULL AND unit_raw = $r`, { r: raw }, z.object({ n: z.coerce.number() }));
      await conn.run(`UPDATE ${table} SET unit_id = $u WHERE unit_id IS NULL AND unit_raw = $r`, { u: unitId, r: raw });
      attached += c.n;
    }
  }
  return attached;
}

/** Points an alias the Office added at another unit (who and when recorded). */
export async function updateOfficeAlias(db: Db, input: { aliasKey: string; unitId: number }, user: SessionUser): Promise<{ unitName: string }> {
  mayEdit(user);
  const unit = await unitById(db, input.unitId);
  const [row] = await query(db, "SELECT alias FROM unit_aliases WHERE alias_key = $k AND source = 'office'", { k: input.aliasKey ?? '' }, z.object({ alias: z.string() }));
  if (!row) throw new AliasError('Không còn tên gọi khác này (có thể đã bị xóa). Hãy tải lại trang.');
  await withWriteTransaction(db, async (c) => {
    await c.run("UPDATE unit_aliases SET unit_id = $u WHERE alias_key = $k AND source = 'office'", { u: unit.unit_id, k: input.aliasKey });
    await c.run(
      `INSERT INTO unit_alias_authors (alias_key, created_by, created_at, updated_by, updated_at)
       VALUES ($k, $by, current_timestamp::TIMESTAMP, $by, current_timestamp::TIMESTAMP)
       ON CONFLICT (alias_key) DO UPDATE SET updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      { k: input.aliasKey, by: user.username },
    );
  });
  return { unitName: unit.name };
}

/** Removes an alias the Office added (rows already attached keep their unit). */
export async function removeOfficeAlias(db: Db, aliasKey: string, user: SessionUser): Promise<void> {
  mayEdit(user);
  await withWriteTransaction(db, async (c) => {
    const gone = await queryOn(c, "DELETE FROM unit_aliases WHERE alias_key = $k AND source = 'office' RETURNING alias_key", { k: aliasKey });
    if (gone.length) await c.run('DELETE FROM unit_alias_authors WHERE alias_key = $k', { k: aliasKey });
  });
}
