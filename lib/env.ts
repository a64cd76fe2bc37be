import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, validated once. Every limit the import guard enforces lives here so the
 * README, the upload page and the pipeline state the same numbers.
 */
/** The DuckDB file when neither `--db` nor `THIDUA_DB` names one. */
export const DEFAULT_DB_FILE = 'data/thidua.duckdb';

const EnvSchema = z.object({
  THIDUA_DB: z.string().min(1).default(DEFAULT_DB_FILE),
  THIDUA_MAX_FILE_MB: z.coerce.number().positive().default(100),
  THIDUA_MAX_ROWS: z.coerce.number().int().positive().default(2_000_000),
  THIDUA_MAX_COLUMNS: z.coerce.number().int().positive().default(200),
  THIDUA_MAX_CELL_CHARS: z.coerce.number().int().positive().default(32_767),
  THIDUA_MAX_UNZIPPED_MB: z.coerce.number().positive().default(600),
  THIDUA_MAX_ZIP_RATIO: z.coerce.number().positive().default(200),
  /** The longest an import waits, in total, for the worker that parses one file. */
  THIDUA_PARSE_TIMEOUT_S: z.coerce.number().positive().default(25),
  /** Heap of that worker (V8 old generation); past it the worker is stopped. */
  THIDUA_PARSE_MEMORY_MB: z.coerce.number().int().min(64).default(512),
  THIDUA_UPLOAD_DIR: z.string().min(1).default('data/uploads'),
  /** Where the running server writes the backups an admin asks for (POST /api/ops/backup). */
  THIDUA_BACKUP_DIR: z.string().min(1).default('data/backups'),
  /** Memory for rendered pages reused until the data changes (lib/serve/page-cache.ts); 0 turns it off. */
  THIDUA_PAGE_CACHE_MB: z.coerce.number().min(0).default(128),
});

type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Cấu hình không hợp lệ: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Absolute path of the DuckDB file (`THIDUA_DB`, default `data/thidua.duckdb`). */
export function dbPath(override?: string): string {
  const p = override ?? env().THIDUA_DB;
  return p === ':memory:' ? p : path.resolve(p);
}

export function importLimits() {
  const e = env();
  return {
    maxFileBytes: e.THIDUA_MAX_FILE_MB * 1024 * 1024,
    maxRows: e.THIDUA_MAX_ROWS,
    maxColumns: e.THIDUA_MAX_COLUMNS,
    maxCellChars: e.THIDUA_MAX_CELL_CHARS,
    maxUnzippedBytes: e.THIDUA_MAX_UNZIPPED_MB * 1024 * 1024,
    maxZipRatio: e.THIDUA_MAX_ZIP_RATIO,
  };
}
export type ImportLimits = ReturnType<typeof importLimits>;

/** Bounds of the worker thread that parses a file (etl/read/isolated.ts). */
export interface ParseLimits {
  /** Total time the import may wait on the worker (opening and every block of rows). */
  timeoutMs: number;
  /** The worker's heap (V8 old generation), in MB. */
  memoryMb: number;
}

export function parseLimits(): ParseLimits {
  const e = env();
  return { timeoutMs: e.THIDUA_PARSE_TIMEOUT_S * 1000, memoryMb: e.THIDUA_PARSE_MEMORY_MB };
}
