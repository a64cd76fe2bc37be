import { formatNumber } from '@/lib/format';
import { api } from '@/lib/routes';

export const EXPORT_MAX_ROWS = 100_000;

/** CSV / XLSX of what the list shows (every page of the current filter and sort). */
export function ExportLinks({ dataset, search, total }: { dataset: 'activities' | 'awards'; search: string; total: number }) {
  if (total === 0) return null;
  const sep = search ? '&' : '?';
  const cls = 'rounded-tremor-small border border-tremor-border px-3 py-1 text-sm hover:bg-tremor-background-subtle focus:outline-none focus:ring-2 focus:ring-tremor-brand';
  return (
    <div className="no-print flex items-center gap-2 text-sm">
      <span className="text-tremor-content">Xuất:</span>
      <a className={cls} href={`${api.export(dataset)}${search}${sep}format=csv`} download data-testid="export-csv">
        CSV
      </a>
      <a className={cls} href={`${api.export(dataset)}${search}${sep}format=xlsx`} download data-testid="export-xlsx">
        Excel
      </a>
      {total > EXPORT_MAX_ROWS && <span className="text-xs text-amber-800">(tối đa {formatNumber(EXPORT_MAX_ROWS)} dòng đầu)</span>}
    </div>
  );
}
