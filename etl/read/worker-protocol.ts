/**
 * Messages between the import (main thread) and the worker thread that parses a file. Rows
 * cross in blocks; RawRow cells (strings, numbers, Dates, booleans, null) survive structured clone.
 */
import type { RawRow } from '@/lib/import/types';
import type { ImportLimits } from '@/lib/env';
import type { BulkCsv } from './csv';
import type { SourceInput } from './zip';

export interface WorkerInput {
  input: SourceInput;
  fileName: string;
  limits: ImportLimits;
}

/** Blocks of rows the worker may send ahead of the import (bounded memory, backpressure). */
export const BLOCKS_AHEAD = 2;
/** A block closes at this many rows or about this many characters of text, whichever first. */
export const BLOCK_ROWS = 2048;
export const BLOCK_CHARS = 2 * 1024 * 1024;

export interface OpenedInfo {
  format: 'xlsx' | 'csv';
  sheets: { name: string; hidden?: boolean }[];
  encoding?: string;
  delimiter?: string;
  notes: string[];
  bulk?: BulkCsv;
}

export interface SerialError {
  name: string;
  message: string;
  code?: string;
  row?: number | null;
}

export type ToWorker =
  | { t: 'rows'; id: number; sheet: number }
  | { t: 'more'; id: number }
  | { t: 'close'; id: number };

export type FromWorker =
  | { t: 'opened'; file: OpenedInfo }
  | { t: 'block'; id: number; rows: RawRow[] }
  | { t: 'end'; id: number; encoding?: string; notes: string[] }
  | { t: 'error'; id: number | null; error: SerialError };
