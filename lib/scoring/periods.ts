import { z } from 'zod';
import { query, type Db } from '../db/client';
import { previousComparable, type ScoredPeriod } from './rules';

const Row = z.object({ period: z.string(), start: z.string(), end: z.string() });

/** Every score period a bloc has loaded scores for (period id and dates), newest first. */
async function scoredPeriods(db: Db, blocId: number): Promise<ScoredPeriod[]> {
  return query(
    db,
    `SELECT period, strftime(period_start, '%Y-%m-%d') AS start, strftime(period_end, '%Y-%m-%d') AS "end"
     FROM scores WHERE bloc_id = $bloc AND batch_id IN (SELECT batch_id FROM import_batches WHERE status = 'loaded')
     GROUP BY ALL ORDER BY "end" DESC, start`,
    { bloc: blocId },
    Row,
  );
}

/** The bloc's previous comparable scored period (lib/scoring/rules.ts), or null. */
export async function previousScoredPeriod(db: Db, blocId: number, current: { period: string; start: string }): Promise<ScoredPeriod | null> {
  return previousComparable(current, await scoredPeriods(db, blocId));
}
