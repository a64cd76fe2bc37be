import type { FieldNeed, FieldSchema } from './types';

/** What a field says besides its key, label and headers; `need` is 'optional' when not given. */
export type FieldFacts = Omit<FieldSchema, 'field' | 'label' | 'synonyms' | 'need'> & { need?: FieldNeed };

/**
 * One field of a schema: its key, its label, the headers people write for it, and the rest. The
 * datasets write a call as a row of a table: headers on the first line, then the need (when not
 * optional), then how to fill the column and its template.
 */
export function field(key: string, label: string, synonyms: string[], facts: FieldFacts): FieldSchema {
  const { need = 'optional', ...rest } = facts;
  return { field: key, label, synonyms, need, ...rest };
}

/** The row-number column every list may have. */
export const STT_FIELD = field('stt', 'STT', ['STT', 'Số thứ tự', 'TT'], {
  help: 'Số thứ tự (không bắt buộc).', template: { example: 1, width: 6 } });
