import type { Migration } from '../migrate';

export const reviewMigrations: Migration[] = [];
