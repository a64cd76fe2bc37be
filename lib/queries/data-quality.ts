import { z } from 'zod';
import { reused } from '@/lib/db/cache';
import { query, type Db } from '@/lib/db/client';
import { blocFields, dateOrNull, num, numOrNull, str, strOrNull } from './rows';

const UnresolvedRow = z.object({ dataset: str, unit_raw: str, rows: num, batches: num, first_date: dateOrNull, last_date: dateOrNull });
export type UnresolvedName = z.infer<typeof UnresolvedRow>;

/** Unit names from imports that match no unit (rows kept with unit_id NULL), most frequent first. */
export const unresolvedUnitNames = reused('unresolvedUnitNames', async function unresolvedUnitNames(db: Db, limit: number = 200): Promise<UnresolvedName[]> {
  return query(
    db,
    `SELECT * FROM (
       SELECT 'activities' AS dataset, a.unit_raw, count(*)::INTEGER AS rows, count(DISTINCT a.batch_id)::INTEGER AS batches,
              strftime(min(a.activity_date), '%Y-%m-%d') AS first_date, strftime(max(a.activity_date), '%Y-%m-%d') AS last_date
       FROM activities a JOIN import_batches b ON b.batch_id = a.batch_id AND b.status = 'loaded'
       WHERE a.unit_id IS NULL GROUP BY a.unit_raw
       UNION ALL
       SELECT 'awards', coalesce(a.unit_raw, ''), count(*)::INTEGER, count(DISTINCT a.batch_id)::INTEGER,
              strftime(min(a.decision_date), '%Y-%m-%d'), strftime(max(a.decision_date), '%Y-%m-%d')
       FROM awards a JOIN import_batches b ON b.batch_id = a.batch_id AND b.status = 'loaded'
       WHERE a.unit_id IS NULL AND coalesce(trim(a.unit_raw), '') <> '' GROUP BY a.unit_raw)
     ORDER BY rows DESC, unit_raw LIMIT $limit`,
    { limit },
    UnresolvedRow,
  );
});

const IssueRow = z.object({
  batch_id: num,
  file_name: str,
  dataset: str,
  imported_at: str,
  row_no: numOrNull,
  column_name: strOrNull,
  code: strOrNull,
  message: str,
  raw_value: strOrNull,
});
export type ImportWarning = z.infer<typeof IssueRow>;

/** Warnings recorded by loaded imports, newest batch first. */
export const importWarnings = reused('importWarnings', async function importWarnings(db: Db, limit: number = 300): Promise<ImportWarning[]> {
  return query(
    db,
    `SELECT i.batch_id, b.file_name, b.dataset, strftime(b.imported_at, '%Y-%m-%d %H:%M:%S') AS imported_at, i.row_no,
            i.column_name, i.code, i.message, i.raw_value
     FROM import_issues i JOIN import_batches b ON b.batch_id = i.batch_id AND b.status = 'loaded'
     WHERE i.severity = 'warning' ORDER BY b.imported_at DESC, i.batch_id DESC, i.row_no NULLS FIRST LIMIT $limit`,
    { limit },
    IssueRow,
  );
});

const MissingRow = z.object({
  ...blocFields,
  year: num,
  period: str,
  members: num,
  scored: num,
  missing_units: strOrNull,
});
export type MissingScores = z.infer<typeof MissingRow>;

/**
 * Review periods (six-month and annual) that are over and where a bloc's members have no score
 * sheet: a whole bloc missing (scored = 0) or some members missing. Six-month reviews count only
 * for blocs that have held one.
 */
export const missingScorePeriods = reused('missingScorePeriods', async function missingScorePeriods(db: Db, today: string): Promise<MissingScores[]> {
  return query(
    db,
    `WITH expected AS (
       SELECT m.bloc_id, m.year, p.period, p.pstart, p.pend, m.unit_id
       FROM bloc_members m,
            LATERAL (VALUES (m.year::VARCHAR || '-H1', make_date(m.year, 1, 1), make_date(m.year, 6, 30)),
                            (m.year::VARCHAR, make_date(m.year, 1, 1), make_date(m.year, 12, 31))) p(period, pstart, pend)
       WHERE p.pend < $today::DATE
         -- A six-month review is expected only from blocs that hold one (some score only yearly).
         AND (p.period NOT LIKE '%-H1' OR EXISTS (SELECT 1 FROM v_scores h WHERE h.bloc_id = m.bloc_id AND month(h.period_end) = 6))),
     scored AS (SELECT DISTINCT bloc_id, unit_id, period_start, period_end FROM v_scores)
     SELECT e.bloc_id, b.name AS bloc_name, e.year, e.period, count(*)::INTEGER AS members,
            count(s.unit_id)::INTEGER AS scored,
            string_agg(CASE WHEN s.unit_id IS NULL THEN u.name END, '; ' ORDER BY u.name) AS missing_units
     FROM expected e JOIN blocs b USING (bloc_id) JOIN units u ON u.unit_id = e.unit_id
     LEFT JOIN scored s ON s.bloc_id = e.bloc_id AND s.unit_id = e.unit_id AND s.period_start = e.pstart AND s.period_end = e.pend
     GROUP BY ALL HAVING count(s.unit_id) < count(*)
     ORDER BY e.year DESC, e.period DESC, b.name`,
    { today },
    MissingRow,
  );
});
