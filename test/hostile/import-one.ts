/**
 * Imports one file into a DuckDB file, in a process of its own, so a test can kill it
 * (SIGKILL at a random point) or starve it (read-only directory) and look at what is left.
 *
 *   npx tsx test/hostile/import-one.ts DB FILE [--memory-limit 64MB]
 *
 * Prints `phase <name>` lines as the pipeline reports progress, then one JSON line with the
 * result (or `{"threw": message}` when importFile throws).
 */
import path from 'node:path';
import { openDb } from '@/lib/db/client';
import { importFile } from '@/etl/pipeline';

async function main(): Promise<void> {
  const [db, file, ...rest] = process.argv.slice(2);
  const options: Record<string, string> = {};
  const ml = rest.indexOf('--memory-limit');
  if (ml >= 0) options.memory_limit = rest[ml + 1];
  const instance = await openDb(db, options);
  console.log('phase opened');
  let last = '';
  const result = await importFile(instance, { path: file }, {
    fileName: path.basename(file),
    importedBy: 'stress',
    onProgress: (p) => {
      if (p.phase !== last) {
        last = p.phase;
        console.log(`phase ${p.phase}`);
      }
    },
  });
  console.log(JSON.stringify({ status: result.status, rowsLoaded: result.rowsLoaded, batchId: result.batchId, errors: result.errors.slice(0, 5) }));
  instance.closeSync();
}

main().catch((err) => {
  console.log(JSON.stringify({ threw: String((err as Error)?.message ?? err), name: (err as Error)?.name }));
  process.exit(3);
});
