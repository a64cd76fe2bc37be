import type { DuckDBConnection } from '@duckdb/node-api';
import type { RawRow } from '@/lib/import/types';
import type { Dataset } from '@/lib/domain';
import type { DetectedTable } from '@/etl/detect/table';
import type { IssueLog } from '@/etl/normalise/issues';
import type { UnitResolver } from '@/lib/units/resolve';
import type { Period } from '@/lib/periods';

/** What a dataset module needs from the pipeline. */
export interface DatasetContext {
  table: DetectedTable;
  issues: IssueLog;
  units: UnitResolver;
  /** From --period or the title rows (null when neither). */
  period: Period | null;
  /** From --bloc or the title rows (raw name). */
  blocName: string | null;
  titleLines: string[];
  /** Header text of the column mapped to a field (for messages). */
  columnName(field: string): string;
}

export interface LoadOutcome {
  loaded: number;
  skipped: number;
  /** Resolved period / bloc recorded on the batch row (scores). */
  period?: string | null;
  blocId?: number | null;
}

/** A file body DuckDB loaded itself: VARCHAR columns c0 … c{width-1}, rowid + 1 = row number. */
export interface BulkBody {
  table: string;
  width: number;
  /** Rows in the table (the whole file). */
  rows: number;
  /** First row number of the body not yet seen by onRow. */
  fromRow: number;
}

/** The pipeline's row handling (blank, section, total and signature lines, then onRow); true once a signature has ended the table. */
export type RowHandler = (row: RawRow) => boolean;

/** One module per dataset: takes data rows, validates them, loads them in the open transaction. */
export interface DatasetProcessor {
  readonly dataset: Dataset;
  /** When true, section and subtotal rows come through onRow too (score sheets need them). */
  readonly rawRows?: boolean;
  /** A section row ("I. TẬP THỂ"); return true when it was used. */
  onSection?(row: RawRow, texts: string[]): boolean;
  /** Before the first row, on the connection the whole import runs on (finish and load too). */
  begin?(conn: DuckDBConnection): Promise<void>;
  onRow(row: RawRow): void;
  /** Takes the rest of the body from a table DuckDB loaded, when the dataset supports it. */
  loadBulk?(body: BulkBody, handle: RowHandler): Promise<void>;
  /** Cross-row checks once every row is in (may query the database, read only). */
  finish(conn: DuckDBConnection): Promise<void>;
  readonly rowCount: number;
  preview(n: number): Record<string, unknown>[];
  /** Period / bloc the file turned out to hold (reported back to the caller). */
  resolvedPeriod?(): string | null;
  resolvedBloc?(): string | null;
  load(conn: DuckDBConnection, batchId: number): Promise<LoadOutcome>;
}
