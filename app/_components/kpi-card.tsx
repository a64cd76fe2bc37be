import { formatChange, formatNumber } from '@/lib/format';

const COLORS = { up: 'text-emerald-700', down: 'text-red-700', same: 'text-tremor-content', none: 'text-tremor-content' } as const;
const ARROWS = { up: '▲', down: '▼', same: '■', none: '' } as const;

/** A KPI with its change against the previous comparable period, in one short line. */
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
  const change = formatChange(value, previous, props.previousLabel, props.digits);
  return (
    <div className="break-inside-avoid rounded-tremor-default border border-tremor-border bg-white p-4 shadow-tremor-card" data-testid={props.testId}>
      <p className="text-sm text-tremor-content">{props.label}</p>
      <p className="mt-1 text-2xl font-semibold text-tremor-content-strong" data-value={value ?? ''}>
        {formatNumber(value, props.digits)}
      </p>
      <p
        className={`mt-1 text-xs ${COLORS[change.direction]}`}
        data-previous={previous ?? ''}
        title={previous !== null ? `${props.previousLabel}: ${formatNumber(previous, props.digits)}` : undefined}
      >
        {ARROWS[change.direction] && <span aria-hidden="true">{ARROWS[change.direction]} </span>}
        {change.text}
      </p>
      {props.hint && <p className="mt-1 text-xs text-tremor-content-subtle">{props.hint}</p>}
    </div>
  );
}
