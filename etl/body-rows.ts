import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportOptions, RawRow } from '@/lib/import/types';
import { distinctTexts, isBlankRow, markRow, rowHasSectionLead, sectionRecipientType } from '@/etl/detect/rows';
import type { DetectedTable } from '@/etl/detect/table';
import type { DatasetProcessor } from '@/etl/datasets/types';
import { BULK_TABLE, type SheetPick } from './choose-table';

/** The table's body, row by row to the dataset's processor (the pipeline's read stage). */

/** Blank, total, section and signature lines are handled here; the other rows go to the dataset. */
export class BodyRows {
  /** Rows given to the dataset. */
  seen = 0;
  /** A signature line ended the table: the rows below it are not data. */
  ended = false;

  constructor(
    private readonly processor: DatasetProcessor,
    private readonly onProgress: ImportOptions['onProgress'],
  ) {}

  /** One body row; true once a signature ended the table. */
  readonly handle = (row: RawRow): boolean => {
    if (this.ended) return true;
    const cells = row.cells;
    if (isBlankRow(cells)) return false;
    const texts = distinctTexts(cells);
    const mark = markRow(texts);
    if (mark === 'signature') {
      this.ended = true;
      return true;
    }
    const processor = this.processor;
    if (!processor.rawRows) {
      if (mark === 'subtotal') return false;
      if (texts.length <= 2 && (sectionRecipientType(texts.at(-1)!) || rowHasSectionLead(texts))) {
        // Section rows: "I. TẬP THỂ" sets the recipient type of the rows below (awards).
        if (!processor.onSection || processor.onSection(row, texts)) return false;
      }
    }
    processor.onRow(row);
    this.seen++;
    if (this.onProgress && this.seen % 50_000 === 0) this.onProgress({ phase: 'read', done: this.seen });
    return false;
  };

  /**
   * Streams the body: the rows peeked below the header, then the body DuckDB loaded (a plain
   * CSV, `bulkTable`) or the rest of the sheet. The reader may throw FileRejectedError.
   */
  async read(
    conn: DuckDBConnection,
    source: { pick: SheetPick; table: DetectedTable; bulkTable: { width: number; rows: number } | null },
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const { pick, table, bulkTable } = source;
    for (let i = table.bodyIndex; i < pick.head.length; i++) this.handle(pick.head[i]);
    if (bulkTable) {
      const fromRow = (pick.head.at(-1)?.rowNumber ?? 0) + 1;
      if (!this.ended) await this.processor.loadBulk!({ table: BULK_TABLE, ...bulkTable, fromRow }, this.handle);
      await conn.run(`DROP TABLE IF EXISTS temp.${BULK_TABLE}`);
    } else if (!pick.done) {
      for (;;) {
        if (signal?.aborted) throw new Error('Đã hủy việc nhập tệp.');
        const r = await pick.iterator.next();
        if (r.done) break;
        this.handle(r.value);
      }
    }
  }
}
