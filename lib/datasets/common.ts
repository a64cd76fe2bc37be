import type { FieldSchema } from './types';

/** The row-number column every list may have. */
export const STT_FIELD: FieldSchema = {
  field: 'stt',
  label: 'STT',
  synonyms: ['STT', 'Số thứ tự', 'TT'],
  need: 'optional',
  help: 'Số thứ tự (không bắt buộc).',
  template: { example: 1, width: 6 },
};
