import type { ImportResult, RawRow } from '@/lib/import/types';
import type { BulkCsv } from '@/etl/read/csv';
import type { FileStamp } from '@/etl/read/integrity';

/** What the pipeline reads (an opened file) and the result it gives when it stops early. */

/** The reader's view of a file (etl/read): sheets that stream rows. */
export interface SheetLike {
  name: string;
  hidden?: boolean;
  rows(): AsyncIterable<RawRow>;
}
export interface OpenedLike {
  format: string;
  sheets: SheetLike[];
  notes: string[];
  /** A plain UTF-8 CSV on disk (etl/read/csv.ts): its body may be loaded by DuckDB. */
  bulk?: BulkCsv;
  /** Frees the reader (its worker thread). */
  close?(): Promise<void>;
}

export interface FileMeta {
  sha256: string;
  size: number;
  /** A file on disk as it was when hashed: it must not change before its rows are stored. */
  stamp?: FileStamp;
}


export function emptyResult(meta: FileMeta, extra: Partial<ImportResult>): ImportResult {
  return {
    status: 'rejected',
    dataset: null,
    batchId: null,
    rowsLoaded: 0,
    rowsSkipped: 0,
    errors: [],
    warnings: [],
    sheet: null,
    period: null,
    bloc: null,
    headerMapping: [],
    preview: [],
    sha256: meta.sha256,
    ...extra,
  };
}
