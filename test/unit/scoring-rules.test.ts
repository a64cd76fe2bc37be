import { describe, expect, it } from 'vitest';
import { criterionKey, heatBand, previousComparable, scoreTotal, sharedRanks } from '@/lib/scoring/rules';

describe('scoring rules (lib/scoring)', () => {
  it('total = criteria + bonus − penalty, missing points as 0, rounded to 2 decimals', () => {
    expect(scoreTotal([{ kind: 'criterion', points: 38.5 }, { kind: 'criterion', points: null }, { kind: 'bonus', points: 2.25 }, { kind: 'penalty', points: 1.1 }])).toBe(39.65);
  });

  it('equal totals share a rank and the next rank skips (1, 2, 2, 4)', () => {
    expect(sharedRanks([95, 87, 87, 53])).toEqual([1, 2, 2, 4]);
    expect(sharedRanks([50, 60, 60])).toEqual([3, 1, 1]);
  });

  it('the criterion key tells criteria apart by kind, group, code and wording', () => {
    const a = criterionKey({ kind: 'criterion', group: 'I', code: '1', name: 'X' });
    expect(a).not.toBe(criterionKey({ kind: 'criterion', group: 'II', code: '1', name: 'X' }));
    expect(a).not.toBe(criterionKey({ kind: 'bonus', group: 'I', code: '1', name: 'X' }));
    expect(criterionKey({ kind: 'bonus', group: null, code: null, name: 'Điểm thưởng' })).toBe(criterionKey({ kind: 'bonus', group: '', code: '', name: 'Điểm thưởng' }));
  });

  it('heat bands at 90, 75 and 60 % of the maximum; penalties read the other way; unknown is null', () => {
    expect([heatBand(9, 10, 'criterion'), heatBand(7.5, 10, 'criterion'), heatBand(6, 10, 'criterion'), heatBand(5.9, 10, 'criterion')]).toEqual(['high', 'good', 'fair', 'low']);
    expect([heatBand(0, 5, 'penalty'), heatBand(5, 5, 'penalty')]).toEqual(['high', 'low']);
    expect([heatBand(null, 10, 'criterion'), heatBand(5, null, 'criterion'), heatBand(5, 0, 'criterion')]).toEqual([null, null, null]);
  });

  it('previous comparable period: same kind, latest that ended before; none of another kind', () => {
    const scored = [
      { period: '2020', start: '2020-01-01', end: '2020-12-31' },
      { period: '2021-H1', start: '2021-01-01', end: '2021-06-30' },
      { period: '2021-H2', start: '2021-07-01', end: '2021-12-31' },
      { period: '2022-H1', start: '2022-01-01', end: '2022-06-30' },
    ];
    expect(previousComparable({ period: '2022', start: '2022-01-01' }, scored)?.period).toBe('2020');
    expect(previousComparable({ period: '2022-H1', start: '2022-01-01' }, scored)?.period).toBe('2021-H2');
    expect(previousComparable({ period: '2021-H2', start: '2021-07-01' }, scored)?.period).toBe('2021-H1');
    expect(previousComparable({ period: '2020', start: '2020-01-01' }, scored)).toBeNull();
    expect(previousComparable({ period: '2022-Q1', start: '2022-01-01' }, scored)).toBeNull();
  });
});
