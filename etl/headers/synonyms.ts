import type { Dataset } from '@/lib/domain';
import { editDistance, foldKey } from '@/lib/text';
import { DATASET_SCHEMAS } from '@/lib/datasets';

/**
 * Header matching: a header text → the dataset field whose synonyms (lib/datasets) it names.
 * Matched on foldKey (case-, accent-, space- and line-break-insensitive) with a small typo tolerance.
 */

export interface SynonymHit {
  field: string;
  /** 3 exact, 2 close (typo or extra words). */
  score: number;
  length: number;
}

const compiled = new Map<Dataset, { field: string; key: string }[]>();

function synonymsOf(dataset: Dataset) {
  let list = compiled.get(dataset);
  if (!list) {
    list = DATASET_SCHEMAS[dataset].fields.flatMap((f) => f.synonyms.map((s) => ({ field: f.field, key: foldKey(s) })));
    compiled.set(dataset, list);
  }
  return list;
}

function typoBudget(len: number): number {
  return len >= 12 ? 2 : len >= 6 ? 1 : 0;
}

function boundedDistance(a: string, b: string, max: number): number {
  // Lengths too far apart cannot be within the budget: skip the full distance.
  return Math.abs(a.length - b.length) > max ? max + 1 : editDistance(a, b);
}

/** Best field of a dataset for a header text, or null. */
export function matchHeaderText(dataset: Dataset, text: string): SynonymHit | null {
  const key = foldKey(text);
  if (!key) return null;
  let best: SynonymHit | null = null;
  const consider = (hit: SynonymHit) => {
    if (!best || hit.score > best.score || (hit.score === best.score && hit.length > best.length)) best = hit;
  };
  for (const s of synonymsOf(dataset)) {
    if (key === s.key) consider({ field: s.field, score: 3, length: s.key.length });
    else if (s.key.length >= 5 && key.startsWith(s.key)) consider({ field: s.field, score: 2, length: s.key.length });
    else {
      const budget = typoBudget(s.key.length);
      if (budget > 0 && boundedDistance(key, s.key, budget) <= budget) consider({ field: s.field, score: 2, length: s.key.length });
    }
  }
  return best;
}
