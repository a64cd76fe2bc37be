import { describe, expect, it } from 'vitest';
import { parsePeriod, previousPeriod, samePeriodLastYear, periodLabel, periodsWithin, toDateWindow } from '@/lib/periods';

describe('periods', () => {
  it('parses every contract form', () => {
    expect(parsePeriod('2022')).toMatchObject({ grain: 'year', start: '2022-01-01', end: '2022-12-31' });
    expect(parsePeriod('2022-H1')).toMatchObject({ grain: 'half', start: '2022-01-01', end: '2022-06-30' });
    expect(parsePeriod('2022-h2')).toMatchObject({ id: '2022-H2', start: '2022-07-01', end: '2022-12-31' });
    expect(parsePeriod('2022-Q3')).toMatchObject({ grain: 'quarter', start: '2022-07-01', end: '2022-09-30' });
    expect(parsePeriod('2024-02')).toMatchObject({ grain: 'month', start: '2024-02-01', end: '2024-02-29' });
  });
  it('rejects what is not a period', () => {
    for (const bad of ['', '22', '2022-H3', '2022-Q5', '2022-13', '2022-00', 'abc', '2022-07-01']) {
      expect(parsePeriod(bad)).toBeNull();
    }
  });
  it('steps back', () => {
    expect(previousPeriod(parsePeriod('2022-H1')!).id).toBe('2021-H2');
    expect(previousPeriod(parsePeriod('2022-Q1')!).id).toBe('2021-Q4');
    expect(previousPeriod(parsePeriod('2022-01')!).id).toBe('2021-12');
    expect(previousPeriod(parsePeriod('2022')!).id).toBe('2021');
    expect(samePeriodLastYear(parsePeriod('2022-H1')!).id).toBe('2021-H1');
  });
  it('labels in Vietnamese', () => {
    expect(periodLabel(parsePeriod('2023-H1')!)).toBe('6 tháng đầu năm 2023');
    expect(periodLabel(parsePeriod('2022-Q3')!)).toBe('Quý III/2022');
  });
  it('splits and windows', () => {
    expect(periodsWithin(parsePeriod('2022')!, 'quarter').map((p) => p.id)).toEqual(['2022-Q1', '2022-Q2', '2022-Q3', '2022-Q4']);
    const w = toDateWindow(parsePeriod('2026')!, parsePeriod('2025')!, '2026-11-27');
    expect(w).toEqual({ currentEnd: '2026-11-27', previousEnd: '2025-11-27', partial: true });
    expect(toDateWindow(parsePeriod('2022')!, parsePeriod('2021')!, '2026-11-27').partial).toBe(false);
  });
});
