import type { Migration } from '../migrate';

/**
 * Accounts (issue 4). Passwords are scrypt hashes (lib/auth/password.ts); sessions store only the
 * sha256 of the cookie token, so a copy of the database does not hand out live sessions.
 * Times are UTC.
 */
const accounts = `
CREATE SEQUENCE seq_user_id START 1;

CREATE TABLE users (
  user_id       INTEGER PRIMARY KEY DEFAULT nextval('seq_user_id'),
  username      VARCHAR NOT NULL UNIQUE,        -- lower case, [a-z0-9._-]
  display_name  VARCHAR,
  role          VARCHAR NOT NULL CHECK (role IN ('viewer', 'office', 'admin')),
  password_hash VARCHAR NOT NULL,
  disabled      BOOLEAN NOT NULL DEFAULT false,
  created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
  password_changed_at TIMESTAMP
);

CREATE TABLE sessions (
  token_hash   VARCHAR PRIMARY KEY,             -- sha256 (hex) of the cookie token
  user_id      INTEGER NOT NULL,
  created_at   TIMESTAMP NOT NULL,
  last_seen_at TIMESTAMP NOT NULL,
  expires_at   TIMESTAMP NOT NULL,              -- absolute limit
  revoked_at   TIMESTAMP,
  address      VARCHAR,
  user_agent   VARCHAR
);
CREATE INDEX idx_sessions_user ON sessions (user_id);

-- Every login attempt, for rate limiting per account and per address and for audit.
CREATE TABLE login_attempts (
  username_key VARCHAR NOT NULL,
  address      VARCHAR,
  attempted_at TIMESTAMP NOT NULL,
  success      BOOLEAN NOT NULL
);
CREATE INDEX idx_login_attempts_at ON login_attempts (attempted_at);
`;

/**
 * Files uploaded in the browser wait here between the dry run and the confirmation. Nothing of
 * their content is in the store until they are confirmed.
 */
const uploads = `
CREATE TABLE upload_staging (
  upload_id    VARCHAR PRIMARY KEY,             -- random, in URLs
  user_id      INTEGER NOT NULL,
  username     VARCHAR NOT NULL,
  file_name    VARCHAR NOT NULL,
  file_size    BIGINT NOT NULL,
  sha256       VARCHAR NOT NULL,
  staged_path  VARCHAR NOT NULL,
  created_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
  status       VARCHAR NOT NULL CHECK (status IN ('validated', 'rejected', 'duplicate', 'loaded', 'failed')),
  dataset      VARCHAR,
  batch_id     INTEGER,
  result_json  VARCHAR                          -- last ImportResult (preview, errors, mapping)
);
`;

/**
 * Who did what (lib/audit): logins, account changes, imports, undos, alias and settings edits,
 * backups. `username` is copied so the trail survives renames and removals. `details` is JSON.
 * Accounts an admin creates or resets must change their password at the next login.
 */
const audit = `
CREATE SEQUENCE seq_audit_id START 1;
CREATE TABLE audit_log (
  audit_id   BIGINT PRIMARY KEY DEFAULT nextval('seq_audit_id'),
  occurred_at TIMESTAMP NOT NULL,
  user_id    INTEGER,
  username   VARCHAR,
  action     VARCHAR NOT NULL,
  target     VARCHAR,
  details    VARCHAR,
  address    VARCHAR
);
CREATE INDEX idx_audit_at ON audit_log (occurred_at);
-- A row here: the account must choose its own password at the next login. A table rather
-- than a new users column: DuckDB cannot replay an ALTER … ADD COLUMN … DEFAULT from its WAL.
CREATE TABLE password_change_required (
  user_id INTEGER PRIMARY KEY,
  since   TIMESTAMP NOT NULL
);
`;

export const authMigrations: Migration[] = [
  { version: 30, name: 'users, sessions, login attempts', sql: accounts },
  { version: 31, name: 'upload staging', sql: uploads },
  { version: 32, name: 'audit log, must change password', sql: audit },
];
