import Link from 'next/link';
import { Suspense } from 'react';
import type { Metadata } from 'next';
import { DataTable } from '@/app/_components/chart-figure';
import { EmptyState, NoRows } from '@/app/_components/empty-state';
import { FilterBar } from '@/app/_components/filter-bar';
import { Notices } from '@/app/_components/notices';
import { Pagination, SortHeader } from '@/app/_components/pagination';
import { PageTitle, Skeleton } from '@/app/_components/section';
import { ExportLinks } from '@/app/_components/export-links';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { CHANNEL_LABELS, EXEMPLAR_KIND_LABELS, type Channel, type ExemplarKind } from '@/lib/domain';
import { activitySearch, parseActivityListFilters, type ActivityListFilters } from '@/lib/filters/lists';
import { formatDate, formatNumber } from '@/lib/format';
import { periodLabel } from '@/lib/periods';
import { listContext } from '@/lib/queries/list-context';
import { listActivities } from '@/lib/queries/lists';
import { routes, type SearchParams, withQuery } from '@/lib/routes';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Hoạt động tuyên truyền' };

/** Hoạt động: search (accent-insensitive), filter, sort, paginate, export. */
export default async function ActivitiesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser();
  const sp = await searchParams;
  const { filters: f, notices } = parseActivityListFilters(sp);
  const ctx = await listContext(sp);
  if (ctx.extent.activities === 0) {
    return (
      <>
        <PageTitle title="Hoạt động tuyên truyền" />
        <EmptyState title="Chưa có hoạt động tuyên truyền nào">
          <p>Tải lên danh sách hoạt động (bài viết trên cổng thông tin, hội nghị, cuộc thi…) của các phòng để xem ở đây.</p>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageTitle title="Hoạt động tuyên truyền" subtitle={f.period ? periodLabel(f.period) : 'Mọi kỳ'} />
      <FilterBar
        action={routes.activities}
        values={{ q: f.q, period: f.period?.id ?? '', bloc: f.bloc, unit: f.unit, movement: f.movement, channel: f.channel }}
        years={ctx.years}
        blocs={ctx.blocs}
        units={ctx.units}
        movements={ctx.movements}
        show={{ q: true, period: true, allPeriods: true, bloc: true, unit: true, movement: true, channel: true }}
        hidden={{ sort: f.sort === 'date' ? null : f.sort, dir: f.dir, size: f.pageSize === 25 ? null : String(f.pageSize) }}
      />
      <Notices items={notices} />
      <Suspense key={JSON.stringify(f)} fallback={<div className="mt-4"><Skeleton title="Danh sách hoạt động" height="h-96" /></div>}>
        <ActivityTable f={f} />
      </Suspense>
    </>
  );
}

async function ActivityTable({ f }: { f: ActivityListFilters }) {
  const page = await listActivities(await getDb(), f);
  const head = (label: string, key: string) => (
    <SortHeader label={label} sortKey={key} current={f.sort} dir={f.dir} hrefFor={(s, d) => `${routes.activities}${activitySearch(f, { sort: s, dir: d, page: null })}`} />
  );
  return (
    <section aria-label="Danh sách hoạt động" className="mt-4 rounded-tremor-default border border-tremor-border bg-white p-4 shadow-tremor-card">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-tremor-content" data-testid="total">
          {formatNumber(page.total)} hoạt động{f.q ? ` khớp “${f.q}”` : ''}
        </p>
        <ExportLinks dataset="activities" search={activitySearch(f, { page: null })} total={page.total} />
      </div>
      {page.total === 0 ? (
        <NoRows resetHref={routes.activities} />
      ) : (
        <>
          <DataTable
            testId="activity-table"
            caption="Danh sách hoạt động tuyên truyền"
            columns={[head('Ngày', 'date'), head('Đơn vị', 'unit'), head('Kênh', 'channel'), head('Nội dung', 'title'), head('Tham gia', 'participants'), 'Lượt xem']}
            numeric={[4, 5]}
            rows={page.rows.map((r) => [
              formatDate(r.activity_date),
              r.unit_id !== null ? (
                <Link key="u" href={withQuery(routes.unit(r.unit_id), { period: f.period?.id })} className="text-tremor-brand-emphasis underline">
                  {r.unit_name}
                </Link>
              ) : (
                <span key="u">
                  {r.unit_name} <span className="text-xs text-amber-700">(chưa khớp)</span>
                </span>
              ),
              CHANNEL_LABELS[r.channel as Channel] ?? r.channel,
              <span key="t">
                {r.title}
                {r.exemplar && (
                  <span className="block text-xs text-tremor-content">
                    {r.exemplar_kind ? EXEMPLAR_KIND_LABELS[r.exemplar_kind as ExemplarKind] : 'Điển hình'}: {r.exemplar}
                    {r.exemplar_proposed ? ' — đề nghị Hội đồng TĐKT tỉnh' : ''}
                  </span>
                )}
              </span>,
              formatNumber(r.participants),
              r.reach === null ? '' : formatNumber(r.reach),
            ])}
          />
          <Pagination page={page.page} pages={page.pages} total={page.total} pageSize={page.pageSize} hrefFor={(p) => `${routes.activities}${activitySearch(f, { page: p === 1 ? null : p })}`} />
        </>
      )}
    </section>
  );
}
