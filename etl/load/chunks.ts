import { DuckDBDataChunk, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

/** DuckDB's vector size: one data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

/**
 * Appends column arrays to a table through DuckDB's appender, one data chunk (2,048 rows) at a
 * time: far faster than per-value appends, never row-by-row INSERTs.
 */
export async function appendColumns(
  conn: DuckDBConnection,
  table: string,
  types: DuckDBType[],
  columns: readonly (readonly DuckDBValue[])[],
  rowCount: number,
  catalog: string | null = 'temp',
): Promise<void> {
  const appender = await conn.createAppender(table, catalog ? 'main' : null, catalog);
  try {
    for (let off = 0; off < rowCount; off += CHUNK_ROWS) {
      const end = Math.min(rowCount, off + CHUNK_ROWS);
      const chunk = DuckDBDataChunk.create(types, end - off);
      chunk.setColumns(columns.map((c) => c.slice(off, end)));
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** Rows inserted into a fact table by a batch. */
export async function countBatchRows(conn: DuckDBConnection, table: 'activities' | 'awards' | 'scores', batchId: number): Promise<number> {
  const r = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE batch_id = $b`, { b: batchId });
  return Number(r.getRowObjectsJson()[0].n);
}

/** Creates any movement not yet known (movements are created on first sight). */
export async function ensureMovements(conn: DuckDBConnection, stageTable: string): Promise<void> {
  await conn.run(
    `INSERT INTO movements (name)
     SELECT DISTINCT s.movement FROM ${stageTable} s
     WHERE s.movement IS NOT NULL AND NOT EXISTS (SELECT 1 FROM movements m WHERE m.name = s.movement)`,
  );
}
