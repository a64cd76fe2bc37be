import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { importFile } from '@/etl/pipeline';
import { SAMPLE_DIR, sampleFilesInOrder } from '@/etl/sample-load';
import { parsePeriod } from '@/lib/periods';
import { buildReviewDocx } from '@/lib/review/docx';
import { buildReviewReport } from '@/lib/review/report';
import { SEED_VALUE } from '@/lib/settings/definitions';

/**
 * Golden tests on the sample data: every bloc × period of data/sample/expected.json (figures the
 * generator computed from its own model) — totals, shared ranks, the leader, rank changes against
 * the previous scored period of the same kind, proposals by the seeded rules, quota breaches
 * recomputed with SQL, and the DOCX holding the ranking in order.
 */
interface ExpectedScores {
  bloc: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  scale: number;
  leader: string;
  totals: { unit: string; total: number; selfTotal: number; rank: number }[];
}
const ORGANISER: Record<string, string> = {
  'Khối thi đua các phòng thuộc Sở Tài chính': 'department',
  'Khối thi đua các cơ quan tham mưu tổng hợp của tỉnh': 'province',
  'Khối thi đua Phòng Tài chính – Kế hoạch các huyện': 'sector',
};
const expected: { scores: ExpectedScores[] } = JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, 'expected.json'), 'utf8'));

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:');
  // Units, awards, scores and one activities file: what a review reads, loaded in seconds.
  const files = sampleFilesInOrder().filter((f) => f.dataset !== 'activities' || path.basename(f.file) === 'hoat-dong-6-thang-dau-nam-2022.xlsx');
  for (const { file } of files) {
    const r = await importFile(db, { path: file }, { fileName: path.basename(file), importedBy: 'test' });
    expect([path.basename(file), r.status]).toEqual([path.basename(file), 'loaded']);
  }
}, 180_000);
afterAll(() => db?.closeSync());

function previousExpected(e: ExpectedScores): ExpectedScores | undefined {
  const grain = parsePeriod(e.period)!.grain;
  return expected.scores
    .filter((x) => x.bloc === e.bloc && parsePeriod(x.period)!.grain === grain && x.periodEnd < e.periodStart)
    .sort((a, b) => b.periodEnd.localeCompare(a.periodEnd))[0];
}

describe('review on the sample data', () => {
  it('has a golden entry for every bloc × period', () => {
    expect(expected.scores.length).toBe(15);
  });

  it.each(expected.scores.map((e) => [`${e.bloc} ${e.period}`, e] as const))('%s: totals, ranks, leader, rank changes, proposals', async (_name, e) => {
    const { summary, proposals } = await buildReviewReport(db, e.bloc, e.period);
    // A sheet with assessed points only (one column per unit) has no self-assessed total.
    const [{ n: selfRows }] = await query<{ n: number }>(
      db,
      `SELECT count(self_points)::INTEGER AS n FROM v_scores WHERE bloc_name = $bloc AND period = $period`,
      { bloc: e.bloc, period: e.period },
    );
    const totals = selfRows > 0 ? e.totals : e.totals.map((t) => ({ ...t, selfTotal: null }));
    const ranked = summary.members.filter((m) => m.rank !== null);
    const byName = (a: { unit: string; rank: number }, b: { unit: string; rank: number }): number => a.rank - b.rank || a.unit.localeCompare(b.unit, 'vi');
    expect(ranked.map((m) => ({ unit: m.unitName, total: m.total, selfTotal: m.selfTotal, rank: m.rank! })).sort(byName)).toEqual(
      [...totals].sort(byName),
    );
    expect(summary.members[0].unitName).toBe(e.leader);
    expect(summary.maxTotal).toBe(e.scale);

    const prev = previousExpected(e);
    expect(summary.previousPeriod?.id ?? null).toBe(prev?.period ?? null);
    for (const m of ranked) {
      const before = prev?.totals.find((t) => t.unit === m.unitName)?.rank ?? null;
      expect([m.unitName, m.previousRank, m.rankChange]).toEqual([m.unitName, before, before === null ? null : before - m.rank!]);
    }

    // Seeded rules by who organises the bloc (read from its name), annual reviews only, at least 80 % of the scale.
    const organiser = summary.bloc.organiser!;
    expect(organiser).toBe(ORGANISER[e.bloc]);
    const min = (SEED_VALUE['review.min_total'] as { percent: number }).percent * e.scale;
    const first = SEED_VALUE[`proposals.${organiser}.first`];
    const next = SEED_VALUE[`proposals.${organiser}.next`];
    const want = e.period.includes('-')
      ? []
      : e.totals
          .filter((t) => t.rank <= first.count + next.count && t.total >= min)
          .map((t) => [t.rank <= first.count ? first.award : next.award, t.unit])
          .sort((a, b) => a.join().localeCompare(b.join(), 'vi'));
    expect(proposals.proposals.map((p) => [p.award, p.unitName]).sort((a, b) => a.join().localeCompare(b.join(), 'vi'))).toEqual(want);
    expect(proposals.proposals.some((p) => p.vote)).toBe(organiser === 'province' && want.some(([, u]) => u === e.leader));
  });

  it('names the quota breaches that SQL on v_awards finds (Luật TĐKT 2022: Điều 23 CSTĐCS per deciding agency, Điều 27 TTLĐXS, Điều 28 TTLĐTT)', async () => {
    for (const e of expected.scores) {
      const { proposals, summary } = await buildReviewReport(db, e.bloc, e.period);
      const year = summary.period.year;
      const agencies = await query<{ name: string; ldtt: number; cstdcs: number }>(
        db,
        `WITH ag AS (SELECT unit_id, coalesce(parent_id, unit_id) AS agency_id FROM v_units)
         SELECT g.unit_name AS name,
                count(*) FILTER (WHERE a.award_name = 'Lao động tiên tiến')::INTEGER AS ldtt,
                count(*) FILTER (WHERE a.award_name = 'Chiến sĩ thi đua cơ sở')::INTEGER AS cstdcs
         FROM v_awards a JOIN ag USING (unit_id) JOIN v_units g ON g.unit_id = ag.agency_id
         WHERE a.recipient_type = 'individual' AND a.award_year = $year
           AND ag.agency_id IN (SELECT coalesce(u.parent_id, u.unit_id) FROM v_bloc_members m JOIN v_units u USING (unit_id) WHERE m.bloc_name = $bloc AND m.year = $year)
         GROUP BY g.unit_name`,
        { bloc: e.bloc, year },
      );
      const rows = await query<{ unit_name: string; ldtt: number; cstdcs: number; ttldxs: number; ttldtt: number; headcount: number | null }>(
        db,
        `SELECT m.unit_name,
                count(*) FILTER (WHERE a.recipient_type = 'individual' AND a.award_name = 'Lao động tiên tiến')::INTEGER AS ldtt,
                count(*) FILTER (WHERE a.recipient_type = 'individual' AND a.award_name = 'Chiến sĩ thi đua cơ sở')::INTEGER AS cstdcs,
                count(*) FILTER (WHERE a.recipient_type = 'collective' AND a.award_name = 'Tập thể lao động xuất sắc')::INTEGER AS ttldxs,
                count(*) FILTER (WHERE a.recipient_type = 'collective' AND a.award_name = 'Tập thể lao động tiên tiến')::INTEGER AS ttldtt,
                any_value(coalesce(h.headcount, u.headcount)) AS headcount
         FROM v_bloc_members m JOIN v_units u USING (unit_id)
         LEFT JOIN unit_headcounts h ON h.unit_id = m.unit_id AND h.year = m.year
         LEFT JOIN v_awards a ON a.unit_id = m.unit_id AND a.award_year = m.year
         WHERE m.bloc_name = $bloc AND m.year = $year GROUP BY m.unit_name`,
        { bloc: e.bloc, year },
      );
      const want: string[] = [];
      for (const g of agencies) if (g.cstdcs > 0.15 * g.ldtt) want.push(`${g.name}|cstdcs_over_ldtt`);
      for (const r of rows) {
        const share = r.headcount ? r.ldtt / Number(r.headcount) : null;
        if (r.ttldxs > 0 && share !== null && share < 0.7) want.push(`${r.unit_name}|ttldxs_ldtt_share`);
        if (r.ttldxs > 0 && r.cstdcs < 1) want.push(`${r.unit_name}|ttldxs_cstdcs`);
        if (r.ttldtt > 0 && share !== null && share <= 0.5) want.push(`${r.unit_name}|ttldtt_ldtt_share`);
      }
      expect(proposals.breaches.filter((b) => b.rule !== 'cstd_tinh_consecutive').map((b) => `${b.unitName}|${b.rule}`).sort()).toEqual(want.sort());
    }
    // Per division, two divisions of the Sở would exceed 15 %; the Sở as a whole does not.
    const known = await buildReviewReport(db, 'Khối thi đua các phòng thuộc Sở Tài chính', '2022');
    expect(known.proposals.breaches.filter((b) => b.rule === 'cstdcs_over_ldtt')).toEqual([]);
  });

  it('the units import keeps who organises each bloc, the headcount per year and the title block', async () => {
    const blocs = await query<{ name: string; organiser: string; organiser_set_by: string }>(
      db,
      `SELECT b.name, o.organiser, o.set_by AS organiser_set_by FROM blocs b JOIN bloc_organisers o USING (bloc_id) ORDER BY b.name`,
    );
    expect(blocs.map((b) => [b.name, b.organiser, b.organiser_set_by])).toEqual(
      Object.entries(ORGANISER).map(([name, o]) => [name, o, 'import']).sort((x, y) => (x[0] < y[0] ? -1 : 1)),
    );
    const [hc] = await query<{ n: number; years: number }>(db, `SELECT count(*)::INTEGER AS n, count(DISTINCT year)::INTEGER AS years FROM unit_headcounts`);
    expect(hc.years).toBe(3);
    expect(hc.n).toBeGreaterThan(20);
    const [t] = await query<{ title_block: string }>(db, `SELECT title_block FROM batch_title_blocks JOIN import_batches USING (batch_id) WHERE dataset = 'units'`);
    expect(t.title_block.split('\n')).toEqual(expect.arrayContaining(['UBND TỈNH TÂY NINH', 'SỞ TÀI CHÍNH']));
  });

  it('counts activities of the period like v_activities', async () => {
    const { summary } = await buildReviewReport(db, 'Khối thi đua các phòng thuộc Sở Tài chính', '2022-H1');
    const rows = await query<{ unit_name: string; n: number; p: number }>(
      db,
      `SELECT unit_name, count(*)::INTEGER AS n, sum(participants)::DOUBLE AS p FROM v_activities
       WHERE activity_date BETWEEN DATE '2022-01-01' AND DATE '2022-06-30' GROUP BY unit_name`,
    );
    const total = summary.members.reduce((s, m) => s + m.activities, 0);
    expect(total).toBeGreaterThan(0);
    for (const m of summary.members) {
      const r = rows.find((x) => x.unit_name === m.unitName);
      expect([m.unitName, m.activities, m.participants]).toEqual([m.unitName, r?.n ?? 0, r?.p ?? 0]);
    }
  });

  it('writes a DOCX that holds the leading unit and the ranking in order', async () => {
    const report = await buildReviewReport(db, 'Khối thi đua các phòng thuộc Sở Tài chính', '2022');
    const files = unzipSync(new Uint8Array(await buildReviewDocx(report, new Date(2026, 10, 27))));
    const xml = strFromU8(files['word/document.xml']);
    // A4 portrait then landscape; margins 20/15/20/30 mm (twips, rounded down by the library).
    expect(xml.includes('<w:pgSz w:w="11906" w:h="16838"')).toBe(true);
    expect(xml.includes('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>')).toBe(true);
    expect(xml.includes('<w:pgMar w:top="1133" w:right="850" w:bottom="1133" w:left="1700"')).toBe(true);
    expect(strFromU8(files['word/styles.xml']).includes('Times New Roman')).toBe(true);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\u0001');
    // Header as the Sở issues it (Decree 30/2020/NĐ-CP): governing body and place from the units file's title block.
    expect(report.header).toEqual({ parent: 'UBND TỈNH TÂY NINH', issuer: 'SỞ TÀI CHÍNH', place: 'Tây Ninh', source: 'mixed' });
    for (const s of ['UBND TỈNH TÂY NINH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Tây Ninh, ngày 27 tháng 11 năm 2026', 'BÁO CÁO', 'Nơi nhận:', '- Lãnh đạo Sở;', 'PHỤ LỤC', '(Kèm theo Báo cáo số        /BC-STC ngày 27 tháng 11 năm 2026)']) {
      expect(text).toContain(s);
    }
    expect(text).not.toMatch(/\u0001UBND TỈNH\u0001|Tỉnh, ngày/);
    expect(text).toContain('Dẫn đầu khối là Phòng Tin học và Thống kê với 99,5 điểm');
    const table = text.slice(text.indexOf('II. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG'), text.indexOf('III. HOẠT ĐỘNG'));
    const order = report.summary.members.map((m) => table.indexOf(`\u0001${m.unitName}\u0001`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(report.summary.members.slice(0, 4).map((m) => [m.unitName, m.rank])).toEqual([
      ['Phòng Tin học và Thống kê', 1],
      ['Phòng Tài chính đầu tư', 2],
      ['Thanh tra Sở', 2],
      ['Văn phòng Sở', 4],
    ]);
  });
});
