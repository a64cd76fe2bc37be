import { z } from 'zod';

/**
 * Row field checks for the dashboard queries. Values arrive already typed from lib/db/client.ts
 * (BIGINT, HUGEINT and DECIMAL as numbers, DATE as `yyyy-MM-dd`, TIMESTAMP as
 * `yyyy-MM-dd HH:mm:ss`): these only assert it, nothing is converted here.
 */
export const num = z.number();
export const numOrNull = z.number().nullable();
export const str = z.string();
export const strOrNull = z.string().nullable();
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}/);
export const dateOrNull = date.nullable();

/** The bloc a row is about. */
export const blocFields = { bloc_id: num, bloc_name: str };
/** The bloc and the score period a row is about («2025-H1», its first and last day). */
export const blocPeriodFields = { ...blocFields, period: str, period_start: date, period_end: date };
