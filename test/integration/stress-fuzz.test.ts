import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFuzzCases, type FuzzCase } from '../hostile/fuzz';
import { isClearVietnamese, runCases, type RunOutcome } from '../hostile/run-child';

/**
 * Fuzzing (issue 6): seeded byte and cell mutations of the sample spreadsheets, fed to the
 * pipeline: no crash, no hang, no partial write — a rejected file leaves the store unchanged
 * and a loaded batch holds exactly the rows it recorded.
 */
const CASES = 48;
const SEED = 6_2026;
const SAMPLE = 'data/sample';
const UNITS = path.join(SAMPLE, 'don-vi-khoi-thi-dua.xlsx');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-fuzz-'));
let cases: FuzzCase[] = [];
let run: RunOutcome;

beforeAll(async () => {
  cases = await buildFuzzCases(SAMPLE, path.join(tmp, 'cases'), CASES, SEED);
  run = await runCases(path.join(tmp, 'cases', 'manifest.json'), path.join(tmp, 'store.duckdb'), UNITS, 240_000);
}, 300_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe(`fuzzing ${CASES} mutated sample files (seed ${SEED})`, () => {
  it('every case finished: no crash, no hang', () => {
    expect(run.unfinished, run.stderr).toBeNull();
    expect(run.reports).toHaveLength(cases.length);
  });

  it('no case threw, polluted a prototype, or ran past its bounds', () => {
    const bad = run.reports.filter((r) => r.threw !== null || r.polluted || r.ms > 15_000 || r.peakRssMB - run.readyRssMB > 768);
    const explain = bad.map((r) => `${r.id} (${cases.find((c) => c.id === r.id)?.source}: ${cases.find((c) => c.id === r.id)?.mutation}) → ${r.threw ?? `${r.ms} ms, ${r.peakRssMB} MB`}`);
    expect(explain).toEqual([]);
  });

  it('rejected cases changed nothing and say why in Vietnamese', () => {
    const rejected = run.reports.filter((r) => r.status === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    for (const r of rejected) {
      expect(r.changed, r.id).toBe(false);
      expect(r.errors.length, r.id).toBeGreaterThan(0);
      for (const e of r.errors) expect(isClearVietnamese(e.message), `${r.id}: ${e.message}`).toBe(true);
    }
  });

  it('loaded cases hold exactly the rows their batch recorded', () => {
    for (const r of run.reports.filter((x) => x.status === 'loaded')) {
      expect(r.changed, r.id).toBe(true);
      expect(r.recorded, r.id).not.toBeNull();
      if (r.recorded!.dataset !== 'units') expect(r.recorded!.factRows, r.id).toBe(r.recorded!.rowsLoaded);
      expect(r.recorded!.rowsLoaded, r.id).toBe(r.rowsLoaded);
    }
  });

  it('every outcome is one the contract allows', () => {
    const tally = run.reports.reduce<Record<string, number>>((t, r) => ({ ...t, [r.status]: (t[r.status] ?? 0) + 1 }), {});
    console.log(`fuzz outcomes: ${JSON.stringify(tally)}; slowest ${Math.max(...run.reports.map((r) => r.ms))} ms`);
    for (const r of run.reports) expect(['loaded', 'rejected', 'duplicate'], r.id).toContain(r.status);
    for (const r of run.reports.filter((x) => x.status === 'duplicate')) expect(r.changed, r.id).toBe(false);
  });
});
