import type { ImportIssue } from '@/lib/import/types';
import { isUnitProblem, unitNameInMessage, unitNamesSuggested } from './messages';

/**
 * Errors and warnings grouped by cause, for people: one line per unknown unit name with the rows
 * it is on, not one copy per row. The upload preview and the CLI's human output both use it;
 * the CLI's JSON keeps one entry per row.
 */
export interface IssueGroup {
  code: string | null;
  /** Unit problems: the name as written. */
  unitName: string | null;
  /** Unit problems: the candidates (ambiguous) or suggestions (unknown). */
  names: string[];
  rows: number[];
  columns: string[];
  count: number;
  /** One line, Vietnamese. */
  line: string;
}

const PREFIX = /^(Dòng \d+(, cột «[^»]*»)?|Cột «[^»]*»): /;

function capitalise(s: string): string {
  return s ? s[0].toLocaleUpperCase('vi') + s.slice(1) : s;
}

/** "4, 9, 15–20": runs of three or more rows written as a range. */
export function rowRanges(rows: number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i].toLocaleString('vi-VN')}–${sorted[j].toLocaleString('vi-VN')}`);
    else for (let k = i; k <= j; k++) parts.push(sorted[k].toLocaleString('vi-VN'));
    i = j + 1;
  }
  return parts.join(', ');
}

export function groupIssues(issues: ImportIssue[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup & { text: string }>();
  for (const i of issues) {
    const text = i.message.replace(PREFIX, '');
    const unitName = isUnitProblem(i.code) ? unitNameInMessage(i.message) : null;
    const key = unitName ? `${i.code}\u0000${unitName}` : `${i.code ?? ''}\u0000${text}`;
    let g = groups.get(key);
    if (!g) {
      g = { code: i.code ?? null, unitName, names: unitName ? unitNamesSuggested(i.message) : [], rows: [], columns: [], count: 0, line: '', text };
      groups.set(key, g);
    }
    g.count++;
    if (i.row !== null) g.rows.push(i.row);
    if (i.column && !g.columns.includes(i.column)) g.columns.push(i.column);
  }
  return [...groups.values()].map(({ text, ...g }) => ({ ...g, line: lineOf(g, text) }));
}

function lineOf(g: IssueGroup, text: string): string {
  const where = g.rows.length
    ? ` (dòng ${rowRanges(g.rows)})`
    : g.columns.length
      ? ` (cột ${g.columns.map((c) => `«${c}»`).join(', ')})`
      : '';
  const list = g.names.map((n) => `«${n}»`).join(', ');
  if (g.code === 'unit_unknown' && g.unitName) return `Không tìm thấy đơn vị «${g.unitName}»${where}${list ? ` — gợi ý: ${list}` : ''}`;
  if (g.code === 'unit_ambiguous' && g.unitName) return `Tên đơn vị «${g.unitName}» khớp với nhiều đơn vị${where}: ${list}`;
  return `${capitalise(text)}${where}`;
}
