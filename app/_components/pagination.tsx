import Link from 'next/link';
import { formatNumber } from '@/lib/format';

/** Previous / next links that keep every other search param; `noun` names what is counted. */
export function Pagination({
  page,
  pages,
  total,
  pageSize,
  noun = 'dòng',
  hrefFor,
}: {
  page: number;
  pages: number;
  total: number;
  pageSize: number;
  noun?: string;
  hrefFor: (page: number) => string;
}) {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const link = 'rounded-tremor-small border border-tremor-border px-3 py-1.5 hover:bg-tremor-background-subtle focus:outline-none focus:ring-2 focus:ring-tremor-brand';
  return (
    <nav aria-label="Phân trang" className="no-print mt-3 flex flex-wrap items-center justify-between gap-2 text-sm">
      <p className="text-tremor-content" data-testid="page-info">
        {formatNumber(from)}–{formatNumber(to)} / {formatNumber(total)} {noun} · trang {formatNumber(page)}/{formatNumber(pages)}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={link} href={hrefFor(page - 1)} rel="prev">
            ← Trang trước
          </Link>
        ) : null}
        {page < pages ? (
          <Link className={link} href={hrefFor(page + 1)} rel="next">
            Trang sau →
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

/** A column header that sorts by its key; a second click flips the direction. */
export function SortHeader({ label, sortKey, current, dir, hrefFor }: { label: string; sortKey: string; current: string; dir: 'asc' | 'desc'; hrefFor: (sort: string, dir: 'asc' | 'desc') => string }) {
  const active = current === sortKey;
  const nextDir = active && dir === 'asc' ? 'desc' : active ? 'asc' : 'asc';
  return (
    <Link href={hrefFor(sortKey, nextDir)} className="inline-flex items-center gap-1 hover:underline" aria-sort={undefined}>
      {label}
      {active && <span aria-label={dir === 'asc' ? 'tăng dần' : 'giảm dần'}>{dir === 'asc' ? '↑' : '↓'}</span>}
    </Link>
  );
}
