import type { DuckDBInstance } from '@duckdb/node-api';
import { MIGRATIONS } from './migrations';

export interface Migration {
  /** Unique, increasing. Ranges per area are listed in migrations/index.ts. */
  version: number;
  name: string;
  sql: string;
}

/** Applies every migration not yet recorded, each in its own transaction. */
export async function migrate(db: DuckDBInstance): Promise<void> {
  const conn = await db.connect();
  try {
    await conn.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)',
    );
    const done = new Set(
      (await conn.runAndReadAll('SELECT version FROM schema_migrations')).getRowObjectsJson().map((r) => Number(r.version)),
    );
    const pending = [...MIGRATIONS].sort((a, b) => a.version - b.version).filter((m) => !done.has(m.version));
    for (const m of pending) {
      await conn.run('BEGIN TRANSACTION');
      try {
        await conn.run(m.sql);
        await conn.run('INSERT INTO schema_migrations (version, name) VALUES ($v, $n)', { v: m.version, n: m.name });
        await conn.run('COMMIT');
      } catch (err) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw new Error(`Migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, { cause: err });
      }
    }
  } finally {
    conn.closeSync();
  }
}
