import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { importFile, undoBatch } from '@/etl/pipeline';
import { ACTIVITY_HEADER, activityRows } from '../hostile/corpus';
import { writeUnitsCsv } from '../bench/generate-data';

/**
 * Concurrent writers on one instance (issue 6): two uploads at once and an undo while the
 * dashboard reads. Nothing fails, no row is lost or counted twice, every read sees whole
 * batches only, and the totals are exact.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-concurrency-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeCsv(name: string, rows: (string | number)[][]): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, [ACTIVITY_HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n');
  return file;
}

const sum = (rows: (string | number)[][]) => rows.reduce((s, r) => s + Number(r[4]), 0);

async function totals(db: Db): Promise<string> {
  const [r] = await query<{ n: number; p: number }>(db, 'SELECT count(*)::INTEGER AS n, coalesce(sum(participants), 0)::INTEGER AS p FROM v_activities');
  return `${r.n}/${r.p}`;
}

describe('concurrent writers', () => {
  it('two uploads at once and an undo during dashboard reads: exact totals, whole batches only', async () => {
    const db = await openDb(':memory:');
    const units = path.join(tmp, 'units.csv');
    writeUnitsCsv(units);
    expect((await importFile(db, { path: units }, { fileName: 'units.csv', importedBy: 'stress' })).status).toBe('loaded');

    const a = activityRows('Lần nhập A cần hủy', 500).rows;
    const b = activityRows('Tải lên B', 3000).rows;
    // C repeats 100 rows of B: whichever commits second must skip them, not count them twice.
    const cNew = activityRows('Tải lên C', 2900).rows;
    const c = [...b.slice(0, 100), ...cNew];
    const fileA = writeCsv('a.csv', a);
    const fileB = writeCsv('b.csv', b);
    const fileC = writeCsv('c.csv', c);
    const loadedA = await importFile(db, { path: fileA }, { fileName: 'a.csv', importedBy: 'vanphong' });
    expect(loadedA.status).toBe('loaded');

    // Every state a reader may see: A in or out × {none, B, C, B and C}.
    const allowed = new Set<string>();
    for (const withA of [0, 1]) {
      const base = withA ? { n: a.length, p: sum(a) } : { n: 0, p: 0 };
      for (const s of [{ n: 0, p: 0 }, { n: b.length, p: sum(b) }, { n: c.length, p: sum(c) }, { n: b.length + cNew.length, p: sum(b) + sum(cNew) }]) {
        allowed.add(`${base.n + s.n}/${base.p + s.p}`);
      }
    }

    let writing = true;
    const seen: string[] = [];
    const reader = (async () => {
      while (writing) {
        seen.push(await totals(db));
        await new Promise((r) => setImmediate(r));
      }
    })();
    const [rb, rc, undo] = await Promise.all([
      importFile(db, { path: fileB }, { fileName: 'b.csv', importedBy: 'vanphong' }),
      importFile(db, { path: fileC }, { fileName: 'c.csv', importedBy: 'quantri' }),
      undoBatch(db, loadedA.batchId!, 'quantri'),
    ]);
    writing = false;
    await reader;

    expect(rb.status, JSON.stringify(rb.errors.slice(0, 3))).toBe('loaded');
    expect(rc.status, JSON.stringify(rc.errors.slice(0, 3))).toBe('loaded');
    expect(undo.rowsRemoved).toBe(a.length);
    expect(rb.rowsLoaded + rc.rowsLoaded).toBe(b.length + cNew.length);
    expect(rb.rowsSkipped + rc.rowsSkipped).toBe(100);
    expect(await totals(db)).toBe(`${b.length + cNew.length}/${sum(b) + sum(cNew)}`);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((s) => !allowed.has(s))).toEqual([]);
    console.log(`reads during the writes: ${seen.length}, distinct states seen: ${[...new Set(seen)].join(', ')}`);
    const batches = await query(db, "SELECT status, count(*)::INTEGER AS n FROM import_batches WHERE dataset = 'activities' GROUP BY status ORDER BY status");
    expect(batches).toEqual([{ status: 'loaded', n: 2 }, { status: 'undone', n: 1 }]);
  });

  it('the same file uploaded twice at once loads once; the other is a duplicate', async () => {
    const db = await openDb(':memory:');
    const units = path.join(tmp, 'units2.csv');
    writeUnitsCsv(units);
    await importFile(db, { path: units }, { fileName: 'units.csv', importedBy: 'stress' });
    const rows = activityRows('Trùng tệp', 1000).rows;
    const file = writeCsv('same.csv', rows);
    const results = await Promise.all([1, 2].map(() => importFile(db, { path: file }, { fileName: 'same.csv', importedBy: 'vanphong' })));
    expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'loaded']);
    expect(await totals(db)).toBe(`${rows.length}/${sum(rows)}`);
  });
});
