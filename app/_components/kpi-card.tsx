import { formatDelta, formatNumber, formatPercent } from '@/lib/format';

/** A KPI with its change against the previous comparable period (absolute and %). */
export function KpiCard(props: {
  label: string;
  value: number | null;
  previous: number | null;
  digits?: number;
  hint?: React.ReactNode;
  previousLabel: string;
  testId?: string;
}) {
  const { value, previous } = props;
  const abs = value !== null && previous !== null ? value - previous : null;
  const rel = abs !== null && previous ? abs / previous : null;
  const color = abs === null || abs === 0 ? 'text-tremor-content' : abs > 0 ? 'text-emerald-700' : 'text-red-700';
  return (
    <div className="break-inside-avoid rounded-tremor-default border border-tremor-border bg-white p-4 shadow-tremor-card" data-testid={props.testId}>
      <p className="text-sm text-tremor-content">{props.label}</p>
      <p className="mt-1 text-2xl font-semibold text-tremor-content-strong" data-value={value ?? ''}>
        {formatNumber(value, props.digits)}
      </p>
      <p className={`mt-1 text-xs ${color}`}>
        {abs === null ? (
          <>Không có số liệu {props.previousLabel} để so sánh</>
        ) : (
          <>
            <span aria-hidden="true">{abs > 0 ? '▲' : abs < 0 ? '▼' : '■'}</span> {formatDelta(abs, props.digits)}
            {rel !== null ? ` (${rel > 0 ? '+' : rel < 0 ? '−' : ''}${formatPercent(Math.abs(rel))})` : previous === 0 && abs !== 0 ? ' (kỳ trước bằng 0)' : ''}{' '}
            <span className="text-tremor-content">so với {props.previousLabel} ({formatNumber(previous, props.digits)})</span>
          </>
        )}
      </p>
      {props.hint && <p className="mt-1 text-xs text-tremor-content-subtle">{props.hint}</p>}
    </div>
  );
}
