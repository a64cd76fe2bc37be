import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { foldKey } from '@/lib/text';
import { importFile } from '@/etl/pipeline';
import type { ImportResult } from '@/lib/import/types';
import { loadSample, SAMPLE_DIR, sampleFilesInOrder } from '@/etl/sample-load';
import type { expectedFigures } from '@/test/sample/expected';

/**
 * Imports every file of data/sample/ the way `npm run sample:load` does and checks the analyst
 * views against data/sample/expected.json — figures the generator computed from its own model.
 */
type Expected = ReturnType<typeof expectedFigures>;
const expected: Expected = JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, 'expected.json'), 'utf8'));

let db: Db;
let results: { file: string; result: ImportResult }[];

const n = async (sql: string, params: Record<string, string | number> = {}): Promise<number> =>
  Number((await query<{ n: number }>(db, sql, params))[0].n);

async function factCounts(): Promise<Record<string, number>> {
  return {
    activities: await n('SELECT count(*)::INTEGER n FROM v_activities'),
    awards: await n('SELECT count(*)::INTEGER n FROM v_awards'),
    scores: await n('SELECT count(*)::INTEGER n FROM v_scores'),
    batches: await n('SELECT count(*)::INTEGER n FROM import_batches'),
  };
}

beforeAll(async () => {
  db = await openDb(':memory:');
  results = await loadSample(db);
}, 180_000);

afterAll(() => db?.closeSync());

describe('sample data import', () => {
  it('loads every sample file without flags, each with the rows the generator wrote', () => {
    const problems = results
      .filter((r) => r.result.status !== 'loaded')
      .map((r) => `${path.basename(r.file)}: ${r.result.status} ${r.result.errors.slice(0, 3).map((e) => `[${e.row}/${e.column}] ${e.message}`).join(' | ')}`);
    expect(problems).toEqual([]);
    expect(results.map((r) => path.basename(r.file)).sort()).toEqual(expected.files.map((f) => f.file).sort());
    for (const f of expected.files.filter((x) => x.dataset === 'activities' || x.dataset === 'awards')) {
      const r = results.find((x) => path.basename(x.file) === f.file)!;
      expect({ file: f.file, dataset: r.result.dataset, rows: r.result.rowsLoaded, skipped: r.result.rowsSkipped }).toEqual({
        file: f.file,
        dataset: f.dataset,
        rows: f.rows,
        skipped: 0,
      });
    }
    for (const f of expected.files.filter((x) => x.dataset === 'units' || x.dataset === 'scores')) {
      expect([f.file, results.find((x) => path.basename(x.file) === f.file)!.result.dataset]).toEqual([f.file, f.dataset]);
    }
  });

  it('holds the units, their kinds, the merged division and bloc membership per year', async () => {
    expect(await n('SELECT count(*)::INTEGER n FROM v_units')).toBe(expected.units.count);
    const kinds = await query<{ unit_kind: string; n: number }>(db, 'SELECT unit_kind, count(*)::INTEGER n FROM v_units GROUP BY 1 ORDER BY 1');
    expect(Object.fromEntries(kinds.map((k) => [k.unit_kind, k.n]))).toEqual(expected.units.byKind);
    for (const m of expected.units.merged) {
      const rows = await query<{ successor: string }>(
        db,
        'SELECT s.unit_name AS successor FROM v_units u JOIN v_units s ON s.unit_id = u.successor_id WHERE u.unit_name = $name',
        { name: m.unit },
      );
      expect(rows.map((r) => r.successor)).toEqual([m.successor]);
    }
    for (const b of expected.units.blocs) {
      const rows = await query<{ yr: number; n: number }>(
        db,
        'SELECT m.year::INTEGER AS yr, count(*)::INTEGER AS n FROM v_bloc_members m WHERE m.bloc_name = $bloc GROUP BY 1 ORDER BY 1',
        { bloc: b.name },
      );
      expect(Object.fromEntries(rows.map((r) => [String(r.yr), r.n]))).toEqual(b.members);
    }
  });

  it('holds exactly the activities: per year, participants, channels and units', async () => {
    expect(await n('SELECT count(*)::INTEGER n FROM v_activities')).toBe(expected.activities.total);
    const years = await query<{ y: number; n: number; p: number }>(
      db,
      'SELECT year(activity_date)::INTEGER y, count(*)::INTEGER n, sum(participants)::INTEGER p FROM v_activities GROUP BY 1 ORDER BY 1',
    );
    expect(Object.fromEntries(years.map((r) => [String(r.y), { count: r.n, participants: r.p }]))).toEqual(expected.activities.byYear);
    const channels = await query<{ channel: string; n: number }>(db, 'SELECT channel, count(*)::INTEGER n FROM v_activities GROUP BY 1');
    expect(Object.fromEntries(channels.map((r) => [r.channel, r.n]))).toEqual(expected.activities.byChannel);
    const units = await query<{ unit_name: string; n: number }>(db, 'SELECT unit_name, count(*)::INTEGER n FROM v_activities GROUP BY 1');
    expect(Object.fromEntries(units.map((r) => [r.unit_name, r.n]))).toEqual(expected.activities.byUnit);
    expect(await n('SELECT count(*)::INTEGER n FROM v_activities WHERE unit_id IS NULL')).toBe(0);
  });

  it('holds exactly the awards: per year, kind, recipient type, canonical name; unknown units kept', async () => {
    const by = async (col: 'award_year' | 'award_kind' | 'recipient_type' | 'award_name') => {
      const rows = await query<{ k: string; n: number }>(db, `SELECT ${col}::VARCHAR k, count(*)::INTEGER n FROM v_awards GROUP BY 1`);
      return Object.fromEntries(rows.map((r) => [r.k, r.n]));
    };
    expect(await n('SELECT count(*)::INTEGER n FROM v_awards')).toBe(expected.awards.total);
    expect(await by('award_year')).toEqual(expected.awards.byYear);
    expect(await by('award_kind')).toEqual(expected.awards.byKind);
    expect(await by('recipient_type')).toEqual(expected.awards.byRecipientType);
    expect(await by('award_name')).toEqual(expected.awards.byAwardName);
    const unresolved = await query<{ unit_name: string }>(db, 'SELECT DISTINCT unit_name FROM v_awards WHERE unit_id IS NULL ORDER BY 1');
    expect(await n('SELECT count(*)::INTEGER n FROM v_awards WHERE unit_id IS NULL')).toBe(expected.awards.unresolvedUnits);
    expect(unresolved.map((r) => r.unit_name)).toEqual(expected.awards.unresolvedUnitNames);
  });

  it('holds the score totals, ranks and leading unit of every bloc × period', async () => {
    for (const s of expected.scores) {
      const params = { bloc: s.bloc, start: s.periodStart, end: s.periodEnd };
      const totals = await query<{ unit_name: string; total: number; rank: number }>(
        db,
        `SELECT unit_name, total_points::DOUBLE total, rank::INTEGER rank FROM v_score_totals
         WHERE bloc_name = $bloc AND period_start = $start::DATE AND period_end = $end::DATE ORDER BY rank, unit_name`,
        params,
      );
      expect({ bloc: s.bloc, period: s.period, totals }).toEqual({
        bloc: s.bloc,
        period: s.period,
        totals: s.totals.map((t) => ({ unit_name: t.unit, total: t.total, rank: t.rank })),
      });
      expect(totals.filter((t) => t.rank === 1).map((t) => t.unit_name)).toEqual([s.leader]);
      const criteria = await n(
        `SELECT count(*)::INTEGER n FROM v_scores WHERE bloc_name = $bloc AND period_start = $start::DATE AND period_end = $end::DATE AND criterion_kind = 'criterion'`,
        params,
      );
      expect([s.bloc, s.period, criteria]).toEqual([s.bloc, s.period, s.criterionRows]);
      const extras = await query<{ kind: string; pts: number }>(
        db,
        `SELECT criterion_kind AS kind, round(sum(coalesce(assessed_points, 0)), 2)::DOUBLE AS pts FROM v_scores
         WHERE bloc_name = $bloc AND period_start = $start::DATE AND period_end = $end::DATE AND criterion_kind <> 'criterion' GROUP BY 1`,
        params,
      );
      const pts = (k: string) => extras.find((e) => e.kind === k)?.pts ?? 0;
      expect([s.bloc, s.period, pts('bonus'), pts('penalty')]).toEqual([s.bloc, s.period, s.bonusPoints, s.penaltyPoints]);
    }
    // Equal totals share a rank somewhere in the sample (1, 2, 2, 4).
    expect(expected.scores.some((s) => s.totals.filter((t) => t.rank === 2).length === 2)).toBe(true);
  });

  it('says duplicate for every file imported again and changes nothing', async () => {
    const before = await factCounts();
    for (const { file } of sampleFilesInOrder()) {
      const r = await importFile(db, { path: file }, { fileName: path.basename(file), importedBy: 'test' });
      expect([path.basename(file), r.status]).toEqual([path.basename(file), 'duplicate']);
    }
    expect(await factCounts()).toEqual(before);
  });

  it('rejects each with-errors file naming the row and column, changes nothing, and loads its corrected twin', async () => {
    for (const w of expected.withErrors) {
      const before = await factCounts();
      const bad = await importFile(db, { path: path.join(SAMPLE_DIR, w.file) }, { fileName: path.basename(w.file), importedBy: 'test' });
      expect([w.file, bad.status]).toEqual([w.file, 'rejected']);
      for (const e of w.errors) {
        const hit = bad.errors.find(
          (x) =>
            x.row === e.row &&
            (e.columns.length === 0 ||
              e.columns.some(
                (c) =>
                  (x.column !== null && (x.column === c || foldKey(x.column).includes(foldKey(c)))) ||
                  // Wide score sheets: the unit's column is named in the message.
                  (c.length > 2 && x.message.includes(c)),
              )),
        );
        expect([w.file, e.row, hit ? 'found' : JSON.stringify(bad.errors.slice(0, 5))]).toEqual([w.file, e.row, 'found']);
        if (e.otherRow) expect(hit!.message).toContain(String(e.otherRow));
      }
      expect(await factCounts()).toEqual(before);
      const good = await importFile(db, { path: path.join(SAMPLE_DIR, w.corrected.file) }, { fileName: path.basename(w.corrected.file), importedBy: 'test' });
      expect([w.corrected.file, good.status, good.errors.slice(0, 3).map((x) => x.message)]).toEqual([w.corrected.file, 'loaded', []]);
      if (w.dataset !== 'scores') expect([w.corrected.file, good.rowsLoaded]).toEqual([w.corrected.file, w.corrected.rows]);
    }
  });
});
