import type { Migration } from '../migrate';
import { SEED_VALUE } from '../../settings/definitions';

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

export const reviewMigrations: Migration[] = [{ version: 40, name: 'review settings seed', sql: seedSettings }];
