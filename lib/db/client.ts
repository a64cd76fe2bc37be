import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
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
 * Runs a query with bound parameters and returns plain rows. BIGINT, HUGEINT, DECIMAL and DATE
 * arrive as strings from DuckDB's JSON conversion; pass a zod schema to validate and coerce them.
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
  const rows = reader.getRowObjectsJson() as unknown[];
  return schema ? rows.map((r) => schema.parse(r)) : (rows as T[]);
}

// Writers are serialised per instance: DuckDB's optimistic concurrency would otherwise surface
// conflicts between two uploads as errors. Readers are never blocked.
const writeQueues = new WeakMap<Db, Promise<unknown>>();

/**
 * Runs `fn` inside BEGIN … COMMIT, on a connection of its own or on `on` (an import that staged
 * rows in temp tables of that connection); ROLLBACK on any error.
 */
export async function withWriteTransaction<T>(db: Db, fn: (conn: DuckDBConnection) => Promise<T>, on?: DuckDBConnection): Promise<T> {
  const inTransaction = async (conn: DuckDBConnection) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      const result = await fn(conn);
      await conn.run('COMMIT');
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
