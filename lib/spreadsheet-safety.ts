/**
 * Cells that start with = + - @ (or a tab / carriage return) are run as formulas by Excel and
 * LibreOffice when a CSV or XLSX is opened. Every exported text value passes through here.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Same, for any cell value: numbers and dates pass unchanged. */
export function safeCell<T>(value: T): T | string {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}
