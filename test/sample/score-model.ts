import { scoreTotal, sharedRanks } from '@/lib/scoring/rules';
import type { Rng } from './prng';
import { ADVISORY_AGENCIES, BLOCS, DISTRICT_OFFICES, DIVISIONS, YEARS, type SampleBloc, type SampleUnit, type Year } from './units';
import { ymd } from './calendar';
import { criteriaFor, type CriteriaGroup, type Criterion } from './score-criteria';

/** The sample's score sheets: each bloc's units scored per half-year and year, with ties made on purpose. */

export interface UnitScore {
  unit: SampleUnit;
  self: number[]; // aligned with criteria
  assessed: number[];
  selfTotal: number;
  total: number;
  rank: number;
}

export interface ScoreSheet {
  bloc: SampleBloc;
  year: Year;
  half: boolean; // six-month review (H1) or the year
  period: string; // 2022-H1 or 2022
  periodStart: string;
  periodEnd: string;
  groups: CriteriaGroup[];
  criteria: Criterion[];
  scores: UnitScore[]; // in the bloc's member order
}

function round(x: number, step: number): number {
  return Math.round(x / step) * step;
}

/** Totals and shared ranks (1, 2, 2, 4) by the scoring rules every reader uses (lib/scoring). */
export function rankScores(scores: UnitScore[], criteria: Criterion[]): void {
  for (const s of scores) {
    s.total = scoreTotal(criteria.map((c, i) => ({ kind: c.kind, points: s.assessed[i] })));
    s.selfTotal = scoreTotal(criteria.map((c, i) => ({ kind: c.kind, points: s.self[i] })));
  }
  const ranks = sharedRanks(scores.map((s) => s.total));
  scores.forEach((s, i) => (s.rank = ranks[i]));
}

function buildSheet(rng: Rng, bloc: SampleBloc, year: Year, half: boolean, strength: Map<string, number>): ScoreSheet {
  const { groups, criteria } = criteriaFor(bloc);
  const step = bloc.scale === 1000 ? 1 : 0.5;
  const members = bloc.members(year);
  const scores: UnitScore[] = members.map((unit) => {
    const base = strength.get(unit.name) ?? 0.85;
    const assessed: number[] = [];
    const self: number[] = [];
    for (const c of criteria) {
      if (c.kind === 'criterion') {
        const q = Math.min(1, Math.max(0.55, base + (rng.next() - 0.5) * 0.16));
        const a = Math.min(c.max, round(c.max * q, step));
        const s = Math.min(c.max, a + (rng.chance(0.45) ? round(rng.next() * c.max * 0.08, step) : 0));
        assessed.push(a);
        self.push(s);
      } else if (c.kind === 'bonus') {
        const b = rng.chance(0.6) ? round(rng.next() * c.max, step) : 0;
        assessed.push(b);
        self.push(Math.min(c.max, b + (rng.chance(0.3) ? step * 2 : 0)));
      } else {
        const p = rng.chance(0.25) ? Math.max(step, round(rng.next() * c.max * 0.3, step)) : 0;
        assessed.push(p);
        self.push(rng.chance(0.5) ? 0 : p);
      }
    }
    return { unit, self, assessed, selfTotal: 0, total: 0, rank: 0 };
  });
  rankScores(scores, criteria);
  return {
    bloc,
    year,
    half,
    period: half ? `${year}-H1` : String(year),
    periodStart: ymd(year, 1, 1),
    periodEnd: half ? ymd(year, 6, 30) : ymd(year, 12, 31),
    groups,
    criteria,
    scores,
  };
}

/**
 * Makes the units ranked second and third share their total, so every reader of the sample
 * sees a tie (ranks 1, 2, 2, 4): the third unit's first criterion is raised by the gap.
 */
function forceTie(sheet: ScoreSheet): void {
  const byTotal = [...sheet.scores].sort((a, b) => b.total - a.total);
  const [, second, third] = byTotal;
  const gap = Math.round((second.total - third.total) * 100) / 100;
  if (gap === 0) return;
  const c = sheet.criteria.findIndex((cr, i) => cr.kind === 'criterion' && third.assessed[i] + gap <= cr.max);
  if (c >= 0) {
    third.assessed[c] += gap;
    third.self[c] = Math.min(sheet.criteria[c].max, Math.max(third.self[c], third.assessed[c]));
  } else {
    const d = sheet.criteria.findIndex((cr, i) => cr.kind === 'criterion' && second.assessed[i] - gap >= 0);
    second.assessed[d] -= gap;
  }
  rankScores(sheet.scores, sheet.criteria);
  const ranks = [...sheet.scores].map((s) => s.rank).sort((a, b) => a - b);
  if (ranks[1] !== 2 || ranks[2] !== 2) throw new Error(`tie not made in ${sheet.bloc.name} ${sheet.period}`);
}

/** How well each unit tends to score (0.78–0.95), so its ranks are steady across periods. */
function unitStrengths(rng: Rng): Map<string, number> {
  const strength = new Map<string, number>();
  for (const u of [...DIVISIONS, ...ADVISORY_AGENCIES, ...DISTRICT_OFFICES]) strength.set(u.name, 0.78 + rng.next() * 0.17);
  return strength;
}

export function buildSheets(rng: Rng): ScoreSheet[] {
  const strength = unitStrengths(rng);
  const sheets: ScoreSheet[] = [];
  for (const bloc of BLOCS) {
    for (const year of YEARS) {
      if (bloc.key !== 'advisory') sheets.push(buildSheet(rng, bloc, year, true, strength));
      sheets.push(buildSheet(rng, bloc, year, false, strength));
    }
  }
  // Ties: divisions 2022 (year) and districts 2023-H1.
  forceTie(sheets.find((s) => s.bloc.key === 'divisions' && s.period === '2022')!);
  forceTie(sheets.find((s) => s.bloc.key === 'districts' && s.period === '2023-H1')!);
  for (const s of sheets) {
    const leaders = s.scores.filter((x) => x.rank === 1);
    if (leaders.length !== 1) throw new Error(`two leaders in ${s.bloc.name} ${s.period}`);
  }
  return sheets;
}

/** A score sheet outside the sample (with-errors files), from its own PRNG stream `rng`. */
export function extraSheet(rng: Rng, blocKey: SampleBloc['key'], year: Year, half: boolean, label: string): ScoreSheet {
  const strength = unitStrengths(rng);
  const sheet = buildSheet(rng, BLOCS.find((b) => b.key === blocKey)!, year, half, strength);
  if (sheet.scores.filter((s) => s.rank === 1).length !== 1) throw new Error(`two leaders in ${label}`);
  return sheet;
}
