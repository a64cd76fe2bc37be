import type { ImportIssue } from '@/lib/import/types';

/** Collects every problem (never stops at the first), capped so a hostile file stays bounded. */
const MAX_ISSUES = 1000;

export class IssueLog {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  private droppedErrors = 0;
  private droppedWarnings = 0;

  error(row: number | null, column: string | null, message: string, code?: string): void {
    if (this.errors.length >= MAX_ISSUES) this.droppedErrors++;
    else this.errors.push({ row, column, message: prefix(row, column) + message, severity: 'error', code });
  }

  warning(row: number | null, column: string | null, message: string, code?: string): void {
    if (this.warnings.length >= MAX_ISSUES) this.droppedWarnings++;
    else this.warnings.push({ row, column, message: prefix(row, column) + message, severity: 'warning', code });
  }

  /** Errors counted but not listed (a set-based check that found more than it reports). */
  moreErrors(n: number): void {
    if (n > 0) this.droppedErrors += n;
  }

  get errorCount(): number {
    return this.errors.length + this.droppedErrors;
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  /**
   * The errors in row order (file-level ones first; checks over the whole file, such as duplicate
   * rows, come in last), with a final "… và N lỗi khác" when capped.
   */
  finalErrors(): ImportIssue[] {
    const sorted = [...this.errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    return this.droppedErrors
      ? [...sorted, { row: null, column: null, message: `… và ${this.droppedErrors.toLocaleString('vi-VN')} lỗi khác.`, severity: 'error', code: 'more' }]
      : sorted;
  }

  finalWarnings(): ImportIssue[] {
    return this.droppedWarnings
      ? [...this.warnings, { row: null, column: null, message: `… và ${this.droppedWarnings.toLocaleString('vi-VN')} cảnh báo khác.`, severity: 'warning', code: 'more' }]
      : this.warnings;
  }
}

function prefix(row: number | null, column: string | null): string {
  if (row !== null && column) return `Dòng ${row}, cột «${column}»: `;
  if (row !== null) return `Dòng ${row}: `;
  if (column) return `Cột «${column}»: `;
  return '';
}
