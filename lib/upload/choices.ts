import { z } from 'zod';
import { DATASETS, type Dataset } from '@/lib/domain';
import { DATASET_SCHEMAS } from '@/lib/datasets';
import { invalidPeriodMessage, parsePeriod } from '@/lib/periods';

/**
 * What the Office may correct before confirming: the dataset, the header mapping (column letter
 * → field, or null to ignore the column), the period and the bloc. Validated against allow-lists.
 */
export interface ImportChoices {
  dataset?: Dataset;
  headerOverrides?: Record<string, string | null>;
  period?: string;
  bloc?: string;
}

const ALL_FIELDS = new Set(Object.values(DATASET_SCHEMAS).flatMap((s) => s.fields.map((f) => f.field)));

const ImportChoicesSchema = z
  .object({
    dataset: z.enum(DATASETS).optional(),
    headerOverrides: z
      .record(
        z.string().regex(/^[A-Z]{1,3}$/, 'Cột phải là chữ cái (A, B, …).'),
        z.string().refine((f) => ALL_FIELDS.has(f), 'Trường không hợp lệ.').nullable(),
      )
      .optional(),
    period: z
      .string()
      .trim()
      .max(20)
      .refine((p) => p === '' || parsePeriod(p) !== null, { error: (issue) => invalidPeriodMessage(String(issue.input)) })
      .optional(),
    bloc: z.string().trim().max(200).optional(),
  })
  .strict();

/** Parses a JSON body of choices; empty strings mean "detect it". */
export function parseChoices(body: unknown): { ok: true; choices: ImportChoices } | { ok: false; message: string } {
  const parsed = ImportChoicesSchema.safeParse(body ?? {});
  if (!parsed.success) {
    return { ok: false, message: `Lựa chọn không hợp lệ: ${parsed.error.issues.map((i) => i.message).join('; ')}` };
  }
  const c = parsed.data;
  return {
    ok: true,
    choices: {
      ...(c.dataset ? { dataset: c.dataset } : {}),
      ...(c.headerOverrides && Object.keys(c.headerOverrides).length ? { headerOverrides: c.headerOverrides } : {}),
      ...(c.period ? { period: c.period } : {}),
      ...(c.bloc ? { bloc: c.bloc } : {}),
    },
  };
}

/** Field choices per dataset for the mapping editor (field id + Vietnamese label). */
export function fieldOptions(dataset: Dataset): { field: string; label: string }[] {
  return DATASET_SCHEMAS[dataset].fields.map((f) => ({ field: f.field, label: f.label }));
}
