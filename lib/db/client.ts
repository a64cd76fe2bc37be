import fs from 'node:fs';
import path from 'node:path';
import {
  DuckDBInstance,
  DuckDBTypeId,
  JsonDuckDBValueConverter,
  doubleFromDecimalValue,
  type DuckDBConnection,
  type DuckDBValue,
  type DuckDBValueConverter,
  type Json,
} from '@duckdb/node-api';
import type { z } from 'zod';
import { dbPath } from '../env';
import { migrate } from './migrate';

export type Db = DuckDBInstance;
export type Params = Record<string, DuckDBValue> | DuckDBValue[];

/** Raised when another process (usually the web server) holds the DuckDB file. */
export class DatabaseLockedError extends Error {
  constructor(file: string, cause: unknown) {
    super(
      `Cơ sở dữ liệu ${file} đang được một tiến trình khác (thường là máy chủ web) sử dụng. ` +
        'Hãy dừng máy chủ trước khi chạy lệnh này, hoặc tải tệp lên qua trang /tai-len.',
      { cause },
    );
    this.name = 'DatabaseLockedError';
  }
}

// No network on government LANs: never try to download an extension.
const INSTANCE_OPTIONS = { autoinstall_known_extensions: 'false', autoload_known_extensions: 'true' };

/**
 * Opens (and migrates) a database. `':memory:'` gives a fresh private database, which is what
 * tests use; a file path gives a new instance for that file (CLI, scripts).
 */
export async function openDb(file: string = dbPath(), options: Record<string, string> = {}): Promise<Db> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file, { ...INSTANCE_OPTIONS, ...options });
  } catch (err) {
    const message = String((err as Error)?.message);
    if (/lock/i.test(message)) throw new DatabaseLockedError(file, err);
    if (/Read-only file system|Permission denied|EACCES|EROFS|No space left/i.test(message)) {
      throw new Error(
        `Không mở được cơ sở dữ liệu ${file}: thư mục chứa nó chỉ cho phép đọc, không có quyền ghi hoặc ổ đĩa đã đầy. ` +
          'Hãy cấp quyền ghi cho thư mục (hoặc đặt THIDUA_DB sang thư mục khác) rồi chạy lại.',
        { cause: err },
      );
    }
    throw err;
  }
  // A read-only open (analysts, reference copies) cannot migrate; it sees the schema as it is.
  if (options.access_mode?.toUpperCase() !== 'READ_ONLY') await migrate(instance);
  return instance;
}

const globalForDb = globalThis as unknown as { thiduaDb?: Promise<Db> };

/** The web server's one instance, cached on globalThis so dev hot reload does not open a second. */
export function getDb(): Promise<Db> {
  if (!globalForDb.thiduaDb) {
    globalForDb.thiduaDb = openDb().catch((err) => {
      globalForDb.thiduaDb = undefined;
      throw err;
    });
  }
  return globalForDb.thiduaDb;
}

/** Runs `fn` on a connection of its own (one per concurrent query), closed afterwards. */
export async function withConnection<T>(db: Db, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const conn = await db.connect();
  try {
    return await fn(conn);
  } finally {
    conn.closeSync();
  }
}

/**
 * The one conversion of DuckDB values to row fields: DuckDB's JSON conversion (DATE as
 * `yyyy-MM-dd`, TIMESTAMP as `yyyy-MM-dd HH:mm:ss`, LIST/STRUCT as arrays/objects), except that
 * BIGINT, HUGEINT and DECIMAL become numbers — counts and sums here stay far below 2^53, and
 * callers then never convert a number themselves.
 */
const NUMERIC_AS_NUMBER = new Set<DuckDBTypeId>([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);
export const rowValue: DuckDBValueConverter<Json> = (value, type, converter) => {
  if (value === null || value === undefined) return null;
  if (NUMERIC_AS_NUMBER.has(type.typeId)) return Number(value as bigint);
  if (type.typeId === DuckDBTypeId.DECIMAL) return doubleFromDecimalValue(value);
  return JsonDuckDBValueConverter(value, type, converter);
};

/**
 * Runs a query with bound parameters and returns plain rows (values converted by `rowValue`).
 * A zod schema, where given, validates rows whose shape comes from outside the code.
 */
export async function query<T = Record<string, unknown>>(
  db: Db,
  sql: string,
  params: Params = {},
  schema?: z.ZodType<T>,
): Promise<T[]> {
  return withConnection(db, (conn) => queryOn(conn, sql, params, schema));
}

export async function queryOn<T = Record<string, unknown>>(
  conn: DuckDBConnection,
  sql: string,
  params: Params = {},
  schema?: z.ZodType<T>,
): Promise<T[]> {
  const hasParams = Array.isArray(params) ? params.length > 0 : Object.keys(params).length > 0;
  const reader = await conn.runAndReadAll(sql, hasParams ? params : undefined);
  const rows = reader.convertRowObjects(rowValue) as unknown[];
  return schema ? rows.map((r) => schema.parse(r)) : (rows as T[]);
}

// Writers are serialised per instance: DuckDB's optimistic concurrency would otherwise surface
// conflicts between two uploads as errors. Readers are never blocked.
// The data version each instance has committed: readers key reused results by it (lib/db/cache.ts).
// Both maps live on globalThis like the instance: the server may load this module once per
// bundle (pages, route handlers), and every copy must see the same queue and version.
const shared = globalThis as unknown as { thiduaWriteQueues?: WeakMap<Db, Promise<unknown>>; thiduaVersions?: WeakMap<Db, number> };
const writeQueues = (shared.thiduaWriteQueues ??= new WeakMap());
const versions = (shared.thiduaVersions ??= new WeakMap());

/** The version of the data as committed through this instance; changes after every write transaction. */
export function dataVersion(db: Db): number {
  return versions.get(db) ?? 0;
}

/**
 * Runs `fn` inside BEGIN … COMMIT, on a connection of its own or on `on` (an import that staged
 * rows in temp tables of that connection); ROLLBACK on any error. Every write transaction bumps
 * `data_version` before COMMIT, so no write path can forget to: results read before the commit
 * are never served after it.
 */
export async function withWriteTransaction<T>(
  db: Db,
  fn: (conn: DuckDBConnection) => Promise<T>,
  on?: DuckDBConnection,
  options: { sessionsOnly?: boolean } = {},
): Promise<T> {
  const inTransaction = async (conn: DuckDBConnection) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      const result = await fn(conn);
      // `sessionsOnly`: a write of sessions or login attempts, which no page's data reads —
      // a morning of logins then does not throw away every reader's results.
      const bumped = options.sessionsOnly
        ? null
        : await conn.runAndReadAll('UPDATE data_version SET version = version + 1, changed_at = current_timestamp RETURNING version');
      await conn.run('COMMIT');
      if (bumped) versions.set(db, Math.max(Number(bumped.getRows()[0]?.[0] ?? 0), dataVersion(db) + 1));
      return result;
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  };
  const previous = writeQueues.get(db) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => (on ? inTransaction(on) : withConnection(db, inTransaction)));
  writeQueues.set(db, run);
  return run;
}
