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

/**
 * The change of a KPI against the previous period in a few words: «+120 (+12,5%) so với năm
 * 2021»; without a percentage when the previous value is 0; «bằng năm 2021» when unchanged;
 * «chưa có số liệu năm 2021» when there is nothing to compare with.
 */
export function formatChange(value: number | null, previous: number | null, previousLabel: string, digits?: number): { text: string; direction: 'up' | 'down' | 'same' | 'none' } {
  const label = previousLabel.charAt(0).toLocaleLowerCase('vi-VN') + previousLabel.slice(1);
  if (value === null || previous === null) return { text: `chưa có số liệu ${label} để so sánh`, direction: 'none' };
  const abs = value - previous;
  if (abs === 0) return { text: `bằng ${label}`, direction: 'same' };
  const rel = previous !== 0 ? ` (${abs > 0 ? '+' : '−'}${formatPercent(Math.abs(abs / previous))})` : '';
  return { text: `${formatDelta(abs, digits)}${rel} so với ${label}`, direction: abs > 0 ? 'up' : 'down' };
}

/**
 * A category label that fits one line of a chart axis (about `max` characters at 12 px in the
 * 160 px axis): cut at a word boundary with «…». The full name stays in the chart's table.
 */
export function chartLabel(label: string, max = 26): string {
  const s = label.replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  // A cut right before a space ends a whole word already.
  const space = s[max - 1] === ' ' ? cut.length : cut.lastIndexOf(' ');
  return `${(space >= max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}
