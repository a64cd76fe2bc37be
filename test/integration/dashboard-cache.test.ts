import { describe, expect, it } from 'vitest';
import { reuse, reusedCount } from '@/lib/db/cache';
import { dataVersion, query, withWriteTransaction } from '@/lib/db/client';
import { parseDashboardFilters } from '@/lib/filters/dashboard';
import { makePeriod } from '@/lib/periods';
import { dataExtent } from '@/lib/queries/options';
import { activityKpis, comparison } from '@/lib/queries/overview';
import { writeSettings } from '@/lib/settings/store';
import { undoBatch } from '@/etl/pipeline';
import { fixtureDb } from './dashboard-fixture';

const TODAY = '2026-11-27';
const f = parseDashboardFilters({ period: '2022-H1' }, makePeriod('year', 2022)).filters;
const window = comparison(f.period, TODAY).current;

async function storedVersion(db: Awaited<ReturnType<typeof fixtureDb>>): Promise<number> {
  return (await query<{ version: number }>(db, 'SELECT version FROM data_version'))[0].version;
}

describe('results reused per data version', () => {
  it('a write transaction bumps the stored and the in-process version; a failed one bumps neither', async () => {
    const db = await fixtureDb();
    const [v0, s0] = [dataVersion(db), await storedVersion(db)];
    await withWriteTransaction(db, (c) => c.run("INSERT INTO movements (movement_id, name) VALUES (50, 'Mới')"));
    expect(dataVersion(db)).toBeGreaterThan(v0);
    expect(await storedVersion(db)).toBe(s0 + 1);
    const v1 = dataVersion(db);
    await expect(
      withWriteTransaction(db, async (c) => {
        await c.run("INSERT INTO movements (movement_id, name) VALUES (51, 'Không lưu')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(dataVersion(db)).toBe(v1);
    expect(await storedVersion(db)).toBe(s0 + 1);
  });

  it('a write marked sessionsOnly (logins, sessions) keeps the version', async () => {
    const db = await fixtureDb();
    const v = dataVersion(db);
    await withWriteTransaction(db, (c) => c.run("DELETE FROM login_attempts WHERE username_key = 'x'"), undefined, { sessionsOnly: true });
    expect(dataVersion(db)).toBe(v);
  });

  it('serves the same result while the data stands, and the new data right after a write', async () => {
    const db = await fixtureDb();
    const first = await activityKpis(db, f, window);
    expect(first.activities).toBe(5);
    // Same key, same version: the very same object, not a second query.
    expect(await activityKpis(db, f, window)).toBe(first);
    await withWriteTransaction(db, (c) =>
      c.run(`INSERT INTO activities (activity_id, activity_date, unit_id, unit_raw, channel, title, participants, batch_id, row_key)
             VALUES (100, '2022-03-03', 1, 'QLNS', 'seminar', 'Hội nghị mới', 40, 1, 'k100')`),
    );
    const after = await activityKpis(db, f, window);
    expect(after.activities).toBe(6);
    expect(after.participants).toBe(first.participants + 40);
  });

  it('sees an undone batch and a settings edit at once (every write path goes through the transaction helper)', async () => {
    const db = await fixtureDb();
    expect((await dataExtent(db)).activities).toBe(9);
    await undoBatch(db, 1, 'vanphong');
    expect((await dataExtent(db)).activities).toBe(0);
    const v = dataVersion(db);
    await writeSettings(db, { 'quota.ttldxs_min_cstdcs': 2 }, 'quantri');
    expect(dataVersion(db)).toBeGreaterThan(v);
  });

  it('shares one computation between readers asking at once, and keeps no failure', async () => {
    const db = await fixtureDb();
    let runs = 0;
    const slow = () => new Promise<number>((r) => setTimeout(() => r(++runs), 20));
    const [a, b] = await Promise.all([reuse(db, 'k', slow), reuse(db, 'k', slow)]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
    await expect(reuse(db, 'bad', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await new Promise((r) => setTimeout(r, 0));
    expect(await reuse(db, 'bad', async () => 'ok')).toBe('ok');
    // A result computed before a write is dropped with its generation.
    expect(reusedCount(db)).toBeGreaterThan(0);
    await withWriteTransaction(db, (c) => c.run("INSERT INTO movements (movement_id, name) VALUES (52, 'M')"));
    expect(reusedCount(db)).toBe(0);
    expect(await reuse(db, 'k', slow)).toBe(2);
  });
});

describe('rows typed at the boundary', () => {
  it('gives BIGINT, HUGEINT and DECIMAL as numbers, DATE and TIMESTAMP as text, NULL as null', async () => {
    const db = await fixtureDb();
    const [row] = await query(
      db,
      `SELECT 12::BIGINT AS big, sum(x)::HUGEINT AS huge, 12.5::DECIMAL(9, 2) AS dec, 2.25::DOUBLE AS dbl,
              DATE '2022-03-01' AS d, TIMESTAMP '2022-03-01 08:30:00' AS ts, NULL::BIGINT AS nothing, ['a', 'b'] AS list
       FROM (VALUES (1), (2)) t(x)`,
    );
    expect(row).toEqual({ big: 12, huge: 3, dec: 12.5, dbl: 2.25, d: '2022-03-01', ts: '2022-03-01 08:30:00', nothing: null, list: ['a', 'b'] });
  });
});
