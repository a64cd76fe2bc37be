import { DATASET_LABELS, DATASETS } from '@/lib/domain';
import { DATASET_SCHEMAS, needText, neededColumnsText } from './index';

/**
 * The README's «Dataset columns» section, rendered from the schemas (a test keeps the README
 * equal to it, so the documentation cannot drift from what the import does).
 */
export const README_BEGIN = '<!-- dataset-columns:begin (rendered from lib/datasets; test/unit/datasets-schema.test.ts) -->';
export const README_END = '<!-- dataset-columns:end -->';

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function datasetColumnsMarkdown(): string {
  const out: string[] = [];
  for (const d of DATASETS) {
    const s = DATASET_SCHEMAS[d];
    out.push(`**${DATASET_LABELS[d]}** (\`${d}\`) — a file is read as this dataset when its header row has ${cell(neededColumnsText(d))}.`, '');
    out.push('| cột (field) | bắt buộc | cách ghi | tiêu đề cột nhận ra |', '|---|---|---|---|');
    for (const f of s.fields) {
      out.push(`| ${cell(f.label)} (\`${f.field}\`) | ${cell(needText(f))} | ${cell(f.help)} | ${cell(f.synonyms.join('; '))} |`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}
