import { expect } from 'vitest';
import type { Db } from '@/lib/db/client';
import type { Period } from '@/lib/periods';
import { blocCriteriaHeat, blocRanking } from '@/lib/queries/bloc';
import { findBloc } from '@/lib/review/blocs';
import { getReviewSummary } from '@/lib/review/summary';

/**
 * The bloc page's data functions and the review summary read the same scoring rules
 * (lib/scoring): for one bloc and period they give the same ranks, the same previous period
 * with the same previous ranks, and the same heat band in every cell.
 */
export async function expectBlocPageAgreesWithReview(db: Db, blocId: number, period: Period): Promise<void> {
  const bloc = (await findBloc(db, String(blocId)))!;
  const [ranking, heat, summary] = await Promise.all([blocRanking(db, blocId, period), blocCriteriaHeat(db, blocId, period), getReviewSummary(db, bloc, period)]);
  const ranked = summary.members.filter((m) => m.rank !== null);
  const label = `${bloc.name} ${period.id}`;
  expect(ranking.map((r) => [r.unit_id, r.total_points, r.rank, r.previous_rank]), label).toEqual(
    ranked.map((m) => [m.unitId, m.total, m.rank, m.previousRank]),
  );
  expect(ranking[0]?.previous_period ?? null, label).toBe(summary.previousPeriod?.id ?? null);
  const reviewBands = ranked.flatMap((m) => summary.criteria.map((c) => [m.unitId, c.key, m.points[c.key]?.band ?? null]));
  const pageBands = new Map(heat.map((h) => [`${h.unit_id}|${h.criterion_key}`, h.band]));
  expect(reviewBands.map(([u, k]) => [u, k, pageBands.get(`${u}|${k}`) ?? null]), label).toEqual(reviewBands);
  expect(heat.length, label).toBeGreaterThan(0);
}

