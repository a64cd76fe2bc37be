import type { ImportIssue } from '@/etl/types';

/** Collects every problem (never stops at the first), capped so a hostile file stays bounded. */
export const MAX_ISSUES = 1000;

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

  get errorCount(): number {
    return this.errors.length + this.droppedErrors;
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  /** The lists with a final "… và N lỗi khác" when capped. */
  finalErrors(): ImportIssue[] {
    return this.droppedErrors
      ? [...this.errors, { row: null, column: null, message: `… và ${this.droppedErrors.toLocaleString('vi-VN')} lỗi khác.`, severity: 'error', code: 'more' }]
      : this.errors;
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
