import { withWriteTransaction, queryOn, type Db } from '@/lib/db/client';

/**
 * A bloc small enough to compute by hand (maximum 100 points):
 *   2022-H1 totals A 95, B 87, C 87 (tie with B), D 53 (criterion 3 missing), E no scores
 *   → ranks A 1, B 2, C 2, D 4; 2021-H2 ranks B 1, A 2, C 3, D 4 → A +1, B −1, C +1, D 0.
 *   Awards 2022: A 10 LĐTT + 2 CSTĐCS (over 15%); B TTLĐXS with 5/10 LĐTT and no CSTĐCS;
 *   C 20 LĐTT + 3 CSTĐCS (exactly 15%, allowed). Activities: A 3 in H1 (60 people) + 1 in July.
 */
export const FIXTURE_BLOC = 'Khối thi đua các phòng thuộc Sở Tài chính';

type Crit = [code: string, group: string | null, name: string, kind: 'criterion' | 'bonus' | 'penalty', max: number, order: number];
const CRITERIA: Crit[] = [
  ['1', 'I. Thực hiện nhiệm vụ chuyên môn', 'Hoàn thành kế hoạch công tác', 'criterion', 40, 1],
  ['2', 'I. Thực hiện nhiệm vụ chuyên môn', 'Chất lượng tham mưu', 'criterion', 30, 2],
  ['3', 'II. Công tác thi đua, khen thưởng', 'Tuyên truyền, nhân rộng điển hình', 'criterion', 30, 3],
  ['', null, 'Điểm thưởng', 'bonus', 5, 4],
  ['', null, 'Điểm trừ', 'penalty', 5, 5],
];

// [unit, assessed per criterion (null = row absent), self per criterion]
const H1: [string, (number | null)[], (number | null)[]][] = [
  ['Phòng A', [38, 28, 27, 2, 0], [40, 30, 28, 3, 0]],
  ['Phòng B', [36, 27, 25, 0, 1], [38, 28, 26, 0, 0]],
  ['Phòng C', [35, 26, 26, 0, 0], [35, 26, 26, 0, 0]],
  ['Phòng D', [30, 25, null, 0, 2], [32, 26, null, 0, 0]],
];
const PREV: [string, number][] = [['Phòng B', 85], ['Phòng A', 80], ['Phòng C', 70], ['Phòng D', 60]];

export async function insertReviewFixture(db: Db): Promise<void> {
  await withWriteTransaction(db, async (c) => {
    const run = (sql: string, p: Record<string, string | number | null> = {}) => queryOn(c, sql, p);
    for (const ds of ['units', 'scores', 'awards', 'activities']) {
      await run(
        `INSERT INTO import_batches (file_name, sha256, dataset, imported_by, status) VALUES ($f, $f, $d, 'test', 'loaded')`,
        { f: `${ds}.xlsx`, d: ds },
      );
    }
    const units: [string, number][] = [['Phòng A', 20], ['Phòng B', 10], ['Phòng C', 30], ['Phòng D', 8], ['Phòng E', 6]];
    for (const [name, headcount] of units) {
      await run(`INSERT INTO units (name, kind, headcount, batch_id) VALUES ($n, 'division', $h, 1)`, { n: name, h: headcount });
    }
    await run(`INSERT INTO blocs (name, short_name) VALUES ($n, 'Khối phòng')`, { n: FIXTURE_BLOC });
    await run(`INSERT INTO blocs (name) VALUES ('Khối thi đua các cơ quan tham mưu tổng hợp')`);
    for (const year of [2021, 2022]) {
      await run(`INSERT INTO bloc_members (bloc_id, unit_id, year, batch_id) SELECT 1, unit_id, $y, 1 FROM units`, { y: year });
    }
    const unitId = `(SELECT unit_id FROM units WHERE name = $u)`;
    let key = 0;
    const score = (u: string, period: string, start: string, end: string, cr: Crit, assessed: number | null, self: number | null) =>
      run(
        `INSERT INTO scores (bloc_id, unit_id, period, period_start, period_end, criterion_code, criterion_group, criterion,
           criterion_kind, sort_order, max_points, self_points, assessed_points, batch_id, row_key)
         VALUES (1, ${unitId}, $p, $s::DATE, $e::DATE, nullif($code, ''), $g, $name, $kind, $o, $max, $self, $ass, 2, $k)`,
        { u, p: period, s: start, e: end, code: cr[0], g: cr[1], name: cr[2], kind: cr[3], max: cr[4], o: cr[5], self, ass: assessed, k: `k${key++}` },
      );
    for (const [u, assessed, self] of H1) {
      for (let i = 0; i < CRITERIA.length; i++) {
        if (assessed[i] === null) continue;
        await score(u, '2022-H1', '2022-01-01', '2022-06-30', CRITERIA[i], assessed[i], self[i]);
      }
    }
    for (const [u, total] of PREV) await score(u, '2021-H2', '2021-07-01', '2021-12-31', CRITERIA[0], total, total);
    const award = (u: string, n: number, name: string, type: string) =>
      run(
        `INSERT INTO awards (recipient_name, recipient_type, unit_id, award_name, award_name_raw, award_kind, award_level,
           award_year, batch_id, row_key)
         SELECT 'Người ' || i, $t, ${unitId}, $a, $a, 'title', 'grassroots', 2022, 3, $a || $u || i::VARCHAR FROM range($n) r(i)`,
        { u, n, a: name, t: type },
      );
    await award('Phòng A', 10, 'Lao động tiên tiến', 'individual');
    await award('Phòng A', 2, 'Chiến sĩ thi đua cơ sở', 'individual');
    await award('Phòng B', 5, 'Lao động tiên tiến', 'individual');
    await award('Phòng B', 1, 'Tập thể lao động xuất sắc', 'collective');
    await award('Phòng C', 20, 'Lao động tiên tiến', 'individual');
    await award('Phòng C', 3, 'Chiến sĩ thi đua cơ sở', 'individual');
    const activity = (u: string, date: string, people: number) =>
      run(
        `INSERT INTO activities (activity_date, unit_id, unit_raw, channel, title, participants, batch_id, row_key)
         VALUES ($d::DATE, ${unitId}, $u, 'seminar', 'Hội nghị', $p, 4, $d || $u || $p::VARCHAR)`,
        { u, d: date, p: people },
      );
    await activity('Phòng A', '2022-01-15', 10);
    await activity('Phòng A', '2022-03-15', 20);
    await activity('Phòng A', '2022-06-30', 30);
    await activity('Phòng A', '2022-07-01', 40);
  });
}
