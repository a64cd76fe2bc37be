/** vi-VN formatting for pages, documents and exports: 1.234,5 and 20/12/2022. */

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

export function formatNumber(n: number | null | undefined, digits?: number): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  if (digits !== undefined) {
    return new Intl.NumberFormat('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
  }
  return Number.isInteger(n) ? integer.format(n) : decimal.format(n);
}

/** 0.125 → "12,5%". */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  return percent.format(ratio);
}

/** Signed change: "+12", "−3,5" (true minus sign). */
export function formatDelta(n: number | null | undefined, digits?: number): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  const s = formatNumber(Math.abs(n), digits);
  return n > 0 ? `+${s}` : n < 0 ? `−${s}` : s;
}

/** `yyyy-MM-dd` (or a Date) → `dd/MM/yyyy`, without time-zone drift. */
export function formatDate(d: string | Date | null | undefined): string {
  if (!d) return '–';
  if (d instanceof Date) {
    return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : d;
}

/** Timestamp → `dd/MM/yyyy HH:mm` in the server's zone (Asia/Ho_Chi_Minh in production). */
export function formatDateTime(d: string | Date | null | undefined): string {
  if (!d) return '–';
  const date = d instanceof Date ? d : new Date(d.includes('T') || d.includes('Z') ? d : d.replace(' ', 'T'));
  if (Number.isNaN(date.getTime())) return String(d);
  const hh = String(date.getHours()).padStart(2, '0');
  const mm = String(date.getMinutes()).padStart(2, '0');
  return `${formatDate(date)} ${hh}:${mm}`;
}
