import type { Migration } from '../migrate';
import { coreMigrations } from './core';
import { etlMigrations } from './etl';
import { dashboardMigrations } from './dashboard';
import { authMigrations } from './auth';
import { reviewMigrations } from './review';
import { opsMigrations } from './ops';

/**
 * Version ranges per area, so work on different areas never collides:
 * core 1–9, etl 10–19, dashboard 20–29, auth 30–39, review 40–49, ops 50–59.
 * A migration, once on main, is never edited: add a new one.
 */
export const MIGRATIONS: Migration[] = [
  ...coreMigrations,
  ...etlMigrations,
  ...dashboardMigrations,
  ...authMigrations,
  ...reviewMigrations,
  ...opsMigrations,
];
