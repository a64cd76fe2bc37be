/**
 * The large deterministic dataset for the dashboard benchmark (and the stress tests), built
 * set-based inside DuckDB with generate_series — a million activities in seconds.
 *
 *   npx tsx test/bench/large-dataset.ts --db data/bench/large.duckdb [--scale 1] [--force]
 *
 * Scale 1: 1,000,000 activities, 200,000 awards, 500,000 score rows, 2,000 units in 80 blocs of
 * 25, five years (2021–2025), each bloc scored at six months and year end on 25 criteria
 * (2,000 × 10 × 25 = 500,000). Other scales multiply every count. Same scale → same rows.
 * Activities are stored in date order, as files imported period by period would be.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openDb, withConnection } from '@/lib/db/client';

export interface LargeDatasetCounts {
  units: number;
  blocs: number;
  activities: number;
  awards: number;
  scores: number;
}

export const FIRST_YEAR = 2021;
export const YEARS = 5;
const CRITERIA = 25;
const BLOC_SIZE = 25;

export function largeDatasetCounts(scale: number): LargeDatasetCounts {
  const units = Math.max(BLOC_SIZE * 2, Math.round(2000 * scale));
  const blocs = Math.ceil(units / BLOC_SIZE);
  return { units, blocs, activities: Math.round(1_000_000 * scale), awards: Math.round(200_000 * scale), scores: units * YEARS * 2 * CRITERIA };
}

/** Builds (replacing) the DuckDB file at dbPath and returns the row counts. */
export async function buildLargeDataset(dbPath: string, scale = 1): Promise<LargeDatasetCounts> {
  for (const f of [dbPath, `${dbPath}.wal`]) fs.rmSync(f, { force: true });
  const c = largeDatasetCounts(scale);
  const db = await openDb(dbPath);
  await withConnection(db, async (conn) => {
    const run = (sql: string, params?: Record<string, number | string>) => conn.run(sql, params);
    // Secondary indexes are rebuilt once after the bulk insert: far faster than row by row.
    // The row_key indexes are gone since etl migration 10, the date index since 11 (IF EXISTS keeps older schemas working).
    await run('DROP INDEX IF EXISTS idx_activities_date; DROP INDEX IF EXISTS idx_activities_key; DROP INDEX IF EXISTS idx_awards_key; DROP INDEX IF EXISTS idx_scores_key');
    await run('BEGIN TRANSACTION');
    await run(`INSERT INTO import_batches (batch_id, file_name, sha256, dataset, rows_loaded, imported_by, status) VALUES
      (1, 'don-vi.xlsx', 'bench-units', 'units', $u, 'bench', 'loaded'),
      (2, 'hoat-dong.csv', 'bench-activities', 'activities', $a, 'bench', 'loaded'),
      (3, 'khen-thuong.xlsx', 'bench-awards', 'awards', $w, 'bench', 'loaded'),
      (4, 'diem-thi-dua.xlsx', 'bench-scores', 'scores', $s, 'bench', 'loaded'),
      (5, 'hoat-dong-sai.csv', 'bench-undone', 'activities', 1000, 'bench', 'undone')`, { u: c.units, a: c.activities, w: c.awards, s: c.scores });
    await run(`INSERT INTO units (unit_id, name, abbreviation, kind, headcount, batch_id)
      SELECT i, CASE WHEN i % 4 = 0 THEN 'Phòng Tài chính – Kế hoạch huyện ' ELSE 'Phòng nghiệp vụ số ' END || i, 'PNV' || i,
             CASE WHEN i % 4 = 0 THEN 'district_office' ELSE 'division' END,
             CASE WHEN i % 10 = 0 THEN NULL ELSE 15 + (hash(i, 'hc') % 60)::INTEGER END, 1
      FROM generate_series(1, $n) t(i)`, { n: c.units });
    await run(`INSERT INTO blocs (bloc_id, name, short_name) SELECT i, 'Khối thi đua số ' || i, 'Khối ' || i FROM generate_series(1, $n) t(i)`, { n: c.blocs });
    await run(`INSERT INTO bloc_members (bloc_id, unit_id, year, batch_id)
      SELECT ((u - 1) // ${BLOC_SIZE}) + 1, u, y, 1 FROM generate_series(1, $n) a(u), generate_series(${FIRST_YEAR}, ${FIRST_YEAR + YEARS - 1}) b(y)`, { n: c.units });
    await run(`INSERT INTO movements (movement_id, name) SELECT i, 'Phong trào thi đua số ' || i FROM generate_series(1, 10) t(i)`);
    // Activities: ~1 in 1,000 with an unresolved unit name, 1 in 50 promoting an advanced example.
    await run(`INSERT INTO activities (activity_id, activity_date, unit_id, unit_raw, channel, title, participants, movement_id, exemplar, batch_id, source_row, row_key)
      SELECT i, DATE '${FIRST_YEAR}-01-01' + (hash(i, 'd') % ${YEARS * 365})::INTEGER,
             CASE WHEN i % 1000 = 0 THEN NULL ELSE 1 + (hash(i, 'u') % $units)::INTEGER END,
             CASE WHEN i % 1000 = 0 THEN 'Đơn vị chưa khớp ' || (i % 13) ELSE 'PNV' || (1 + (hash(i, 'u') % $units)) END,
             ['portal', 'egov', 'seminar', 'contest', 'event', 'study_visit', 'other'][1 + (hash(i, 'c') % 7)::INTEGER],
             'Tuyên truyền phong trào thi đua yêu nước, bài số ' || i,
             (hash(i, 'p') % 120)::INTEGER,
             nullif((i % 11)::INTEGER, 0),
             CASE WHEN i % 50 = 0 THEN 'Nguyễn Văn Điển hình ' || (i % 997) END,
             2, i, 'a' || i
      FROM generate_series(1, $n) t(i)
      ORDER BY 2, 1`, { n: c.activities, units: c.units });
    await run(`INSERT INTO activities (activity_id, activity_date, unit_id, unit_raw, channel, title, participants, batch_id, row_key)
      SELECT $n + i, DATE '${FIRST_YEAR}-06-01', 1, 'PNV1', 'portal', 'Dòng của lần nhập đã hủy', 100000, 5, 'x' || i FROM generate_series(1, 1000) t(i)`, { n: c.activities });
    await run(`INSERT INTO awards (award_id, recipient_name, recipient_type, unit_id, unit_raw, award_name, award_name_raw, award_kind, award_level, decision_no, decision_date, award_year, movement_id, batch_id, source_row, row_key)
      SELECT i,
             CASE WHEN i % 5 = 0 THEN 'Tập thể phòng số ' || (1 + (hash(i, 'u') % $units)) ELSE
               ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Đặng'][1 + (hash(i, 's') % 6)::INTEGER] || ' ' ||
               ['Văn', 'Thị', 'Hữu', 'Minh'][1 + (hash(i, 'm') % 4)::INTEGER] || ' ' ||
               ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Lan', 'Đức'][1 + (hash(i, 'g') % 7)::INTEGER] END,
             CASE WHEN i % 5 = 0 THEN 'collective' ELSE 'individual' END,
             CASE WHEN i % 2000 = 0 THEN NULL ELSE 1 + (hash(i, 'u') % $units)::INTEGER END,
             'PNV' || (1 + (hash(i, 'u') % $units)),
             k.award_name, k.award_name, k.award_kind, k.award_level,
             (100 + i % 900) || '/QĐ-' || CASE WHEN k.award_level = 'department' THEN 'STC' ELSE 'UBND' END,
             CASE WHEN i % 20 = 0 THEN NULL ELSE make_date(${FIRST_YEAR} + (i % ${YEARS})::INTEGER, 1 + (hash(i, 'mo') % 12)::INTEGER, 1 + (hash(i, 'dd') % 28)::INTEGER) END,
             ${FIRST_YEAR} + (i % ${YEARS})::INTEGER,
             nullif((i % 11)::INTEGER, 0), 3, i, 'w' || i
      FROM generate_series(1, $n) t(i)
      JOIN (VALUES (0, 'Lao động tiên tiến', 'title', 'grassroots'), (1, 'Chiến sĩ thi đua cơ sở', 'title', 'department'),
                   (2, 'Tập thể lao động xuất sắc', 'title', 'province'), (3, 'Giấy khen', 'commendation', 'department'),
                   (4, 'Bằng khen', 'commendation', 'province'), (5, 'Lao động tiên tiến', 'title', 'grassroots'))
           k(j, award_name, award_kind, award_level) ON k.j = (hash(i, 'k') % 6)::INTEGER`, { n: c.awards, units: c.units });
    await run(`INSERT INTO scores (bloc_id, unit_id, period, period_start, period_end, criterion_code, criterion_group, criterion, criterion_kind, sort_order, max_points, self_points, assessed_points, batch_id, row_key)
      SELECT ((u - 1) // ${BLOC_SIZE}) + 1, u, p.period, p.ps, p.pe, cr::VARCHAR,
             CASE WHEN cr <= 10 THEN 'I' WHEN cr <= 20 THEN 'II' ELSE 'III' END,
             CASE WHEN cr = 24 THEN 'Điểm thưởng' WHEN cr = 25 THEN 'Điểm trừ' ELSE 'Tiêu chí ' || cr END,
             CASE WHEN cr = 24 THEN 'bonus' WHEN cr = 25 THEN 'penalty' ELSE 'criterion' END, cr,
             CASE WHEN cr >= 24 THEN 5 WHEN cr <= 4 THEN 6 ELSE 4 END,
             round((CASE WHEN cr >= 24 THEN 5 WHEN cr <= 4 THEN 6 ELSE 4 END) * (0.6 + (hash(u, p.period, cr, 's') % 400) / 1000.0), 1),
             round((CASE WHEN cr >= 24 THEN 5 WHEN cr <= 4 THEN 6 ELSE 4 END) * (0.55 + (hash(u, p.period, cr, 'a') % 450) / 1000.0), 1),
             4, 's' || u || p.period || cr
      FROM generate_series(1, $n) a(u), generate_series(1, ${CRITERIA}) b(cr),
           (SELECT y::VARCHAR || '-H1' AS period, make_date(y, 1, 1) AS ps, make_date(y, 6, 30) AS pe FROM generate_series(${FIRST_YEAR}, ${FIRST_YEAR + YEARS - 1}) g(y)
            UNION ALL SELECT y::VARCHAR, make_date(y, 1, 1), make_date(y, 12, 31) FROM generate_series(${FIRST_YEAR}, ${FIRST_YEAR + YEARS - 1}) g(y)) p`, { n: c.units });
    await run(`INSERT INTO import_issues (batch_id, row_no, column_name, severity, code, message, raw_value)
      SELECT 2, i * 1000, 'Đơn vị', 'warning', 'unit_unresolved', 'Không nhận ra đơn vị "Đơn vị chưa khớp ' || (i % 13) || '"', 'Đơn vị chưa khớp ' || (i % 13)
      FROM generate_series(1, 200) t(i)`);
    await run('COMMIT');
    // Ids were given explicitly: move each sequence past them so a later import or upload
    // (bench:load) does not collide with batch 1, activity 1, …
    for (const [seq, table, col] of [
      ['seq_batch_id', 'import_batches', 'batch_id'], ['seq_unit_id', 'units', 'unit_id'], ['seq_bloc_id', 'blocs', 'bloc_id'],
      ['seq_movement_id', 'movements', 'movement_id'], ['seq_activity_id', 'activities', 'activity_id'],
      ['seq_award_id', 'awards', 'award_id'], ['seq_score_id', 'scores', 'score_id'],
    ]) {
      const max = Number((await conn.runAndReadAll(`SELECT coalesce(max(${col}), 0) AS m FROM ${table}`)).getRowObjectsJson()[0].m);
      if (max > 0) await run(`SELECT max(nextval('${seq}')) FROM range(${Math.trunc(max)})`);
    }
    await run('CHECKPOINT');
  });
  db.closeSync();
  return c;
}

async function main() {
  const { values } = parseArgs({ options: { db: { type: 'string' }, scale: { type: 'string', default: '1' }, force: { type: 'boolean', default: false } } });
  if (!values.db) {
    console.error('Cách dùng: npx tsx test/bench/large-dataset.ts --db TỆP.duckdb [--scale 1] [--force]');
    process.exit(2);
  }
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 10)) {
    console.error(`--scale phải là số trong (0, 10], nhận "${values.scale}".`);
    process.exit(2);
  }
  if (fs.existsSync(values.db) && !values.force) {
    console.error(`${values.db} đã tồn tại; thêm --force để tạo lại.`);
    process.exit(2);
  }
  const t0 = performance.now();
  const counts = await buildLargeDataset(values.db, scale);
  console.log(JSON.stringify({ db: values.db, scale, ...counts, seconds: Math.round((performance.now() - t0) / 100) / 10 }));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
