import Link from 'next/link';
import { Suspense } from 'react';
import type { Metadata } from 'next';
import { DataTable } from '@/app/_components/chart-figure';
import { EmptyState, NoRows } from '@/app/_components/empty-state';
import { ExportLinks } from '@/app/_components/export-links';
import { ExtraSelect, FilterBar } from '@/app/_components/filter-bar';
import { Notices } from '@/app/_components/notices';
import { Pagination, SortHeader } from '@/app/_components/pagination';
import { PageTitle, Skeleton } from '@/app/_components/section';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import {
  AWARD_KINDS,
  AWARD_KIND_LABELS,
  AWARD_LEVELS,
  AWARD_LEVEL_LABELS,
  RECIPIENT_TYPES,
  RECIPIENT_TYPE_LABELS,
  type AwardKind,
  type AwardLevel,
  type RecipientType,
} from '@/lib/domain';
import { awardSearch, parseAwardListFilters, type AwardListFilters } from '@/lib/filters/lists';
import { formatDate, formatNumber } from '@/lib/format';
import { periodLabel } from '@/lib/periods';
import { listContext } from '@/lib/queries/list-context';
import { listAwards } from '@/lib/queries/lists';
import { routes, type SearchParams, withQuery } from '@/lib/routes';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Khen thưởng' };

/** Khen thưởng: search (accent-insensitive), filter, sort, paginate, export. */
export default async function AwardsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser();
  const sp = await searchParams;
  const { filters: f, notices } = parseAwardListFilters(sp);
  const ctx = await listContext(sp);
  if (ctx.extent.awards === 0) {
    return (
      <>
        <PageTitle title="Khen thưởng" />
        <EmptyState title="Chưa có danh sách khen thưởng nào">
          <p>Tải lên các danh sách khen thưởng (danh hiệu thi đua, hình thức khen thưởng) kèm số và ngày quyết định để xem ở đây.</p>
        </EmptyState>
      </>
    );
  }
  const periodNote = f.period && f.period.grain !== 'year' ? ' · kỳ không trọn năm lọc theo ngày quyết định' : '';
  return (
    <>
      <PageTitle title="Khen thưởng" subtitle={`${f.period ? periodLabel(f.period) : 'Mọi kỳ'}${periodNote}`} />
      <FilterBar
        action={routes.awards}
        values={{ q: f.q, period: f.period?.id ?? '', bloc: f.bloc, unit: f.unit, movement: f.movement }}
        years={ctx.years}
        blocs={ctx.blocs}
        units={ctx.units}
        movements={ctx.movements}
        show={{ q: true, period: true, allPeriods: true, bloc: true, unit: true, movement: true }}
        hidden={{ sort: f.sort === 'date' ? null : f.sort, dir: f.dir, size: f.pageSize === 25 ? null : String(f.pageSize) }}
        extra={
          <>
            <ExtraSelect label="Loại" name="kind" value={f.kind} allLabel="Tất cả loại" options={AWARD_KINDS.map((k) => ({ value: k, label: AWARD_KIND_LABELS[k] }))} />
            <ExtraSelect label="Cấp khen" name="level" value={f.level} allLabel="Tất cả cấp" options={AWARD_LEVELS.map((k) => ({ value: k, label: AWARD_LEVEL_LABELS[k] }))} />
            <ExtraSelect label="Đối tượng" name="recipient" value={f.recipientType} allLabel="Tất cả đối tượng" options={RECIPIENT_TYPES.map((k) => ({ value: k, label: RECIPIENT_TYPE_LABELS[k] }))} />
          </>
        }
      />
      <Notices items={notices} />
      <Suspense key={JSON.stringify(f)} fallback={<div className="mt-4"><Skeleton title="Danh sách khen thưởng" height="h-96" /></div>}>
        <AwardTable f={f} />
      </Suspense>
    </>
  );
}

async function AwardTable({ f }: { f: AwardListFilters }) {
  const page = await listAwards(await getDb(), f);
  const head = (label: string, key: string) => (
    <SortHeader label={label} sortKey={key} current={f.sort} dir={f.dir} hrefFor={(s, d) => `${routes.awards}${awardSearch(f, { sort: s, dir: d, page: null })}`} />
  );
  return (
    <section aria-label="Danh sách khen thưởng" className="mt-4 rounded-tremor-default border border-tremor-border bg-white p-4 shadow-tremor-card">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-tremor-content" data-testid="total">
          {formatNumber(page.total)} lượt khen thưởng{f.q ? ` khớp “${f.q}”` : ''}
        </p>
        <ExportLinks dataset="awards" search={awardSearch(f, { page: null })} total={page.total} />
      </div>
      {page.total === 0 ? (
        <NoRows resetHref={routes.awards} />
      ) : (
        <>
          <DataTable
            testId="award-table"
            caption="Danh sách khen thưởng"
            columns={[head('Người / tập thể', 'name'), head('Đơn vị', 'unit'), head('Hình thức, danh hiệu', 'award'), head('Cấp', 'level'), head('Số quyết định', 'decision'), head('Ngày', 'date'), head('Năm', 'year')]}
            numeric={[6]}
            rows={page.rows.map((r) => [
              <span key="n">
                {r.recipient_name}
                <span className="block text-xs text-tremor-content">{RECIPIENT_TYPE_LABELS[r.recipient_type as RecipientType] ?? r.recipient_type}</span>
              </span>,
              r.unit_id !== null ? (
                <Link key="u" href={withQuery(routes.unit(r.unit_id), { period: r.award_year })} className="text-tremor-brand-emphasis underline">
                  {r.unit_name}
                </Link>
              ) : (
                <span key="u">
                  {r.unit_name ?? '–'} {r.unit_name && <span className="text-xs text-amber-700">(chưa khớp)</span>}
                </span>
              ),
              <span key="a">
                {r.award_name}
                <span className="block text-xs text-tremor-content">{AWARD_KIND_LABELS[r.award_kind as AwardKind] ?? r.award_kind}</span>
              </span>,
              r.award_level ? AWARD_LEVEL_LABELS[r.award_level as AwardLevel] : '–',
              r.decision_no ?? '–',
              formatDate(r.decision_date),
              String(r.award_year),
            ])}
          />
          <Pagination page={page.page} pages={page.pages} total={page.total} pageSize={page.pageSize} hrefFor={(p) => `${routes.awards}${awardSearch(f, { page: p === 1 ? null : p })}`} />
        </>
      )}
    </section>
  );
}
