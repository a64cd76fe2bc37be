import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, query, queryOn, withWriteTransaction, type Db } from '@/lib/db/client';
import { parsePeriod } from '@/lib/periods';
import { blocCriteriaHeat, blocRanking } from '@/lib/queries/bloc';
import { findBloc } from '@/lib/review/blocs';
import { expectBlocPageAgreesWithReview } from './scoring-agreement';
import { FIXTURE_BLOC, insertReviewFixture } from './review-fixture';

let db: Db;
beforeEach(async () => {
  db = await openDb(':memory:');
  await insertReviewFixture(db);
  // More scored periods of bloc 1, one criterion each: years 2020, 2022 and a first half 2021.
  await withWriteTransaction(db, async (c) => {
    const sheet = async (period: string, start: string, end: string, totals: [string, number][]) => {
      for (const [u, pts] of totals) {
        await queryOn(
          c,
          `INSERT INTO scores (bloc_id, unit_id, period, period_start, period_end, criterion, criterion_kind, max_points, assessed_points, batch_id, row_key)
           VALUES (1, (SELECT unit_id FROM units WHERE name = $u), $p, $s::DATE, $e::DATE, 'Hoàn thành kế hoạch công tác', 'criterion', 100, $a, 2, $k)`,
          { u, p: period, s: start, e: end, a: pts, k: `${period}${u}` },
        );
      }
    };
    await sheet('2020', '2020-01-01', '2020-12-31', [['Phòng A', 70], ['Phòng B', 90], ['Phòng C', 80]]);
    await sheet('2022', '2022-01-01', '2022-12-31', [['Phòng A', 91], ['Phòng B', 91], ['Phòng C', 60], ['Phòng D', 74]]);
    await sheet('2021-H1', '2021-01-01', '2021-06-30', [['Phòng A', 50], ['Phòng B', 60]]);
  });
});
afterEach(() => db.closeSync());

describe('one scoring module: bloc page and review agree', () => {
  it('on the hand-computed bloc for every scored period (2022 vs 2020, 2022-H1 vs 2021-H2, 2021-H2 vs 2021-H1)', async () => {
    const bloc = (await findBloc(db, FIXTURE_BLOC))!;
    const periods = await query<{ period: string }>(db, `SELECT DISTINCT period FROM v_scores WHERE bloc_id = $b ORDER BY 1`, { b: bloc.blocId });
    expect(periods.map((p) => p.period)).toEqual(['2020', '2021-H1', '2021-H2', '2022', '2022-H1']);
    for (const { period } of periods) await expectBlocPageAgreesWithReview(db, bloc.blocId, parsePeriod(period)!);
  });

  it('a year compares with the previous scored year, never with a half-year, and ties share a rank', async () => {
    const rows = await blocRanking(db, 1, parsePeriod('2022')!);
    expect(rows.map((r) => [r.unit_name, r.total_points, r.rank, r.previous_period, r.previous_rank])).toEqual([
      ['Phòng A', 91, 1, '2020', 3],
      ['Phòng B', 91, 1, '2020', 1],
      ['Phòng D', 74, 3, '2020', null],
      ['Phòng C', 60, 4, '2020', 2],
    ]);
    const h2 = await blocRanking(db, 1, parsePeriod('2021-H2')!);
    expect(h2[0].previous_period).toBe('2021-H1');
  });

  it('colours cells by the same bands on both pages (90 / 75 / 60 % of the maximum; penalties reversed)', async () => {
    const heat = await blocCriteriaHeat(db, 1, parsePeriod('2022-H1')!);
    const band = (unit: number, criterion: string) => heat.find((h) => h.unit_id === unit && h.criterion === criterion)?.band;
    expect(band(1, 'Hoàn thành kế hoạch công tác')).toBe('high'); // 38/40 = 95 %
    expect(band(3, 'Tuyên truyền, nhân rộng điển hình')).toBe('good'); // 26/30 ≈ 87 %
    expect(band(4, 'Tuyên truyền, nhân rộng điển hình')).toBeUndefined(); // row absent
    expect(band(4, 'Điểm trừ')).toBe('fair'); // 2 of 5 deducted: 60 %
  });
});
