import type { Migration } from '../migrate';
import { activityKeySql } from '../row-keys';

/**
 * ETL migrations (versions 10–19).
 * 10: the row_key ART indexes of core are dropped. The pipeline finds rows already loaded with a
 *     set-based hash anti-join, which never uses them, while maintaining them made bulk loads of
 *     a million activities several times slower.
 * 11: activity row keys are computed by DuckDB (lib/db/row-keys.ts) so that a CSV body loaded by
 *     DuckDB's reader and rows checked in JS get the same key; older rows are re-keyed. The
 *     activity_date ART index is dropped: the dashboard filters on period ranges, which DuckDB
 *     answers from zone maps (EXPLAIN shows a table scan either way), and keeping the index cost
 *     a third of a bulk commit.
 * 12: activities without the PRIMARY KEY on activity_id. The id comes from a sequence and is
 *     never looked up; its ART index cost about 0.3 s per million rows loaded (insert and commit).
 *     DuckDB cannot drop a constraint, so the table is rebuilt (the views bind by name).
 * 13: unit names read with care. import_unit_readings keeps, per batch, every unit name that was
 *     not written as in the catalogue and how it was read. unit_alias_authors says who added or
 *     changed an Office alias and when (a table beside unit_aliases, whose columns stay as they
 *     are for the code that inserts into it by position). A units batch keeps the units and aliases as they were before it (before-images), so
 *     undoing it restores them.
 * 18: the propagation channels of the Sở's plan (social media, press and radio-TV, visual,
 *     exchanges) get their own identifiers instead of «Khác», so the channel CHECK is widened
 *     (another rebuild); reach («lượt xem») is kept apart from attendance, and an exemplar has
 *     a kind (điển hình tiên tiến, mô hình mới, nhân tố mới, người tốt việc tốt) and a flag for
 *     those proposed to the province's council.
 */
export const etlMigrations: Migration[] = [
  {
    version: 10,
    name: 'etl: drop row_key indexes (hash anti-join instead)',
    sql: `DROP INDEX IF EXISTS idx_activities_key;
          DROP INDEX IF EXISTS idx_awards_key;
          DROP INDEX IF EXISTS idx_scores_key;`,
  },
  {
    version: 11,
    name: 'etl: activity keys computed in SQL; drop the unused date index',
    sql: `UPDATE activities SET row_key = ${activityKeySql("(activity_date - DATE '1970-01-01')", 'unit_id', 'channel', 'title')};
          DROP INDEX IF EXISTS idx_activities_date;`,
  },
  {
    version: 12,
    name: 'etl: activities without the activity_id primary-key index',
    sql: `CREATE TABLE activities_rebuilt (
            activity_id   BIGINT NOT NULL DEFAULT nextval('seq_activity_id'),
            activity_date DATE NOT NULL,
            unit_id       INTEGER,
            unit_raw      VARCHAR NOT NULL,
            channel       VARCHAR NOT NULL CHECK (channel IN ('portal', 'egov', 'seminar', 'contest', 'event', 'study_visit', 'other')),
            title         VARCHAR NOT NULL,
            participants  INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
            movement_id   INTEGER,
            exemplar      VARCHAR,
            batch_id      INTEGER NOT NULL,
            source_row    INTEGER,
            row_key       VARCHAR NOT NULL
          );
          INSERT INTO activities_rebuilt SELECT * FROM activities ORDER BY activity_id;
          DROP TABLE activities;
          ALTER TABLE activities_rebuilt RENAME TO activities;`,
  },
  {
    version: 13,
    name: 'etl: unit name readings per batch, alias authorship, units before-images',
    sql: `CREATE TABLE import_unit_readings (
            batch_id  INTEGER NOT NULL,
            raw_name  VARCHAR NOT NULL,
            unit_id   INTEGER NOT NULL,
            rule      VARCHAR NOT NULL
          );
          CREATE TABLE unit_alias_authors (
            alias_key  VARCHAR PRIMARY KEY,
            created_by VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL,
            updated_by VARCHAR,
            updated_at TIMESTAMP
          );
          CREATE TABLE unit_before_images (
            batch_id     INTEGER NOT NULL,
            unit_id      INTEGER NOT NULL,
            existed      BOOLEAN NOT NULL,
            name         VARCHAR,
            abbreviation VARCHAR,
            kind         VARCHAR,
            parent_id    INTEGER,
            successor_id INTEGER,
            valid_to     DATE,
            headcount    INTEGER,
            prev_batch_id INTEGER
          );
          CREATE TABLE alias_before_images (
            batch_id  INTEGER NOT NULL,
            alias_key VARCHAR NOT NULL,
            existed   BOOLEAN NOT NULL,
            alias     VARCHAR,
            unit_id   INTEGER,
            source    VARCHAR
          );`,
  },
  {
    version: 18,
    name: 'etl: more propagation channels; reach and exemplar kind on activities',
    sql: `CREATE TABLE activities_rebuilt (
            activity_id       BIGINT NOT NULL DEFAULT nextval('seq_activity_id'),
            activity_date     DATE NOT NULL,
            unit_id           INTEGER,
            unit_raw          VARCHAR NOT NULL,
            channel           VARCHAR NOT NULL CHECK (channel IN ('portal', 'egov', 'seminar', 'contest', 'event', 'study_visit', 'other', 'social', 'press', 'visual', 'exchange')),
            title             VARCHAR NOT NULL,
            participants      INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
            movement_id       INTEGER,
            exemplar          VARCHAR,
            batch_id          INTEGER NOT NULL,
            source_row        INTEGER,
            row_key           VARCHAR NOT NULL,
            reach             BIGINT CHECK (reach >= 0),
            exemplar_kind     VARCHAR CHECK (exemplar_kind IN ('advanced', 'new_model', 'new_factor', 'good_deed')),
            exemplar_proposed BOOLEAN
          );
          INSERT INTO activities_rebuilt (activity_id, activity_date, unit_id, unit_raw, channel, title, participants, movement_id, exemplar, batch_id, source_row, row_key)
            SELECT activity_id, activity_date, unit_id, unit_raw, channel, title, participants, movement_id, exemplar, batch_id, source_row, row_key
            FROM activities ORDER BY activity_id;
          DROP TABLE activities;
          ALTER TABLE activities_rebuilt RENAME TO activities;`,
  },
];
