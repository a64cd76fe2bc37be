import type { Dataset } from '@/lib/domain';
import type { UnitReading } from '@/lib/units/resolve';
import type { ParseLimits } from '@/lib/env';

/**
 * The contract between the import pipeline and its two callers (the CLI and the upload page).
 * Implemented by etl/pipeline.ts.
 */

/** A cell as read from a spreadsheet. Formulas are never evaluated: their cached value or text. */
export type Cell = string | number | boolean | Date | null;

export interface RawRow {
  /** Row number as a person sees it in the spreadsheet (1-based, counting title rows). */
  rowNumber: number;
  cells: Cell[];
}

export interface ImportIssue {
  /** Spreadsheet row number as a person sees it; null for file-level problems. */
  row: number | null;
  /** Column as the file names it (header text) or its letter; null for row/file-level problems. */
  column: string | null;
  /** Vietnamese, saying what is wrong and how to fix it. */
  message: string;
  severity: 'error' | 'warning';
  code?: string;
}

export interface HeaderMapping {
  /** Column letter (A, B, …) in the chosen sheet. */
  column: string;
  /** Header text found in the file (both merged header rows joined). */
  header: string;
  /** Target field of the dataset, or null when ignored. */
  field: string | null;
}

export interface ImportOptions {
  fileName: string;
  /** Who imports (user name or 'cli'). */
  importedBy: string;
  dataset?: Dataset;
  period?: string;
  bloc?: string;
  sheet?: string;
  dryRun?: boolean;
  /** Corrections from the upload page: column letter → field (or null to ignore the column). */
  headerOverrides?: Record<string, string | null>;
  /** Where to keep a copy of the original file for audit and re-import (upload page). */
  storeOriginalDir?: string;
  onProgress?: (p: { phase: 'read' | 'validate' | 'load'; done: number; total?: number }) => void;
  signal?: AbortSignal;
  /** What the caller knows of the file (CLI --size/--sha256, as the upload's Content-Length and hash): a mismatch refuses it. */
  expected?: { size?: number; sha256?: string };
  /** Bounds of the worker thread that parses the file (default: the THIDUA_PARSE_* settings). */
  parseLimits?: ParseLimits;
}

export interface ImportResult {
  /** 'validated' only for a dry run that found no error. */
  status: 'loaded' | 'rejected' | 'duplicate' | 'validated';
  dataset: Dataset | null;
  batchId: number | null;
  rowsLoaded: number;
  /** Rows already present from another batch (not counted twice). */
  rowsSkipped: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  sheet: string | null;
  period: string | null;
  bloc: string | null;
  headerMapping: HeaderMapping[];
  /** First rows as they will be stored (for the upload preview). */
  preview: Record<string, unknown>[];
  /**
   * Unit names not written as in the catalogue and how each was read (text → unit, rule). Kept
   * with the batch; the CLI's --json prints it as an extra field.
   */
  unitReadings?: UnitReading[];
  /** For 'duplicate': the batch that already holds this file. */
  duplicateOf?: number;
  sha256: string;
}
