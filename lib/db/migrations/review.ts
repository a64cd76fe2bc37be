import type { Migration } from '../migrate';
import { SEED_VALUE } from '../../settings/definitions';
import { scoreTotalsViewSql } from '../../scoring/sql';

/** SQL string literal for a static seed value (never user input). */
function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

// The review rules and document header live in `settings`, editable by admins; this seeds them
// once. Existing rows are kept, so an edited rule survives later migrations.
const seedSettings = Object.entries(SEED_VALUE)
  .map(
    ([key, value]) =>
      `INSERT INTO settings (key, value, updated_by) VALUES (${literal(key)}, ${literal(JSON.stringify(value))}, 'migration') ON CONFLICT (key) DO NOTHING;`,
  )
  .join('\n');

export const reviewMigrations: Migration[] = [
  { version: 40, name: 'review settings seed', sql: seedSettings },
  // 41: v_score_totals computed by the scoring module (lib/scoring), the same SQL the dashboard
  //     ranks with; adds max_total (the sum of the criteria's maximum points) as its last column.
  { version: 41, name: 'review: v_score_totals from lib/scoring', sql: scoreTotalsViewSql() },
];
