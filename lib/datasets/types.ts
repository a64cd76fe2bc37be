import type { Dataset } from '@/lib/domain';

/**
 * One dataset's schema: the single description of its columns that the import (header
 * synonyms, what a file must have), the blank templates, the preview and the README read.
 */

/**
 * How much the import needs a column:
 * - `required`: a row without it is refused;
 * - `conditional`: needed only in the case `needNote` states (the import derives it otherwise);
 * - `recommended`: templates ask for it, the import fills a default (`needNote` says which);
 * - `optional`.
 */
export type FieldNeed = 'required' | 'conditional' | 'recommended' | 'optional';

export interface TemplateSpec {
  /** Header written in the template (an exact synonym); the field's label when absent. */
  header?: string;
  example: string | number;
  width: number;
  /** Fixed values offered as a drop-down. */
  list?: string[];
}

export interface FieldSchema {
  field: string;
  /** Name used in messages and the column-mapping editor. */
  label: string;
  /** Headers as people write them (matched accent-, case- and space-insensitively). */
  synonyms: string[];
  need: FieldNeed;
  /** When `need` is conditional or recommended: when it is needed, or the default used. */
  needNote?: string;
  /** How to fill the column (templates' instruction sheet, README). */
  help: string;
  /** Present when the blank template has this column. */
  template?: TemplateSpec;
}

export interface DatasetSchema {
  dataset: Dataset;
  /** Fields in template order (then the others). */
  fields: FieldSchema[];
  /**
   * What makes a header row this dataset's: any one alternative fully present. This is what the
   * import needs to find the table at all.
   */
  recognisedBy: string[][];
  /** What else an alternative needs, in words (same index as recognisedBy). */
  recognisedByNotes?: (string | null)[];
  /** Labels of the preview's columns (keys of the rows a dataset previews). */
  preview: Record<string, string>;
}
