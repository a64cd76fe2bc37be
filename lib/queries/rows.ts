import { z } from 'zod';

/** Row field coercions: DuckDB JSON rows carry BIGINT/HUGEINT/DECIMAL/DATE as strings. */
export const num = z.coerce.number();
export const numOrNull = z.union([z.null(), z.coerce.number()]);
export const str = z.string();
export const strOrNull = z.string().nullable();
/** DATE arrives as `yyyy-MM-dd`; TIMESTAMP as `yyyy-MM-dd HH:mm:ss`. */
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}/);
export const dateOrNull = date.nullable();
