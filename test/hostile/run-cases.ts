/**
 * Feeds a list of files to importFile in one process, one after another, and reports for each
 * what happened: status, first errors, time, memory, whether the store changed, and — for a
 * loaded file — what the batch holds. Used by the hostile-corpus and fuzzing tests.
 *
 *   node --import tsx test/hostile/run-cases.ts MANIFEST.json DB UNITS.csv
 *
 * Prints `start ID` before each case (so a hang names its case) and one JSON line after it.
 */
import fs from 'node:fs';
import { openDb, query, withConnection } from '@/lib/db/client';
import { importFile } from '@/etl/pipeline';
import { fingerprintTables } from '@/lib/ops/backup';

interface ManifestCase {
  id: string;
  file: string;
  fileName: string;
}

export interface CaseReport {
  id: string;
  status: string;
  threw: string | null;
  errors: { row: number | null; column: string | null; message: string }[];
  rowsLoaded: number;
  ms: number;
  /** Peak resident memory sampled during the case, and the process's peak so far. */
  peakRssMB: number;
  maxRssMB: number;
  changed: boolean;
  polluted: boolean;
  batch: { rows: number; participants: number; titles: string[] } | null;
  /** For a loaded batch: its recorded rows_loaded and the fact rows that carry its id. */
  recorded: { dataset: string; rowsLoaded: number; factRows: number } | null;
}

async function main(): Promise<void> {
  const [manifest, dbFile, units] = process.argv.slice(2);
  const cases = JSON.parse(fs.readFileSync(manifest, 'utf8')) as ManifestCase[];
  const db = await openDb(dbFile);
  const u = await importFile(db, { path: units }, { fileName: 'units.csv', importedBy: 'stress' });
  if (u.status !== 'loaded') throw new Error(`units: ${JSON.stringify(u.errors.slice(0, 3))}`);
  const fingerprint = () => withConnection(db, (c) => fingerprintTables(c)).then((f) => JSON.stringify(f));
  console.log(`ready ${Math.round(process.resourceUsage().maxRSS / 1024)}`);
  for (const c of cases) {
    console.log(`start ${c.id}`);
    const before = await fingerprint();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    let status = 'threw';
    let threw: string | null = null;
    let errors: CaseReport['errors'] = [];
    let rowsLoaded = 0;
    let batchId: number | null = null;
    try {
      const r = await importFile(db, { path: c.file }, { fileName: c.fileName, importedBy: 'stress' });
      status = r.status;
      errors = r.errors.slice(0, 5).map((e) => ({ row: e.row, column: e.column, message: e.message }));
      rowsLoaded = r.rowsLoaded;
      batchId = r.status === 'loaded' ? r.batchId : null;
    } catch (err) {
      threw = `${(err as Error)?.name}: ${(err as Error)?.message ?? err}`.slice(0, 2000);
    }
    const ms = performance.now() - t0;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const changed = (await fingerprint()) !== before;
    let batch: CaseReport['batch'] = null;
    let recorded: CaseReport['recorded'] = null;
    if (batchId !== null) {
      const [rec] = await query<{ dataset: string; rows_loaded: number; facts: number }>(
        db,
        `SELECT dataset, rows_loaded,
                ((SELECT count(*) FROM activities WHERE batch_id = $b) + (SELECT count(*) FROM awards WHERE batch_id = $b)
                 + (SELECT count(*) FROM scores WHERE batch_id = $b))::INTEGER AS facts
         FROM import_batches WHERE batch_id = $b`,
        { b: batchId },
      );
      recorded = rec ? { dataset: rec.dataset, rowsLoaded: rec.rows_loaded, factRows: rec.facts } : null;
      const [b] = await query<{ rows: number; participants: number; titles: string[] }>(
        db,
        'SELECT count(*)::INTEGER AS rows, coalesce(sum(participants), 0)::INTEGER AS participants, coalesce(list(title ORDER BY activity_id), []) AS titles FROM v_activities WHERE batch_id = $b',
        { b: batchId },
      );
      batch = { rows: b.rows, participants: b.participants, titles: (b.titles as unknown as string[]) ?? [] };
    }
    const report: CaseReport = {
      id: c.id,
      status,
      threw,
      errors,
      rowsLoaded,
      ms: Math.round(ms),
      peakRssMB: Math.round(peak / 1024 / 1024),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      changed,
      polluted: ({} as Record<string, unknown>).polluted !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'),
      batch,
      recorded,
    };
    console.log(JSON.stringify(report));
  }
  db.closeSync();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
