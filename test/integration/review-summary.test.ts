import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { buildReviewReport, ReviewInputError } from '@/lib/review/report';
import { readSettings, writeSettings, SettingsError } from '@/lib/settings/store';
import { findBloc, setBlocOrganiser } from '@/lib/review/blocs';
import { proposalHeading } from '@/lib/review/rules';
import { FIXTURE_BLOC, insertReviewFixture } from './review-fixture';

/** The fixture's 2022-H1 sheet as the 2022 year-end sheet: proposals are made for years only. */
async function asYear(d: Db): Promise<void> {
  const c = await d.connect();
  await c.run(`UPDATE scores SET period = '2022', period_end = DATE '2022-12-31' WHERE period = '2022-H1'`);
  c.closeSync();
}

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
    expect(a.awards).toEqual({ total: 12, titles: 12, commendations: 0, ldtt: 10, cstdcs: 2, ttldxs: 0, ttldtt: 0 });
    const year = await buildReviewReport(db, FIXTURE_BLOC, '2022');
    expect(year.summary.members.find((m) => m.unitName === 'Phòng A')!.activities).toBe(4);
    expect(year.summary.members.every((m) => m.rank === null)).toBe(true);
    expect(year.narrative[0]).toContain('chưa có kết quả chấm điểm');
  });

  it('a six-month review ranks only: no proposal, a note that awards and the flag are yearly (Luật TĐKT 2022, Điều 26)', async () => {
    const { proposals, summary } = await buildReviewReport(db, FIXTURE_BLOC, '2022-H1');
    expect(summary.bloc.organiser).toBe('department');
    expect(proposals.proposals).toEqual([]);
    expect(proposals.notes[0]).toContain('Sơ kết 6 tháng chỉ xếp hạng');
    expect(proposals.notes[0]).toContain('Điều 26');
  });

  it("the Sở's own bloc proposes Bằng khen of the province's chairman, then Giấy khen of the Giám đốc Sở, by rank (ties included)", async () => {
    await asYear(db);
    const { proposals } = await buildReviewReport(db, FIXTURE_BLOC, '2022');
    expect(proposals.minTotal).toBe(80);
    expect(proposals.proposals.map((p) => [p.tier, p.award, p.grantor, p.vote, p.unitName, p.rank])).toEqual([
      ['first', 'Bằng khen của Chủ tịch UBND tỉnh', 'Chủ tịch UBND tỉnh (Giám đốc Sở trình)', false, 'Phòng A', 1],
      ['next', 'Giấy khen của Giám đốc Sở', 'Giám đốc Sở', false, 'Phòng B', 2],
      ['next', 'Giấy khen của Giám đốc Sở', 'Giám đốc Sở', false, 'Phòng C', 2],
    ]);
    expect(proposals.proposals[1].note).toContain('đồng hạng 2 với Phòng C');
    expect(proposals.proposals[0].preconditions.map((c) => c.met)).toEqual([true, true, true, null]);
  });

  it('a bloc the province organises gives its leader an «đề xuất suy tôn» of the flag, yearly only (Luật TĐKT 2022, Điều 26)', async () => {
    await asYear(db);
    const bloc = (await findBloc(db, FIXTURE_BLOC))!;
    await setBlocOrganiser(db, bloc.blocId, 'province', 'quantri');
    const { proposals, narrative } = await buildReviewReport(db, FIXTURE_BLOC, '2022');
    expect(proposals.proposals.map((p) => [p.tier, p.award, p.vote, p.unitName])).toEqual([
      ['first', 'Cờ thi đua của UBND tỉnh', true, 'Phòng A'],
      ['next', 'Bằng khen của Chủ tịch UBND tỉnh', false, 'Phòng B'],
      ['next', 'Bằng khen của Chủ tịch UBND tỉnh', false, 'Phòng C'],
    ]);
    const flag = proposals.proposals[0];
    expect(proposalHeading(flag)).toBe('Đề xuất suy tôn Cờ thi đua của UBND tỉnh (Chủ tịch UBND tỉnh quyết định)');
    expect(flag.preconditions.find((c) => c.text.startsWith('Được các thành viên khối suy tôn'))?.met).toBeNull();
    expect(flag.legal).toContain('Điều 26');
    expect(narrative.join(' ')).toContain('đề xuất suy tôn Cờ thi đua của UBND tỉnh cho Phòng A');
  });

  it('refuses a flag configured for a bloc the Sở organises (Luật TĐKT 2022, Điều 26)', async () => {
    await asYear(db);
    await writeSettings(db, { 'proposals.department.first': { award: 'Cờ thi đua của UBND tỉnh', count: 1, grantor: 'Chủ tịch UBND tỉnh' } }, 'test');
    const { proposals } = await buildReviewReport(db, FIXTURE_BLOC, '2022');
    expect(proposals.proposals.map((p) => [p.award, p.unitName])).toEqual([
      ['Giấy khen của Giám đốc Sở', 'Phòng B'],
      ['Giấy khen của Giám đốc Sở', 'Phòng C'],
    ]);
    expect(proposals.notes[0]).toMatch(/Không đề xuất Cờ thi đua của UBND tỉnh.*Điều 26.*proposals\.department\.first/);
  });

  it('an unknown organiser proposes nothing and says where to set it', async () => {
    await asYear(db);
    await setBlocOrganiser(db, 1, null, 'quantri');
    expect((await findBloc(db, FIXTURE_BLOC))!.organiser).toBe('department'); // read from the name again
    await db.connect().then(async (c) => {
      await c.run(`UPDATE blocs SET name = 'Khối thi đua số 1' WHERE bloc_id = 1`);
      c.closeSync();
    });
    const { proposals } = await buildReviewReport(db, 'Khối thi đua số 1', '2022');
    expect(proposals.proposals).toEqual([]);
    expect(proposals.notes[0]).toContain('/danh-gia/thiet-lap');
  });

  it('CSTĐCS ≤ 15 % of the LĐTT of the whole deciding agency, not of one division (Luật TĐKT 2022, Điều 23)', async () => {
    const alone = await buildReviewReport(db, FIXTURE_BLOC, '2022-H1');
    expect(alone.proposals.breaches.filter((b) => b.rule === 'cstdcs_over_ldtt').map((b) => b.message)).toEqual([
      'Phòng A (cơ quan quyết định): 2 Chiến sĩ thi đua cơ sở năm 2022 vượt tỷ lệ 15% của 10 Lao động tiên tiến toàn cơ quan (tối đa 1).',
    ]);
    // Under one Sở: 2 + 3 CSTĐCS against 10 + 5 + 20 LĐTT (15 % of 35 = 5,25) is within the quota.
    await db.connect().then(async (c) => {
      await c.run(`INSERT INTO units (name, kind, batch_id) VALUES ('Sở Tài chính', 'department', 1)`);
      await c.run(`UPDATE units SET parent_id = (SELECT unit_id FROM units WHERE name = 'Sở Tài chính') WHERE name LIKE 'Phòng %'`);
      c.closeSync();
    });
    const sở = await buildReviewReport(db, FIXTURE_BLOC, '2022-H1');
    expect(sở.proposals.breaches.filter((b) => b.rule === 'cstdcs_over_ldtt')).toEqual([]);
  });

  it('TTLĐXS needs ≥ 70 % LĐTT of the year\'s headcount and a CSTĐCS (Luật TĐKT 2022, Điều 27); TTLĐTT more than 50 % (Điều 28)', async () => {
    const before = await buildReviewReport(db, FIXTURE_BLOC, '2022-H1');
    expect(before.proposals.breaches.filter((b) => b.unitName === 'Phòng B').map((b) => b.rule)).toEqual(['ttldxs_ldtt_share', 'ttldxs_cstdcs']);
    await db.connect().then(async (c) => {
      // Phòng B had 7 people in 2022 (5/7 ≥ 70 %); Phòng D (0 LĐTT of 8) is a TTLĐTT.
      await c.run(`INSERT INTO unit_headcounts VALUES ((SELECT unit_id FROM units WHERE name = 'Phòng B'), 2022, 7, 1)`);
      await c.run(`INSERT INTO awards (recipient_name, recipient_type, unit_id, award_name, award_name_raw, award_kind, award_year, batch_id, row_key)
                   VALUES ('Phòng D', 'collective', (SELECT unit_id FROM units WHERE name = 'Phòng D'), 'Tập thể lao động tiên tiến', 'TTLĐTT', 'title', 2022, 3, 'ttldtt-d')`);
      c.closeSync();
    });
    const after = await buildReviewReport(db, FIXTURE_BLOC, '2022-H1');
    expect(after.proposals.breaches.filter((b) => b.rule !== 'cstdcs_over_ldtt').map((b) => [b.unitName, b.rule])).toEqual([
      ['Phòng B', 'ttldxs_cstdcs'],
      ['Phòng D', 'ttldtt_ldtt_share'],
    ]);
    expect(after.proposals.breaches.at(-1)!.message).toContain('cần trên 50%');
  });

  it('CSTĐ cấp tỉnh only among those with 3 consecutive CSTĐCS years (Luật TĐKT 2022, Điều 22)', async () => {
    await db.connect().then(async (c) => {
      const award = (name: string, year: number, form: string) =>
        c.run(
          `INSERT INTO awards (recipient_name, recipient_type, unit_id, award_name, award_name_raw, award_kind, award_year, batch_id, row_key)
           VALUES ($n, 'individual', (SELECT unit_id FROM units WHERE name = 'Phòng C'), $f, $f, 'title', $y, 3, $n || $f || $y::VARCHAR)`,
          { n: name, f: form, y: year },
        );
      for (const y of [2020, 2021]) await award('Người 0', y, 'Chiến sĩ thi đua cơ sở');
      await award('Người 1', 2022, 'Chiến sĩ thi đua cấp Bộ, ngành, tỉnh, đoàn thể trung ương');
      c.closeSync();
    });
    const { proposals } = await buildReviewReport(db, FIXTURE_BLOC, '2022-H1');
    expect(proposals.provincialCandidates.map((p) => [p.name, p.unitName, p.years])).toEqual([['Người 0', 'Phòng C', 3]]);
    expect(proposals.breaches.filter((b) => b.rule === 'cstd_tinh_consecutive').map((b) => b.message)).toEqual([
      'Người 1 (Phòng C): Chiến sĩ thi đua cấp Bộ, ngành, tỉnh, đoàn thể trung ương năm 2022 nhưng chỉ có 1 năm Chiến sĩ thi đua cơ sở liên tục đến năm 2022, cần 3 (Luật TĐKT 2022, Điều 22).',
    ]);
  });

  it('follows the rules stored in settings, not constants', async () => {
    await asYear(db);
    await writeSettings(db, { 'review.min_total': { points: 90 }, 'proposals.department.next': { award: 'Giấy khen của Giám đốc Sở', count: 1, grantor: 'Giám đốc Sở' }, 'quota.cstdcs_over_ldtt': 0.2 }, 'test');
    const { proposals } = await buildReviewReport(db, FIXTURE_BLOC, '2022');
    expect(proposals.proposals.map((p) => p.unitName)).toEqual(['Phòng A']);
    expect(proposals.notProposed.map((n) => [n.unitName, n.rank])).toEqual([['Phòng B', 2], ['Phòng C', 2]]);
    expect(proposals.breaches.map((b) => b.rule)).toEqual(['ttldxs_ldtt_share', 'ttldxs_cstdcs']);
  });

  it('rejects invalid settings and names the key', async () => {
    await expect(writeSettings(db, { 'quota.cstdcs_over_ldtt': 1.5 }, 'test')).rejects.toThrow(/quota\.cstdcs_over_ldtt/);
    await db.connect().then(async (c) => {
      await c.run(`DELETE FROM settings WHERE key = 'proposals.province.first'`);
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
