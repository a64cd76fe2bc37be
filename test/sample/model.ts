import { Rng } from './prng';
import { DIVISIONS, type SampleBloc, type SampleUnit, type Year } from './units';
import { makeNamer } from './people';
import { buildActivities, extraActivities, type Activity } from './activity-model';
import { buildSheets, extraSheet, type ScoreSheet } from './score-model';
import { buildAwards, type Award } from './award-model';

/**
 * The sample's ground truth: every activity, award and score the files will contain, built from
 * a seeded PRNG. The file writers only lay these records out; expected.json is computed from
 * here, never from the pipeline. Each part has its own PRNG stream (Rng.fork).
 */

// The records and helpers the file writers import from here, wherever they now live.
export type { Activity } from './activity-model';
export type { Award } from './award-model';
export type { Criterion } from './score-criteria';
export type { ScoreSheet, UnitScore } from './score-model';
export { ymd } from './calendar';
export { activityKey, CHANNEL_TEXTS } from './activity-model';
export { AWARD_FORMS } from './award-model';
export { rankScores } from './score-model';

export interface SampleModel {
  activities: Activity[];
  awards: Award[];
  sheets: ScoreSheet[];
  staff: Map<string, string[]>; // unit name → people
}

const SEED = 20221231;

export function buildModel(): SampleModel {
  const root = new Rng(SEED);
  const newName = makeNamer(root.fork('names'));
  const staff = new Map<string, string[]>();
  for (const u of DIVISIONS) staff.set(u.name, Array.from({ length: u.headcount }, newName));
  const sheets = buildSheets(root.fork('scores'));
  const activities = buildActivities(root.fork('activities'), staff);
  const awards = buildAwards(root.fork('awards'), staff, sheets, newName);
  return { activities, awards, sheets, staff };
}

/** A score sheet outside the sample (with-errors files): its own PRNG stream. */
export function buildExtraSheet(blocKey: SampleBloc['key'], year: Year, half: boolean, label: string): ScoreSheet {
  return extraSheet(new Rng(SEED).fork(label), blocKey, year, half, label);
}

/** Activities outside the sample (with-errors files): distinct titles, so they add, never collide. */
export function buildExtraActivities(unit: SampleUnit, year: Year, n: number, label: string): Activity[] {
  return extraActivities(new Rng(SEED).fork(label), unit, year, n);
}
