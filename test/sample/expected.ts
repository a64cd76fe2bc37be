import type { SampleModel } from './model';
import type { SampleFile } from './sample-file';
import { ALL_UNITS, BLOCS, YEARS } from './units';

/**
 * The figures the generator put in, computed from its own model (never by asking the
 * pipeline): what an import of every file of data/sample must show in the analyst views.
 */
export interface WithErrorsExpectation {
  file: string;
  dataset: SampleFile['dataset'];
  mistake: string;
  /** Each error the pipeline must name: the row a person sees, and the column as any of these (header text or letter). */
  errors: { row: number; columns: string[]; otherRow?: number }[];
  corrected: { file: string; rows: number };
}

export function expectedFigures(model: SampleModel, files: SampleFile[], withErrors: WithErrorsExpectation[]) {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const count = <T>(xs: T[], key: (x: T) => string) => {
    const out: Record<string, number> = {};
    for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  };
  const { activities, awards, sheets } = model;
  return {
    generatedBy: 'npm run sample (test/sample/generate.ts)',
    files: files.map((f) => ({ file: f.file, dataset: f.dataset, rows: f.rows })),
    units: {
      count: new Set(ALL_UNITS.map((u) => u.name)).size,
      byKind: count([...new Map(ALL_UNITS.map((u) => [u.name, u])).values()], (u) => u.kind),
      merged: ALL_UNITS.filter((u) => u.successor).map((u) => ({ unit: u.name, successor: u.successor })),
      blocs: BLOCS.map((b) => ({ name: b.name, scale: b.scale, members: Object.fromEntries(YEARS.map((y) => [y, b.members(y).length])) })),
    },
    activities: {
      total: activities.length,
      byYear: Object.fromEntries(
        YEARS.map((y) => {
          const of = activities.filter((a) => a.date.startsWith(String(y)));
          return [y, { count: of.length, participants: sum(of.map((a) => a.participants)) }];
        }),
      ),
      byChannel: count(activities, (a) => a.channel),
      byUnit: count(activities, (a) => a.unit.name),
      participantsTotal: sum(activities.map((a) => a.participants)),
      withMovement: activities.filter((a) => a.movement).length,
      withExemplar: activities.filter((a) => a.exemplar).length,
    },
    awards: {
      total: awards.length,
      byYear: count(awards, (a) => String(a.year)),
      byKind: count(awards, (a) => a.awardKind),
      byRecipientType: count(awards, (a) => a.recipientType),
      byAwardName: count(awards, (a) => a.awardName),
      unresolvedUnits: awards.filter((a) => !a.unit).length,
      unresolvedUnitNames: [...new Set(awards.filter((a) => !a.unit).map((a) => a.unitName))].sort(),
    },
    scores: sheets.map((s) => ({
      bloc: s.bloc.name,
      period: s.period,
      periodStart: s.periodStart,
      periodEnd: s.periodEnd,
      scale: s.bloc.scale,
      units: s.scores.length,
      criterionRows: s.scores.length * s.criteria.filter((c) => c.kind === 'criterion').length,
      // Assessed bonus and penalty points of all units (penalty as positive points deducted).
      bonusPoints: sum(s.scores.flatMap((u) => s.criteria.map((c, i) => (c.kind === 'bonus' ? u.assessed[i] : 0)))),
      penaltyPoints: sum(s.scores.flatMap((u) => s.criteria.map((c, i) => (c.kind === 'penalty' ? u.assessed[i] : 0)))),
      leader: s.scores.find((x) => x.rank === 1)!.unit.name,
      totals: [...s.scores]
        .sort((a, b) => a.rank - b.rank || a.unit.name.localeCompare(b.unit.name))
        .map((x) => ({ unit: x.unit.name, total: x.total, selfTotal: x.selfTotal, rank: x.rank })),
    })),
    withErrors,
  };
}
