import type { Migration } from '../migrate';

/**
 * The store. Dimensions: units (with aliases and successors), blocs, bloc membership per year,
 * movements. Facts: activities, awards, scores — each row carries the import batch it came from
 * and a `row_key` (hash of its natural key) so the same rows from another file are not counted
 * twice. Points are DOUBLE; totals are rounded to 2 decimals where they are compared or ranked.
 */
const schema = `
CREATE SEQUENCE seq_batch_id START 1;
CREATE SEQUENCE seq_unit_id START 1;
CREATE SEQUENCE seq_bloc_id START 1;
CREATE SEQUENCE seq_movement_id START 1;
CREATE SEQUENCE seq_activity_id START 1;
CREATE SEQUENCE seq_award_id START 1;
CREATE SEQUENCE seq_score_id START 1;

CREATE TABLE import_batches (
  batch_id     INTEGER PRIMARY KEY DEFAULT nextval('seq_batch_id'),
  file_name    VARCHAR NOT NULL,
  sha256       VARCHAR NOT NULL,
  file_size    BIGINT,
  dataset      VARCHAR NOT NULL CHECK (dataset IN ('units', 'activities', 'awards', 'scores')),
  rows_loaded  INTEGER NOT NULL DEFAULT 0,
  rows_skipped INTEGER NOT NULL DEFAULT 0,   -- rows already present from another batch
  imported_by  VARCHAR NOT NULL,
  imported_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
  status       VARCHAR NOT NULL CHECK (status IN ('loaded', 'undone')),
  undone_by    VARCHAR,
  undone_at    TIMESTAMP,
  sheet_name   VARCHAR,
  period       VARCHAR,                       -- e.g. 2022-H1 for score sheets
  bloc_id      INTEGER,
  stored_path  VARCHAR                        -- original file kept for audit / re-import
);

-- Problems found while importing a batch that did not stop it (warnings).
CREATE TABLE import_issues (
  batch_id  INTEGER NOT NULL,
  row_no    INTEGER,
  column_name VARCHAR,
  severity  VARCHAR NOT NULL CHECK (severity IN ('error', 'warning')),
  code      VARCHAR,
  message   VARCHAR NOT NULL,
  raw_value VARCHAR
);

CREATE TABLE units (
  unit_id      INTEGER PRIMARY KEY DEFAULT nextval('seq_unit_id'),
  name         VARCHAR NOT NULL UNIQUE,
  abbreviation VARCHAR,
  kind         VARCHAR NOT NULL CHECK (kind IN ('department', 'division', 'agency', 'district_office', 'other')),
  parent_id    INTEGER,
  successor_id INTEGER,        -- set when the unit was renamed or merged
  valid_to     DATE,           -- last day under this name, when merged
  headcount    INTEGER,        -- staff, for participation per staff
  batch_id     INTEGER
);

-- Every other name a unit is written as. alias_key is the folded form (lib/text.ts foldKey).
CREATE TABLE unit_aliases (
  alias_key VARCHAR PRIMARY KEY,
  alias     VARCHAR NOT NULL,
  unit_id   INTEGER NOT NULL,
  source    VARCHAR NOT NULL DEFAULT 'import'   -- import | office (resolved by hand)
);

CREATE TABLE blocs (
  bloc_id INTEGER PRIMARY KEY DEFAULT nextval('seq_bloc_id'),
  name    VARCHAR NOT NULL UNIQUE,
  short_name VARCHAR
);

CREATE TABLE bloc_members (
  bloc_id  INTEGER NOT NULL,
  unit_id  INTEGER NOT NULL,
  year     INTEGER NOT NULL,
  batch_id INTEGER,
  PRIMARY KEY (bloc_id, unit_id, year)
);

CREATE TABLE movements (
  movement_id INTEGER PRIMARY KEY DEFAULT nextval('seq_movement_id'),
  name        VARCHAR NOT NULL UNIQUE
);

CREATE TABLE activities (
  activity_id   BIGINT PRIMARY KEY DEFAULT nextval('seq_activity_id'),
  activity_date DATE NOT NULL,
  unit_id       INTEGER,
  unit_raw      VARCHAR NOT NULL,       -- the name as written in the file
  channel       VARCHAR NOT NULL CHECK (channel IN ('portal', 'egov', 'seminar', 'contest', 'event', 'study_visit', 'other')),
  title         VARCHAR NOT NULL,
  participants  INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
  movement_id   INTEGER,
  exemplar      VARCHAR,                -- the advanced example (điển hình tiên tiến) promoted, if any
  batch_id      INTEGER NOT NULL,
  source_row    INTEGER,
  row_key       VARCHAR NOT NULL
);

CREATE TABLE awards (
  award_id       BIGINT PRIMARY KEY DEFAULT nextval('seq_award_id'),
  recipient_name VARCHAR NOT NULL,
  recipient_type VARCHAR NOT NULL CHECK (recipient_type IN ('individual', 'collective', 'household')),
  unit_id        INTEGER,               -- NULL when the unit is not in the dimension (kept, warned)
  unit_raw       VARCHAR,
  award_name     VARCHAR NOT NULL,      -- canonical name (shared/domain/award-forms.csv)
  award_name_raw VARCHAR NOT NULL,
  award_kind     VARCHAR NOT NULL CHECK (award_kind IN ('title', 'commendation')),
  award_level    VARCHAR CHECK (award_level IN ('state', 'government', 'province', 'department', 'grassroots')),
  decision_no    VARCHAR,
  decision_date  DATE,
  award_year     INTEGER NOT NULL,
  movement_id    INTEGER,
  batch_id       INTEGER NOT NULL,
  source_row     INTEGER,
  row_key        VARCHAR NOT NULL
);

CREATE TABLE scores (
  score_id        BIGINT PRIMARY KEY DEFAULT nextval('seq_score_id'),
  bloc_id         INTEGER NOT NULL,
  unit_id         INTEGER NOT NULL,
  period          VARCHAR NOT NULL,     -- 2022 or 2022-H1
  period_start    DATE NOT NULL,
  period_end      DATE NOT NULL,
  criterion_code  VARCHAR,              -- as numbered in the sheet: 1, 1.2, a…
  criterion_group VARCHAR,              -- the group heading (I. …) the criterion sits under
  criterion       VARCHAR NOT NULL,
  criterion_kind  VARCHAR NOT NULL CHECK (criterion_kind IN ('criterion', 'bonus', 'penalty')),
  sort_order      INTEGER NOT NULL DEFAULT 0,
  max_points      DOUBLE,
  self_points     DOUBLE,
  assessed_points DOUBLE,
  batch_id        INTEGER NOT NULL,
  source_row      INTEGER,
  row_key         VARCHAR NOT NULL
);

CREATE TABLE settings (
  key        VARCHAR PRIMARY KEY,
  value      JSON NOT NULL,
  updated_by VARCHAR,
  updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE INDEX idx_activities_date ON activities (activity_date);
CREATE INDEX idx_activities_key ON activities (row_key);
CREATE INDEX idx_awards_key ON awards (row_key);
CREATE INDEX idx_scores_key ON scores (row_key);
CREATE INDEX idx_batches_sha ON import_batches (sha256);
`;

/** The analyst views (README, «Analyst views»). Only rows of loaded (not undone) batches are visible. */
const views = `
CREATE VIEW v_units AS
SELECT u.unit_id, u.name AS unit_name, u.kind AS unit_kind, u.abbreviation, u.parent_id,
       u.successor_id, u.headcount
FROM units u;

CREATE VIEW v_bloc_members AS
SELECT b.bloc_id, b.name AS bloc_name, m.unit_id, u.name AS unit_name, m.year
FROM bloc_members m JOIN blocs b USING (bloc_id) JOIN units u USING (unit_id);

CREATE VIEW v_activities AS
SELECT a.activity_id, a.activity_date, a.unit_id, coalesce(u.name, a.unit_raw) AS unit_name,
       a.channel, a.title, a.participants, a.batch_id, a.movement_id, a.exemplar
FROM activities a
JOIN import_batches ib ON ib.batch_id = a.batch_id AND ib.status = 'loaded'
LEFT JOIN units u ON u.unit_id = a.unit_id;

CREATE VIEW v_awards AS
SELECT a.award_id, a.recipient_name, a.recipient_type, a.unit_id,
       coalesce(u.name, a.unit_raw) AS unit_name, a.award_name, a.award_kind, a.award_level,
       a.decision_no, a.decision_date, a.award_year, a.batch_id, a.movement_id
FROM awards a
JOIN import_batches ib ON ib.batch_id = a.batch_id AND ib.status = 'loaded'
LEFT JOIN units u ON u.unit_id = a.unit_id;

CREATE VIEW v_scores AS
SELECT s.bloc_id, b.name AS bloc_name, s.unit_id, u.name AS unit_name, s.period_start,
       s.period_end, s.criterion, s.criterion_kind, s.max_points, s.self_points,
       s.assessed_points, s.batch_id, s.period, s.criterion_code, s.criterion_group, s.sort_order
FROM scores s
JOIN import_batches ib ON ib.batch_id = s.batch_id AND ib.status = 'loaded'
JOIN blocs b ON b.bloc_id = s.bloc_id
JOIN units u ON u.unit_id = s.unit_id;

-- Total = assessed points of the criteria + bonus − penalty; equal totals share a rank (1, 2, 2, 4).
CREATE VIEW v_score_totals AS
WITH t AS (
  SELECT bloc_id, bloc_name, unit_id, unit_name, period_start, period_end, period,
         round(sum(CASE criterion_kind WHEN 'penalty' THEN -coalesce(assessed_points, 0)
                                       ELSE coalesce(assessed_points, 0) END), 2) AS total_points,
         round(sum(CASE criterion_kind WHEN 'penalty' THEN -coalesce(self_points, 0)
                                       ELSE coalesce(self_points, 0) END), 2) AS self_total_points
  FROM v_scores
  GROUP BY ALL
)
SELECT bloc_id, bloc_name, unit_id, unit_name, period_start, period_end, total_points,
       CAST(rank() OVER (PARTITION BY bloc_id, period_start, period_end ORDER BY total_points DESC) AS INTEGER) AS rank,
       self_total_points, period
FROM t;
`;

export const coreMigrations: Migration[] = [
  { version: 1, name: 'core schema', sql: schema },
  { version: 2, name: 'analyst views', sql: views },
];
