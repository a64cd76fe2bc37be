import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DatabaseLockedError, openDb, type Db } from '@/lib/db/client';
import { sqlPathLiteral } from '@/lib/db/sql-path';

/**
 * Consistent backups of the store and their restore.
 *
 * A backup is DuckDB's `EXPORT DATABASE` (schema.sql, load.sql and one Parquet file per table)
 * taken inside one read transaction, plus `manifest.json` with a row count and a content
 * fingerprint per table from the same snapshot. The manifest is written last: a directory
 * without one is an unfinished backup and is never restored.
 *
 * `backupDatabase(db, dir)` runs on an open instance, so the web server can take a backup while
 * it serves (DuckDB lets only one process open the file read-write). Restore builds a new file
 * next to the target, checks it against the manifest, then swaps it in and keeps the old file.
 */

export const MANIFEST_FILE = 'manifest.json';
const MANIFEST_FORMAT = 'thidua-backup/1';

interface TableFingerprint {
  rows: number;
  /** Order-independent sum of row hashes: equal content gives an equal value. */
  hash: string;
}

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  schemaVersion: number | null;
  tables: Record<string, TableFingerprint>;
}

export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

/** A path as an SQL string literal (EXPORT/IMPORT/COPY take no bound parameters for paths). */
function pathLiteral(p: string): string {
  try {
    return sqlPathLiteral(p);
  } catch (err) {
    throw new BackupError((err as Error).message);
  }
}

/** Table names are quoted identifiers that came from the catalogue, never from user input. */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

async function userTables(conn: DuckDBConnection): Promise<string[]> {
  const r = await rows(
    conn,
    `SELECT table_name FROM duckdb_tables()
     WHERE NOT internal AND NOT temporary AND database_name = current_database() AND schema_name = 'main'
     ORDER BY table_name`,
  );
  return r.map((x) => String(x.table_name));
}

export async function fingerprintTables(conn: DuckDBConnection): Promise<Record<string, TableFingerprint>> {
  const out: Record<string, TableFingerprint> = {};
  for (const t of await userTables(conn)) {
    const [r] = await rows(conn, `SELECT count(*)::BIGINT AS n, coalesce(sum(hash(t))::HUGEINT, 0)::VARCHAR AS h FROM ${ident(t)} t`);
    out[t] = { rows: Number(r.n), hash: String(r.h) };
  }
  return out;
}

async function schemaVersion(conn: DuckDBConnection): Promise<number | null> {
  try {
    const [r] = await rows(conn, 'SELECT max(version)::INTEGER AS v FROM schema_migrations');
    return r.v == null ? null : Number(r.v);
  } catch {
    return null;
  }
}

export function assertEmptyTarget(dir: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new BackupError(`Thư mục ${dir} đã có dữ liệu. Hãy chọn một thư mục mới (chưa tồn tại hoặc rỗng) cho bản sao lưu.`);
  }
}

/** A backup holds every account's password hash and the whole store: readable by the owner only. */
export const BACKUP_DIR_MODE = 0o700;
export const BACKUP_FILE_MODE = 0o600;

function restrictBackup(target: string): void {
  fs.chmodSync(target, BACKUP_DIR_MODE);
  for (const f of fs.readdirSync(target)) fs.chmodSync(path.join(target, f), BACKUP_FILE_MODE);
}

/** Writes a consistent backup of `db` into `dir` (new or empty). Safe while others read and write. */
export async function backupDatabase(db: Db, dir: string): Promise<BackupManifest> {
  const target = path.resolve(dir);
  assertEmptyTarget(target);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Created owner-only before DuckDB writes into it, so no file is ever readable by others.
  fs.mkdirSync(target, { recursive: true, mode: BACKUP_DIR_MODE });
  fs.chmodSync(target, BACKUP_DIR_MODE);
  const conn = await db.connect();
  try {
    // One transaction: the fingerprints and the exported files come from the same snapshot.
    await conn.run('BEGIN TRANSACTION');
    try {
      const tables = await fingerprintTables(conn);
      const version = await schemaVersion(conn);
      await conn.run(`EXPORT DATABASE ${pathLiteral(target)} (FORMAT parquet)`);
      await conn.run('COMMIT');
      const manifest: BackupManifest = { format: MANIFEST_FORMAT, createdAt: new Date().toISOString(), schemaVersion: version, tables };
      fs.writeFileSync(path.join(target, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', { mode: BACKUP_FILE_MODE });
      restrictBackup(target);
      return manifest;
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw new BackupError(`Không sao lưu được vào ${target}: ${(err as Error).message}`, { cause: err });
    }
  } finally {
    conn.closeSync();
  }
}

export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) {
    throw new BackupError(`${dir} không phải một bản sao lưu hoàn chỉnh (thiếu ${MANIFEST_FILE}). Hãy chọn thư mục do lệnh "ops backup" tạo ra.`);
  }
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== MANIFEST_FORMAT || typeof manifest.tables !== 'object') {
    throw new BackupError(`${file} không đúng định dạng bản sao lưu (${MANIFEST_FORMAT}).`);
  }
  return manifest;
}

function describeDifferences(expected: Record<string, TableFingerprint>, actual: Record<string, TableFingerprint>): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  const diffs: string[] = [];
  for (const n of names) {
    const e = expected[n];
    const a = actual[n];
    if (!e || !a || e.rows !== a.rows || e.hash !== a.hash) {
      diffs.push(`${n}: sao lưu ${e ? e.rows : '—'} dòng, khôi phục ${a ? a.rows : '—'} dòng${e && a && e.rows === a.rows ? ' (nội dung khác)' : ''}`);
    }
  }
  return diffs;
}

/** Loads a backup into a new DuckDB file and checks every table against the manifest. */
async function loadBackupInto(dir: string, file: string): Promise<BackupManifest> {
  const source = path.resolve(dir);
  const manifest = readManifest(source);
  const instance = await DuckDBInstance.create(file, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  try {
    const conn = await instance.connect();
    try {
      // schema.sql is SQL from a directory anyone may have handed us: run it with no access to
      // files or the network except the backup's own Parquet files, and lock that in.
      const parquets = Object.keys(manifest.tables).map((t) => path.join(source, `${t}.parquet`)).filter((p) => fs.existsSync(p));
      await conn.run(`SET allowed_paths = [${parquets.map(pathLiteral).join(', ')}]`);
      await conn.run('SET enable_external_access = false');
      await conn.run('SET lock_configuration = true');
      await conn.run(fs.readFileSync(path.join(source, 'schema.sql'), 'utf8'));
      const created = new Set(await userTables(conn));
      await conn.run('BEGIN TRANSACTION');
      for (const table of Object.keys(manifest.tables)) {
        if (!created.has(table)) throw new BackupError(`Bảng ${table} có trong manifest nhưng không có trong schema.sql của bản sao lưu.`);
        const parquet = path.join(source, `${table}.parquet`);
        // EXPORT writes no file for a table it cannot name simply; an empty table still has one.
        if (fs.existsSync(parquet)) await conn.run(`COPY ${ident(table)} FROM ${pathLiteral(parquet)} (FORMAT parquet)`);
      }
      await conn.run('COMMIT');
      const diffs = describeDifferences(manifest.tables, await fingerprintTables(conn));
      if (diffs.length > 0) throw new BackupError(`Bản khôi phục không khớp bản sao lưu: ${diffs.join('; ')}.`);
      // Sessions of the copied store must not come back to life: everyone logs in again.
      if (created.has('sessions')) await conn.run('DELETE FROM sessions');
      await conn.run('CHECKPOINT');
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
  return manifest;
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

interface RestoreResult {
  manifest: BackupManifest;
  /** Where the file that was replaced now lives (null when there was none). */
  previous: string | null;
}

/**
 * Restores `dir` over the database file `target`: builds `target.restore-…`, verifies it, then
 * renames the current file to `target.before-restore-…` and the new one into place. Refuses while
 * another process (the web server) holds the file.
 */
export async function restoreDatabase(dir: string, target: string): Promise<RestoreResult> {
  const file = path.resolve(target);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file)) {
    // Opening it is the only reliable lock test; it is closed again before the swap.
    try {
      (await DuckDBInstance.create(file)).closeSync();
    } catch (err) {
      if (/lock/i.test(String((err as Error)?.message))) throw new DatabaseLockedError(file, err);
      throw err;
    }
  }
  const fresh = `${file}.restore-${stamp()}`;
  let manifest: BackupManifest;
  try {
    manifest = await loadBackupInto(dir, fresh);
  } catch (err) {
    fs.rmSync(fresh, { force: true });
    fs.rmSync(`${fresh}.wal`, { force: true });
    throw err;
  }
  let previous: string | null = null;
  if (fs.existsSync(file)) {
    previous = `${file}.before-restore-${stamp()}`;
    fs.renameSync(file, previous);
    if (fs.existsSync(`${file}.wal`)) fs.renameSync(`${file}.wal`, `${previous}.wal`);
  }
  fs.renameSync(fresh, file);
  // Bring an older backup up to the current schema.
  (await openDb(file)).closeSync();
  return { manifest, previous };
}
