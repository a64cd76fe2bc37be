import type { Migration } from '../migrate';

export const authMigrations: Migration[] = [];
