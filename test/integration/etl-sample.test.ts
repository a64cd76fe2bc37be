import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { importFile } from '@/etl/pipeline';

/** Imports every sample file in order and checks the figures test/sample wrote into expected.json. */
const SAMPLE = path.join(process.cwd(), 'data', 'sample');
const expectedFile = path.join(SAMPLE, 'expected.json');
const hasSample = fs.existsSync(expectedFile);

interface Expected {
  files: { file: string; dataset: string; rows: number }[];
  units: { count: number; byKind: Record<string, number>; blocs: { name: string; members: Record<string, number> }[] };
  activities: { total: number; byYear: Record<string, { count: number; participants: number }>; byChannel: Record<string, number>; participantsTotal: number };
  awards: { total: number; byKind: Record<string, number>; byRecipientType: Record<string, number>; byAwardName: Record<string, number>; unresolvedUnits: number };
  scores: { bloc: string; period: string; totals: { unit: string; total: number; rank: number }[] }[];
  withErrors: { file: string; dataset: string; errors: { row: number; columns: string[]; otherRow?: number }[]; corrected: { file: string; rows: number } }[];
}

describe.runIf(hasSample)('sample data', () => {
  let db: Db;
  let expected: Expected;
  beforeAll(async () => {
    expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
    db = await openDb(':memory:');
  });

  it('imports every sample file with the expected row counts', async () => {
    for (const f of expected.files) {
      const r = await importFile(db, { path: path.join(SAMPLE, f.file) }, { fileName: f.file, importedBy: 'test' });
      expect(r.errors, f.file).toEqual([]);
      expect([r.status, r.dataset, r.rowsLoaded], f.file).toEqual(['loaded', f.dataset, f.rows]);
    }
  });

  it('holds the expected units, activities, awards, totals and ranks', async () => {
    const units = await query<{ unit_kind: string; n: number }>(db, 'SELECT unit_kind, count(*)::INTEGER AS n FROM v_units GROUP BY 1');
    expect(Object.fromEntries(units.map((u) => [u.unit_kind, u.n]))).toEqual(expected.units.byKind);
    for (const b of expected.units.blocs) {
      const m = await query<{ year: number; n: number }>(db, 'SELECT year, count(*)::INTEGER AS n FROM v_bloc_members WHERE bloc_name = $b GROUP BY 1', { b: b.name });
      expect(Object.fromEntries(m.map((r) => [String(r.year), r.n])), b.name).toEqual(b.members);
    }
    const years = await query<{ y: number; n: number; p: number }>(db, 'SELECT year(activity_date)::INTEGER AS y, count(*)::INTEGER AS n, sum(participants)::INTEGER AS p FROM v_activities GROUP BY 1');
    expect(Object.fromEntries(years.map((r) => [String(r.y), { count: r.n, participants: r.p }]))).toEqual(expected.activities.byYear);
    const channels = await query<{ channel: string; n: number }>(db, 'SELECT channel, count(*)::INTEGER AS n FROM v_activities GROUP BY 1');
    expect(Object.fromEntries(channels.map((r) => [r.channel, r.n]))).toEqual(expected.activities.byChannel);
    const awardNames = await query<{ award_name: string; n: number }>(db, 'SELECT award_name, count(*)::INTEGER AS n FROM v_awards GROUP BY 1');
    expect(Object.fromEntries(awardNames.map((r) => [r.award_name, r.n]))).toEqual(expected.awards.byAwardName);
    const types = await query<{ recipient_type: string; n: number }>(db, 'SELECT recipient_type, count(*)::INTEGER AS n FROM v_awards GROUP BY 1');
    expect(Object.fromEntries(types.map((r) => [r.recipient_type, r.n]))).toEqual(expected.awards.byRecipientType);
    expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM v_awards WHERE unit_id IS NULL')).toEqual([{ n: expected.awards.unresolvedUnits }]);
    for (const s of expected.scores) {
      const rows = await query<{ unit_name: string; total_points: number; rank: number }>(
        db,
        'SELECT unit_name, total_points, rank FROM v_score_totals WHERE bloc_name = $b AND period = $p ORDER BY rank, unit_name',
        { b: s.bloc, p: s.period },
      );
      const want = [...s.totals].sort((a, b) => a.rank - b.rank || a.unit.localeCompare(b.unit)).map((t) => ({ unit_name: t.unit, total_points: t.total, rank: t.rank }));
      const got = [...rows].sort((a, b) => a.rank - b.rank || a.unit_name.localeCompare(b.unit_name));
      expect(got, `${s.bloc} ${s.period}`).toEqual(want);
    }
  });

  it('refuses the files with errors at the expected rows and columns, writing nothing', async () => {
    for (const f of expected.withErrors) {
      const before = await query(db, 'SELECT count(*)::INTEGER AS n FROM import_batches');
      const r = await importFile(db, { path: path.join(SAMPLE, f.file) }, { fileName: f.file, importedBy: 'test' });
      expect(r.status, f.file).toBe('rejected');
      expect(r.errors.length, f.file).toBe(f.errors.length);
      f.errors.forEach((e, i) => {
        expect(r.errors[i].row, f.file).toBe(e.row);
        if (e.columns.length) expect(e.columns, f.file).toContain(r.errors[i].column);
        if (e.otherRow) expect(r.errors[i].message, f.file).toContain(`dòng ${e.otherRow}`);
      });
      expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM import_batches')).toEqual(before);
    }
  });

  it('says duplicate when a sample file comes again', async () => {
    const f = expected.files[1];
    const r = await importFile(db, { path: path.join(SAMPLE, f.file) }, { fileName: f.file, importedBy: 'test' });
    expect(r.status).toBe('duplicate');
  });
});
