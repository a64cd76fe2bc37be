import type { Migration } from '../migrate';
import { SEED_VALUE, type SettingKey } from '../../settings/definitions';
import { scoreTotalsViewSql } from '../../scoring/sql';

/** SQL string literal for a static seed value (never user input). */
function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function insertSeed(key: string, value: unknown): string {
  return `INSERT INTO settings (key, value, updated_by) VALUES (${literal(key)}, ${literal(JSON.stringify(value))}, 'migration') ON CONFLICT (key) DO NOTHING;`;
}

/**
 * Review migrations (versions 40–49). The review rules and document header live in `settings`,
 * editable by admins; migrations seed them once and keep existing rows, so an edited rule
 * survives later migrations.
 */

// 40 seeded these values; they are kept as they were so the migration never changes.
const SEED_V40: Record<string, unknown> = {
  'review.flag_count': 1,
  'review.certificate_count': 2,
  'review.min_total': { percent: 0.8 },
  'review.flag_award': 'Cờ thi đua của UBND tỉnh',
  'review.certificate_award': 'Bằng khen của Chủ tịch UBND tỉnh',
  'quota.cstdcs_over_ldtt': 0.15,
  'quota.ttldxs_min_ldtt_share': 0.7,
  'quota.ttldxs_min_cstdcs': 1,
  'document.issuer_parent': 'UBND TỈNH',
  'document.issuer': 'SỞ TÀI CHÍNH',
  'document.number_suffix': 'BC-STC',
  'document.place': 'Tỉnh',
  'document.signer_authority': 'KT. GIÁM ĐỐC',
  'document.signer_title': 'PHÓ GIÁM ĐỐC',
  'document.signer_name': '',
  'document.recipients': ['Như trên;', 'Hội đồng Thi đua – Khen thưởng tỉnh;', 'Các đơn vị trong khối;', 'Lưu: VT, VP.'],
};

/**
 * 43: proposals per organiser of the bloc. The province's tiers take over the former flag and
 * certificate settings (an edited award name or count is kept); the others are seeded. Seeds of
 * 40 that could not be right anywhere («UBND TỈNH» with no province, «Tỉnh» as the place) become
 * empty — the document then takes them from the units file's title block — and the recipients
 * gain «Lãnh đạo Sở», unless an admin has changed them.
 */
function settingsV2(): string {
  const tier = (key: SettingKey, awardKey: string, countKey: string) => {
    const seed = SEED_VALUE[key] as { award: string; count: number; grantor: string };
    return `INSERT INTO settings (key, value, updated_by)
      SELECT ${literal(key)}, json_object('award', coalesce((SELECT value->>'$' FROM settings WHERE key = ${literal(awardKey)}), ${literal(seed.award)}),
                                          'count', coalesce((SELECT CAST(value::VARCHAR AS INTEGER) FROM settings WHERE key = ${literal(countKey)}), ${seed.count}),
                                          'grantor', ${literal(seed.grantor)}), 'migration'
      ON CONFLICT (key) DO NOTHING;`;
  };
  const unchanged = (key: string, old: unknown, now: unknown) =>
    `UPDATE settings SET value = ${literal(JSON.stringify(now))} WHERE key = ${literal(key)} AND updated_by = 'migration' AND value::VARCHAR = ${literal(JSON.stringify(old))};`;
  const seeded = (Object.keys(SEED_VALUE) as SettingKey[]).filter((k) => !(k in SEED_V40) && k !== 'proposals.province.first' && k !== 'proposals.province.next');
  return [
    tier('proposals.province.first', 'review.flag_award', 'review.flag_count'),
    tier('proposals.province.next', 'review.certificate_award', 'review.certificate_count'),
    ...seeded.map((k) => insertSeed(k, SEED_VALUE[k])),
    `DELETE FROM settings WHERE key IN ('review.flag_count', 'review.certificate_count', 'review.flag_award', 'review.certificate_award');`,
    unchanged('document.issuer_parent', SEED_V40['document.issuer_parent'], SEED_VALUE['document.issuer_parent']),
    unchanged('document.place', SEED_V40['document.place'], SEED_VALUE['document.place']),
    unchanged('document.recipients', SEED_V40['document.recipients'], SEED_VALUE['document.recipients']),
  ].join('\n');
}

export const reviewMigrations: Migration[] = [
  { version: 40, name: 'review settings seed', sql: Object.entries(SEED_V40).map(([k, v]) => insertSeed(k, v)).join('\n') },
  // 41: v_score_totals computed by the scoring module (lib/scoring), the same SQL the dashboard
  //     ranks with; adds max_total (the sum of the criteria's maximum points) as its last column.
  { version: 41, name: 'review: v_score_totals from lib/scoring', sql: scoreTotalsViewSql() },
  // 42: who organises a bloc (lib/bloc-organiser.ts) and who set it: 'import' (read from the name
  //     on import) or an admin's user name; no row: read from the name, else unknown. Headcount
  //     per unit and year (quota shares use the year's headcount). The title block of an imported
  //     units file (the issuing body above the table, for the document header). New tables rather
  //     than ALTER TABLE … ADD COLUMN: DuckDB fails to replay an added column from the WAL on a
  //     table whose defaults call nextval().
  {
    version: 42,
    name: 'review: bloc organisers, headcount per year, title block of a file',
    sql: `CREATE TABLE bloc_organisers (
            bloc_id   INTEGER PRIMARY KEY,
            organiser VARCHAR NOT NULL CHECK (organiser IN ('province', 'department', 'sector')),
            set_by    VARCHAR NOT NULL
          );
          CREATE TABLE unit_headcounts (
            unit_id   INTEGER NOT NULL,
            year      INTEGER NOT NULL,
            headcount INTEGER NOT NULL CHECK (headcount >= 0),
            batch_id  INTEGER,
            PRIMARY KEY (unit_id, year)
          );
          CREATE TABLE batch_title_blocks (
            batch_id    INTEGER PRIMARY KEY,
            title_block VARCHAR NOT NULL
          );`,
  },
  { version: 43, name: 'review: proposals per bloc organiser, quota rules, document header from the units file', sql: settingsV2() },
];
