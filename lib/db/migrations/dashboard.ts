import type { Migration } from '../migrate';

export const dashboardMigrations: Migration[] = [
  {
    version: 20,
    name: 'data_version',
    // One row, bumped by every write transaction (lib/db/client.ts withWriteTransaction): the
    // version that reused dashboard results are keyed by.
    sql: `CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL, changed_at TIMESTAMP);
          INSERT INTO data_version (id, version, changed_at) VALUES (1, 0, current_timestamp);`,
  },
];
