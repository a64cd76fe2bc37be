import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { importFile } from '@/etl/pipeline';
import { seededRandom } from '../bench/generate-shared';
import { writeActivitiesCsv, writeUnitsCsv } from '../bench/generate-data';

/**
 * Crash during import (issue 6): a child process importing a large file is killed with SIGKILL
 * at seeded random points; each time the reopened store holds the whole batch or none of it,
 * the earlier data is intact, and the views answer.
 */
const ROWS = 5_000;
const KILLS = 5;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-crash-'));
const base = path.join(tmp, 'base.duckdb');
const units = path.join(tmp, 'units.csv');
const small = path.join(tmp, 'earlier.csv');
const big = path.join(tmp, 'activities-big.csv');
let baseline: { activities: number; participants: number; batches: number };

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function counts(db: Db) {
  const [r] = await query<{ activities: number; participants: number; batches: number }>(
    db,
    `SELECT (SELECT count(*) FROM v_activities)::INTEGER AS activities,
            (SELECT coalesce(sum(participants), 0) FROM v_activities)::INTEGER AS participants,
            (SELECT count(*) FROM import_batches)::INTEGER AS batches`,
  );
  return r;
}

interface ChildRun {
  phases: string[];
  /** ms after `opened` at which each phase began. */
  phaseAt: Record<string, number>;
  result: Record<string, unknown> | null;
  killed: boolean;
  ms: number;
}

/** Runs the import child; kills it `kill.ms` after it reached phase `kill.after` (or never). */
function runChild(db: string, file: string, kill: { after: 'opened' | 'load'; ms: number } | null): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    // node --import tsx: one process, so SIGKILL hits the importer itself (npx would leave it orphaned).
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/hostile/import-one.ts', db, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const phases: string[] = [];
    const phaseAt: Record<string, number> = {};
    let result: Record<string, unknown> | null = null;
    let killed = false;
    let opened = 0;
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl).trim();
        out = out.slice(nl + 1);
        if (line.startsWith('phase ')) {
          const phase = line.slice(6);
          phases.push(phase);
          if (phase === 'opened') opened = performance.now();
          phaseAt[phase] = performance.now() - opened;
          if (kill && phase === kill.after) {
            setTimeout(() => {
              if (child.exitCode === null) killed = child.kill('SIGKILL');
            }, kill.ms);
          }
        } else if (line.startsWith('{')) result = JSON.parse(line);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (!killed && code !== 0) return reject(new Error(`import child failed (${code ?? signal}): ${err.slice(-1500)}`));
      resolve({ phases, phaseAt, result, killed: killed && signal === 'SIGKILL', ms: opened ? performance.now() - opened : 0 });
    });
  });
}

function copyDb(to: string): void {
  fs.copyFileSync(base, to);
  if (fs.existsSync(`${base}.wal`)) fs.copyFileSync(`${base}.wal`, `${to}.wal`);
}

/** The store after a crash: the big batch whole or absent, earlier data intact, views answering. */
async function assertWholeOrAbsent(file: string): Promise<'whole' | 'absent'> {
  const db = await openDb(file);
  try {
    const c = await counts(db);
    const batches = await query<{ batch_id: number; rows_loaded: number; n: number; p: number }>(
      db,
      `SELECT b.batch_id, b.rows_loaded, count(a.activity_id)::INTEGER AS n, coalesce(sum(a.participants), 0)::INTEGER AS p
       FROM import_batches b LEFT JOIN activities a USING (batch_id)
       WHERE b.file_name = 'activities-big.csv' GROUP BY ALL`,
    );
    // Every view answers.
    for (const v of ['v_units', 'v_bloc_members', 'v_activities', 'v_awards', 'v_scores', 'v_score_totals']) {
      await query(db, `SELECT count(*) AS n FROM ${v}`);
    }
    // No orphan facts: every activity belongs to a recorded batch.
    expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM activities WHERE batch_id NOT IN (SELECT batch_id FROM import_batches)')).toEqual([{ n: 0 }]);
    if (batches.length === 0) {
      expect(c).toEqual(baseline);
      return 'absent';
    }
    expect(batches).toHaveLength(1);
    expect(batches[0].rows_loaded).toBe(ROWS);
    expect(batches[0].n).toBe(ROWS);
    expect(c.activities).toBe(baseline.activities + ROWS);
    expect(c.batches).toBe(baseline.batches + 1);
    return 'whole';
  } finally {
    db.closeSync();
  }
}

describe('crash during import', () => {
  let fullMs = 0;
  let loadMs = 0;

  beforeAll(async () => {
    writeUnitsCsv(units);
    await writeActivitiesCsv(big, ROWS, 7);
    await writeActivitiesCsv(small, 100, 8);
    const db = await openDb(base);
    for (const f of [units, small]) {
      const r = await importFile(db, { path: f }, { fileName: path.basename(f), importedBy: 'stress' });
      expect(r.status, JSON.stringify(r.errors.slice(0, 3))).toBe('loaded');
    }
    baseline = await counts(db);
    db.closeSync();
  });

  it('an uninterrupted child loads the whole batch (reference run)', async () => {
    const file = path.join(tmp, 'reference.duckdb');
    copyDb(file);
    const run = await runChild(file, big, null);
    expect(run.result).toMatchObject({ status: 'loaded', rowsLoaded: ROWS });
    fullMs = run.ms;
    loadMs = run.ms - (run.phaseAt.load ?? 0);
    expect(await assertWholeOrAbsent(file)).toBe('whole');
  }, 180_000);

  it(`SIGKILL at ${KILLS} seeded random points leaves the batch whole or absent`, async () => {
    const rand = seededRandom(20261127);
    const outcomes: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const file = path.join(tmp, `killed-${i}.duckdb`);
      copyDb(file);
      // Spread over the whole run; the last runs aim inside the load (append + commit).
      const kill = i < KILLS - 2 ? { after: 'opened' as const, ms: Math.round(rand() * fullMs) } : { after: 'load' as const, ms: Math.round(rand() * loadMs) };
      const run = await runChild(file, big, kill);
      const outcome = await assertWholeOrAbsent(file);
      outcomes.push(`${kill.after}+${kill.ms} ms/${run.phases.at(-1)}/${run.killed ? 'killed' : 'finished'}/${outcome}`);
      if (!run.killed) expect(outcome).toBe('whole');
      // The store stays usable: the same file imports (or is a duplicate of the whole batch).
      if (i === 0) {
        const db = await openDb(file);
        const again = await importFile(db, { path: big }, { fileName: 'activities-big.csv', importedBy: 'stress' });
        expect(again.status).toBe(outcome === 'whole' ? 'duplicate' : 'loaded');
        db.closeSync();
        expect(await assertWholeOrAbsent(file)).toBe('whole');
      }
    }
    expect(outcomes.some((o) => o.includes('/killed/'))).toBe(true);
    console.log(`crash runs (full import ${Math.round(fullMs)} ms, load ${Math.round(loadMs)} ms): ${outcomes.join('; ')}`);
  }, 600_000);
});
