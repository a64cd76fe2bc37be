import type { Migration } from '../migrate';

export const dashboardMigrations: Migration[] = [];
