import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { buildReviewReport, ReviewInputError } from '@/lib/review/report';
import { readSettings, writeSettings, SettingsError } from '@/lib/settings/store';
import { FIXTURE_BLOC, insertReviewFixture } from './review-fixture';

let db: Db;
beforeEach(async () => {
  db = await openDb(':memory:');
  await insertReviewFixture(db);
});
afterEach(() => db.closeSync());

describe('review summary on a hand-computed bloc', () => {
  it('ranks by total with shared ranks, self totals, gaps and rank changes against 2021-H2', async () => {
    const { summary } = await buildReviewReport(db, FIXTURE_BLOC, '2022-H1');
    expect(summary.previousPeriod?.id).toBe('2021-H2');
    expect(summary.maxTotal).toBe(100);
    const rows = summary.members.map((m) => [m.unitName, m.total, m.rank, m.selfTotal, m.gap, m.previousRank, m.rankChange]);
    expect(rows).toEqual([
      ['Phòng A', 95, 1, 101, 6, 2, 1],
      ['Phòng B', 87, 2, 92, 5, 1, -1],
      ['Phòng C', 87, 2, 87, 0, 3, 1],
      ['Phòng D', 53, 4, 58, 5, 4, 0],
      ['Phòng E', null, null, null, null, null, null],
    ]);
    expect(summary.unitsWithoutScores).toEqual(['Phòng E']);
    expect(summary.missingCriteria).toEqual([{ unitName: 'Phòng D', criteria: ['3. Tuyên truyền, nhân rộng điển hình'] }]);
    expect(summary.groups.map((g) => [g.name, g.maxPoints])).toEqual([
      ['I. Thực hiện nhiệm vụ chuyên môn', 70],
      ['II. Công tác thi đua, khen thưởng', 30],
    ]);
    expect(summary.members[0].groupTotals).toEqual({ 'I. Thực hiện nhiệm vụ chuyên môn': 66, 'II. Công tác thi đua, khen thưởng': 27 });
  });

  it('matches v_score_totals exactly', async () => {
    const { summary } = await buildReviewReport(db, 'khoi phong', '2022-H1');
    const view = await query<{ unit_name: string; total_points: number; rank: number }>(
      db,
      `SELECT unit_name, total_points, rank FROM v_score_totals WHERE period = '2022-H1' ORDER BY rank, unit_name`,
    );
    expect(summary.members.filter((m) => m.rank !== null).map((m) => [m.unitName, m.total, m.rank])).toEqual(
      view.map((v) => [v.unit_name, Number(v.total_points), Number(v.rank)]),
    );
  });

  it('counts activities inside the period and awards of the year', async () => {
    const { summary } = await buildReviewReport(db, FIXTURE_BLOC, '2022-H1');
    const a = summary.members.find((m) => m.unitName === 'Phòng A')!;
    expect([a.activities, a.participants]).toEqual([3, 60]);
    expect(a.awards).toEqual({ total: 12, titles: 12, commendations: 0, ldtt: 10, cstdcs: 2, ttldxs: 0 });
    const year = await buildReviewReport(db, FIXTURE_BLOC, '2022');
    expect(year.summary.members.find((m) => m.unitName === 'Phòng A')!.activities).toBe(4);
    expect(year.summary.members.every((m) => m.rank === null)).toBe(true);
    expect(year.narrative[0]).toContain('chưa có kết quả chấm điểm');
  });

  it('proposes the leader for the flag and the next ranks (ties included) for a certificate', async () => {
    const { proposals } = await buildReviewReport(db, FIXTURE_BLOC, '2022-H1');
    expect(proposals.minTotal).toBe(80);
    expect(proposals.proposals.map((p) => [p.kind, p.unitName, p.rank])).toEqual([
      ['flag', 'Phòng A', 1],
      ['certificate', 'Phòng B', 2],
      ['certificate', 'Phòng C', 2],
    ]);
    expect(proposals.proposals[1].note).toContain('đồng hạng 2 với Phòng C');
    expect(proposals.breaches.map((b) => [b.unitName, b.rule])).toEqual([
      ['Phòng A', 'cstdcs_over_ldtt'],
      ['Phòng B', 'ttldxs_ldtt_share'],
      ['Phòng B', 'ttldxs_cstdcs'],
    ]);
    expect(proposals.breaches[0].message).toBe(
      'Phòng A: 2 Chiến sĩ thi đua cơ sở năm 2022 vượt tỷ lệ 15% của 10 Lao động tiên tiến (tối đa 1).',
    );
  });

  it('follows the rules stored in settings, not constants', async () => {
    await writeSettings(db, { 'review.min_total': { points: 90 }, 'review.certificate_count': 1, 'quota.cstdcs_over_ldtt': 0.2 }, 'test');
    const { proposals } = await buildReviewReport(db, FIXTURE_BLOC, '2022-H1');
    expect(proposals.proposals.map((p) => p.unitName)).toEqual(['Phòng A']);
    expect(proposals.notProposed.map((n) => [n.unitName, n.rank])).toEqual([['Phòng B', 2], ['Phòng C', 2]]);
    expect(proposals.breaches.map((b) => b.rule)).toEqual(['ttldxs_ldtt_share', 'ttldxs_cstdcs']);
  });

  it('rejects invalid settings and names the key', async () => {
    await expect(writeSettings(db, { 'quota.cstdcs_over_ldtt': 1.5 }, 'test')).rejects.toThrow(/quota\.cstdcs_over_ldtt/);
    await db.connect().then(async (c) => {
      await c.run(`DELETE FROM settings WHERE key = 'review.flag_count'`);
      c.closeSync();
    });
    await expect(readSettings(db)).rejects.toBeInstanceOf(SettingsError);
  });

  it('writes a narrative naming the leader, the movers, the weakest criterion and missing data', async () => {
    const { narrative } = await buildReviewReport(db, FIXTURE_BLOC, '2022-H1');
    const text = narrative.join('\n');
    expect(text).toContain('Dẫn đầu khối là Phòng A với 95 điểm');
    expect(text).toContain('Phòng A (từ hạng 2 lên hạng 1)');
    expect(text).toContain('Phòng B (từ hạng 1 xuống hạng 2)');
    expect(text).toContain('thấp nhất là tiêu chí 3');
    expect(text).toContain('chưa có kết quả chấm điểm của Phòng E');
    expect(text).toContain('Phòng D thiếu điểm 1 tiêu chí');
    expect(text).toBe(text.normalize('NFC'));
  });

  it('explains a wrong bloc or period', async () => {
    await expect(buildReviewReport(db, 'Khối không có', '2022-H1')).rejects.toThrow(/Các khối hiện có: "Khối thi đua các cơ quan/);
    await expect(buildReviewReport(db, FIXTURE_BLOC, '2022-H3')).rejects.toBeInstanceOf(ReviewInputError);
  });
});
