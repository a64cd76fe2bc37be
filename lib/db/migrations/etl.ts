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
 * 14: the propagation channels of the Sở's plan (social media, press and radio-TV, visual,
 *     exchanges) get their own identifiers instead of «Khác», so the channel CHECK is widened
 *     (another rebuild); reach («lượt xem») is kept apart from attendance, and an exemplar has
 *     a kind (điển hình tiên tiến, mô hình mới, nhân tố mới, người tốt việc tốt) and a flag for
 *     those proposed to the province's council. v_activities shows them beside the documented
 *     columns.
 * 15: units through time. A unit has a validity interval (valid_from … valid_to), the province it
 *     belongs to, and the date its successor took it over (merged_on; valid_to is the day before
 *     when the file gives none). v_units shows them; v_unit_lineage follows successor chains to
 *     the unit that carries a merged unit's history today, so that comparisons across years fold a
 *     predecessor into its successor. Before-images keep the new columns for undo.
 */
/** The activities table as of 14: reach, exemplar kind and flag, the wider channel list. */
const ACTIVITY_COLUMNS = `
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
            exemplar_proposed BOOLEAN`;

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
    version: 14,
    name: 'etl: more propagation channels; reach, exemplar kind and proposal flag on activities',
    // A rebuild, not ALTER TABLE … ADD COLUMN: DuckDB cannot replay from its write-ahead log an
    // added column on a table whose key defaults to a sequence.
    sql: `CREATE TABLE activities_v14 (${ACTIVITY_COLUMNS});
          INSERT INTO activities_v14 BY NAME SELECT * FROM activities ORDER BY activity_id;
          DROP TABLE activities;
          ALTER TABLE activities_v14 RENAME TO activities;
          CREATE OR REPLACE VIEW v_activities AS
          SELECT a.activity_id, a.activity_date, a.unit_id, coalesce(u.name, a.unit_raw) AS unit_name,
                 a.channel, a.title, a.participants, a.batch_id, a.movement_id, a.exemplar,
                 a.reach, a.exemplar_kind, a.exemplar_proposed
          FROM activities a
          JOIN import_batches ib ON ib.batch_id = a.batch_id AND ib.status = 'loaded'
          LEFT JOIN units u ON u.unit_id = a.unit_id;`,
  },
  {
    version: 15,
    name: 'etl: units through time (validity, province, merger date, lineage view)',
    // units is rebuilt rather than altered: a write-ahead log holding ALTER TABLE … ADD COLUMN on a
    // table whose key defaults to a sequence cannot be replayed by DuckDB (the views bind by name).
    sql: `CREATE TABLE units_v15 (
            unit_id      INTEGER PRIMARY KEY DEFAULT nextval('seq_unit_id'),
            name         VARCHAR NOT NULL UNIQUE,
            abbreviation VARCHAR,
            kind         VARCHAR NOT NULL CHECK (kind IN ('department', 'division', 'agency', 'district_office', 'other')),
            parent_id    INTEGER,
            successor_id INTEGER,
            valid_to     DATE,
            headcount    INTEGER,
            batch_id     INTEGER,
            valid_from   DATE,
            province     VARCHAR,
            merged_on    DATE
          );
          INSERT INTO units_v15 BY NAME SELECT * FROM units ORDER BY unit_id;
          DROP TABLE units;
          ALTER TABLE units_v15 RENAME TO units;
          ALTER TABLE unit_before_images ADD COLUMN valid_from DATE;
          ALTER TABLE unit_before_images ADD COLUMN province VARCHAR;
          ALTER TABLE unit_before_images ADD COLUMN merged_on DATE;
          CREATE OR REPLACE VIEW v_units AS
          SELECT u.unit_id, u.name AS unit_name, u.kind AS unit_kind, u.abbreviation, u.parent_id,
                 u.successor_id, u.headcount, u.valid_from, u.valid_to, u.province, u.merged_on
          FROM units u;
          -- One row per unit: the unit at the end of its successor chain (itself when it has no
          -- successor; a chain that loops is not followed), and, for a unit other units were merged
          -- into, their names («hợp nhất từ …»). Chains are followed at most 20 steps.
          CREATE OR REPLACE VIEW v_unit_lineage AS
          WITH RECURSIVE chain(unit_id, cur_id, depth) AS (
            SELECT unit_id, unit_id, 0 FROM units
            UNION ALL
            SELECT c.unit_id, u.successor_id, c.depth + 1
            FROM chain c JOIN units u ON u.unit_id = c.cur_id
            WHERE u.successor_id IS NOT NULL AND u.successor_id <> u.unit_id AND c.depth < 20
          ),
          roots AS (
            SELECT c.unit_id, any_value(c.cur_id) AS root_unit_id
            FROM chain c JOIN units r ON r.unit_id = c.cur_id
            WHERE r.successor_id IS NULL OR r.successor_id = r.unit_id
            GROUP BY c.unit_id
          ),
          predecessors AS (
            SELECT c.cur_id AS unit_id, string_agg(DISTINCT p.name, '; ' ORDER BY p.name) AS merged_from
            FROM chain c JOIN units p ON p.unit_id = c.unit_id
            WHERE c.depth > 0 AND c.unit_id <> c.cur_id
            GROUP BY c.cur_id
          )
          SELECT u.unit_id, r.unit_id AS root_unit_id, r.name AS root_unit_name, pr.merged_from, u.merged_on
          FROM units u
          LEFT JOIN roots ro ON ro.unit_id = u.unit_id
          JOIN units r ON r.unit_id = coalesce(ro.root_unit_id, u.unit_id)
          LEFT JOIN predecessors pr ON pr.unit_id = u.unit_id;`,
  },
];
