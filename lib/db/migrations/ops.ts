import type { Migration } from '../migrate';

export const opsMigrations: Migration[] = [];
