import { DATASET_LABELS, DATASETS, type Dataset } from '@/lib/domain';
import { ACTIVITIES_SCHEMA } from './activities';
import { AWARDS_SCHEMA } from './awards';
import { SCORES_SCHEMA } from './scores';
import type { DatasetSchema, FieldSchema } from './types';
import { UNITS_SCHEMA } from './units';

export type { DatasetSchema, FieldNeed, FieldSchema, TemplateSpec } from './types';
export { RECIPIENT_HEADERS } from './awards';

export const DATASET_SCHEMAS: Record<Dataset, DatasetSchema> = {
  units: UNITS_SCHEMA,
  activities: ACTIVITIES_SCHEMA,
  awards: AWARDS_SCHEMA,
  scores: SCORES_SCHEMA,
};

export function fieldOf(dataset: Dataset, field: string): FieldSchema | undefined {
  return DATASET_SCHEMAS[dataset].fields.find((f) => f.field === field);
}

export function fieldLabel(dataset: Dataset, field: string): string {
  return fieldOf(dataset, field)?.label ?? field;
}

/**
 * The columns a file must have to be read as this dataset, in words: «Tiêu chí», «Đơn vị»,
 * «Khối chấm»; hoặc «Tiêu chí», «Điểm chuẩn».
 */
export function neededColumnsText(dataset: Dataset): string {
  const s = DATASET_SCHEMAS[dataset];
  return s.recognisedBy
    .map((alt, i) => {
      const note = s.recognisedByNotes?.[i];
      return alt.map((f) => `«${fieldLabel(dataset, f)}»`).join(', ') + (note ? ` và ${note}` : '');
    })
    .join('; hoặc ');
}

/** Label of a preview column (keys of the rows a dataset previews), or the key itself. */
export function previewLabel(dataset: Dataset | null, key: string): string {
  if (dataset) return DATASET_SCHEMAS[dataset].preview[key] ?? key;
  for (const s of Object.values(DATASET_SCHEMAS)) if (s.preview[key]) return s.preview[key];
  return key;
}

/** What each dataset needs, for a file in which no header row was found. */
export const DATASETS_HINT = `Tệp cần một dòng tiêu đề cột: ${DATASETS.map(
  (d) => `${DATASET_LABELS[d].toLowerCase()} cần ${DATASET_SCHEMAS[d].recognisedBy[0].map((f) => `«${fieldLabel(d, f)}»`).join(', ')}`,
).join('; ')}.`;

/** «Có», «Có, khi …», «Nên ghi (…)» or empty: how much a column is needed, in words. */
export function needText(f: FieldSchema): string {
  switch (f.need) {
    case 'required':
      return 'Có';
    case 'conditional':
      return `Có, ${f.needNote ?? 'tùy trường hợp'}`;
    case 'recommended':
      return `Nên ghi (${f.needNote ?? 'có giá trị mặc định'})`;
    default:
      return '';
  }
}
