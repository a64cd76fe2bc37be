import type { Migration } from '../migrate';

export const etlMigrations: Migration[] = [];
