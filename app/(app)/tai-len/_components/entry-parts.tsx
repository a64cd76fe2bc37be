'use client';

import {
  AWARD_KIND_LABELS,
  AWARD_LEVEL_LABELS,
  CHANNEL_LABELS,
  EXEMPLAR_KIND_LABELS,
  CRITERION_KIND_LABELS,
  RECIPIENT_TYPE_LABELS,
  UNIT_KIND_LABELS,
} from '@/lib/domain';
import { formatDate, formatNumber } from '@/lib/format';
import type { ImportIssue } from '@/lib/import/types';

/** Pieces of a file's card: cells as people read them, progress bars, the issue table. */

const VALUE_LABELS: Record<string, Record<string, string>> = {
  channel: CHANNEL_LABELS,
  exemplar_kind: EXEMPLAR_KIND_LABELS,
  recipient_type: RECIPIENT_TYPE_LABELS,
  award_kind: AWARD_KIND_LABELS,
  award_level: AWARD_LEVEL_LABELS,
  criterion_kind: CRITERION_KIND_LABELS,
  unit_kind: UNIT_KIND_LABELS,
};

export function cellText(v: unknown, key?: string): string {
  if (v === null || v === undefined || v === '') return '';
  if (key && typeof v === 'string' && VALUE_LABELS[key]?.[v]) return VALUE_LABELS[key][v];
  if (key === 'row' || key === 'year' || key === 'award_year') return String(v);
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  return String(v);
}

export function Bar({ value, label, tone = 'blue' }: { value: number | null; label: string; tone?: 'blue' | 'emerald' }) {
  const pct = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="mt-2">
      <div className="flex justify-between text-xs text-tremor-content">
        <span>{label}</span>
        {pct !== null && <span>{pct}%</span>}
      </div>
      <div
        className="mt-1 h-2 overflow-hidden rounded-full bg-gray-200"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
      >
        <div
          className={`h-full rounded-full ${tone === 'emerald' ? 'bg-emerald-500' : 'bg-blue-600'} ${pct === null ? 'w-1/3 animate-pulse' : ''}`}
          style={pct === null ? undefined : { width: `${pct}%` }}
        />
      </div>
    </div>
  );
}

export function IssueTable({ issues, kind }: { issues: ImportIssue[]; kind: 'error' | 'warning' }) {
  const shown = issues.slice(0, 200);
  return (
    <div className="mt-2 max-h-96 overflow-auto rounded-md ring-1 ring-tremor-ring">
      <table className="min-w-full text-sm" data-testid={kind === 'error' ? 'error-table' : 'warning-table'}>
        <thead className="sticky top-0 bg-gray-50 text-left text-xs uppercase text-tremor-content">
          <tr>
            <th className="px-3 py-2">Dòng</th>
            <th className="px-3 py-2">Cột</th>
            <th className="px-3 py-2">{kind === 'error' ? 'Lỗi và cách sửa' : 'Cảnh báo'}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {shown.map((i, n) => (
            <tr key={n} className={kind === 'error' ? 'bg-red-50/40' : 'bg-amber-50/40'}>
              <td className="whitespace-nowrap px-3 py-1.5 tabular-nums">{i.row ?? '–'}</td>
              <td className="px-3 py-1.5">{i.column ?? '–'}</td>
              <td className="px-3 py-1.5">{i.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {issues.length > shown.length && (
        <p className="px-3 py-2 text-xs text-tremor-content">… và {formatNumber(issues.length - shown.length)} mục khác (xem đủ trong bản đánh dấu lỗi).</p>
      )}
    </div>
  );
}

