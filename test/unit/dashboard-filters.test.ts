import { describe, expect, it } from 'vitest';
import { dashboardSearch, fallbackPeriod, parseDashboardFilters } from '@/lib/filters/dashboard';
import { activitySearch, parseActivityListFilters, parseAwardListFilters } from '@/lib/filters/lists';
import { makePeriod } from '@/lib/periods';
import { foldSql, Where } from '@/lib/queries/scope';

const FALLBACK = makePeriod('year', 2023);

describe('dashboard filters from the URL', () => {
  it('parses a full shared link', () => {
    const { filters, notices } = parseDashboardFilters({ period: '2022-H1', grain: 'quarter', bloc: '2', unit: '15', movement: '3', channel: 'portal' }, FALLBACK);
    expect(notices).toEqual([]);
    expect(filters).toMatchObject({ grain: 'quarter', bloc: 2, unit: 15, movement: 3, channel: 'portal' });
    expect(filters.period).toMatchObject({ id: '2022-H1', start: '2022-01-01', end: '2022-06-30' });
    expect(dashboardSearch(filters)).toBe('?period=2022-H1&grain=quarter&bloc=2&unit=15&movement=3&channel=portal');
  });

  it('falls back with a Vietnamese notice for each invalid parameter, never throws', () => {
    const { filters, notices } = parseDashboardFilters(
      { period: '2022-H3', grain: 'year', bloc: '-1', unit: '1e3', movement: "1' OR 1=1", channel: 'fax' },
      FALLBACK,
    );
    expect(filters).toMatchObject({ grain: 'year', bloc: null, unit: null, movement: null, channel: null });
    expect(filters.period.id).toBe('2023');
    expect(notices).toHaveLength(5);
    expect(notices[0]).toContain('Kỳ «2022-H3» không hợp lệ');
    expect(notices.join(' ')).toContain('Kênh "fax" không hợp lệ');
  });

  it('refuses a grain coarser than the period and keeps the first of repeated params', () => {
    const r = parseDashboardFilters({ period: ['2022-Q1', '2021'], grain: 'half' }, FALLBACK);
    expect(r.filters.period.id).toBe('2022-Q1');
    expect(r.filters.grain).toBe('month');
    expect(r.notices[0]).toContain('lớn hơn kỳ đã chọn');
  });

  it('defaults to the latest year with data, else the current year', () => {
    expect(fallbackPeriod(2022).id).toBe('2022');
    expect(fallbackPeriod(null, new Date(2026, 4, 1)).id).toBe('2026');
  });
});

describe('list filters', () => {
  it('takes sort columns only from the allow-list', () => {
    const bad = parseActivityListFilters({ sort: 'title; DROP TABLE activities', dir: 'sideways', page: '0', size: '1000' });
    expect(bad.filters).toMatchObject({ sort: 'date', dir: 'desc', page: 1, pageSize: 25 });
    expect(bad.notices).toHaveLength(4);
    const ok = parseAwardListFilters({ sort: 'name', kind: 'title', level: 'province', recipient: 'collective', period: '2022-Q2', q: '  Nguyễn   Văn ' });
    expect(ok.notices).toEqual([]);
    expect(ok.filters).toMatchObject({ sort: 'name', dir: 'asc', kind: 'title', level: 'province', recipientType: 'collective', q: 'Nguyễn Văn' });
  });

  it('round-trips a list view to its URL (page links keep the filters)', () => {
    const { filters } = parseActivityListFilters({ q: 'hội nghị', period: '2022', channel: 'seminar', sort: 'participants', dir: 'asc', page: '3', size: '50' });
    const again = parseActivityListFilters(Object.fromEntries(new URLSearchParams(activitySearch(filters).slice(1))));
    expect(again.filters).toEqual(filters);
  });
});

describe('SQL building', () => {
  it('binds every value and folds accents on the SQL side', () => {
    const w = new Where().add('a = $a', { a: 1 }).when(null, 'b = $b', 'b').when('x', 'c = $c', 'c');
    expect(w.sql()).toBe('WHERE a = $a AND c = $c');
    expect(w.params).toEqual({ a: 1, c: 'x' });
    expect(foldSql('title')).toBe("replace(strip_accents(lower(coalesce(title, ''))), 'đ', 'd')");
  });
});
