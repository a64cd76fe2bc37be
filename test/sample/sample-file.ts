import type { Dataset } from '@/lib/domain';

/** One generated file: where it goes, what it holds, its bytes. */
export interface SampleFile {
  /** Path under data/sample/. */
  file: string;
  dataset: Dataset;
  /** Data rows the file holds (fact rows for activities and awards). */
  rows: number;
  bytes: Buffer;
  /** One line for the README of data/sample. */
  description: string;
}
