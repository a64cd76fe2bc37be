import type { Migration } from '../migrate';

/**
 * ETL migrations (versions 10–19).
 * 10: the row_key ART indexes of core are dropped. The pipeline finds rows already loaded with a
 *     set-based hash anti-join, which never uses them, while maintaining them made bulk loads of
 *     a million activities several times slower.
 */
export const etlMigrations: Migration[] = [
  {
    version: 10,
    name: 'etl: drop row_key indexes (hash anti-join instead)',
    sql: `DROP INDEX IF EXISTS idx_activities_key;
          DROP INDEX IF EXISTS idx_awards_key;
          DROP INDEX IF EXISTS idx_scores_key;`,
  },
];
