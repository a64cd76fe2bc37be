import type { DuckDBConnection } from '@duckdb/node-api';
import type { RawRow } from '@/etl/types';
import type { DatasetContext, DatasetProcessor, LoadOutcome } from './types';

export class ScoresProcessor implements DatasetProcessor {
  readonly dataset = 'scores' as const;
  constructor(private ctx: DatasetContext) {}
  get rowCount(): number {
    return 0;
  }
  onRow(row: RawRow): void {
    this.ctx.issues.error(row.rowNumber, null, 'chưa hỗ trợ.');
  }
  async finish(_conn: DuckDBConnection): Promise<void> {}
  preview(): Record<string, unknown>[] {
    return [];
  }
  async load(): Promise<LoadOutcome> {
    return { loaded: 0, skipped: 0 };
  }
}
