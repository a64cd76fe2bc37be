import { Suspense } from 'react';
import type { Metadata } from 'next';
import { EmptyState } from '@/app/_components/empty-state';
import { FilterBar } from '@/app/_components/filter-bar';
import { Notices } from '@/app/_components/notices';
import { AwardsSection, BlocRankingSection, BreakdownSection, TrendSection } from '@/app/_components/overview/charts-section';
import { KpiSection } from '@/app/_components/overview/kpi-section';
import { PageTitle, Skeleton } from '@/app/_components/section';
import { requireUser } from '@/lib/auth/dal';
import { todayIso } from '@/lib/filters/today';
import { periodLabel } from '@/lib/periods';
import { dashboardContext } from '@/lib/queries/page-context';
import { routes, type SearchParams } from '@/lib/routes';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Tổng quan' };

/** Tổng quan: KPIs against the previous period, trends, breakdowns and bloc leaders. */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser();
  const ctx = await dashboardContext(await searchParams);
  if (ctx.empty) {
    return (
      <>
        <PageTitle title="Tổng quan thi đua" />
        <EmptyState title="Chưa có số liệu thi đua">
          <p>
            Cơ sở dữ liệu chưa có hoạt động, khen thưởng hay bảng điểm nào. Hãy nhập danh mục đơn vị và khối thi đua trước, sau đó là
            các danh sách hoạt động tuyên truyền, khen thưởng và bảng chấm điểm khối.
          </p>
        </EmptyState>
      </>
    );
  }
  const f = ctx.filters;
  const today = todayIso();
  const key = JSON.stringify(f);
  return (
    <>
      <PageTitle title="Tổng quan thi đua" subtitle={periodLabel(f.period)} />
      <FilterBar
        action={routes.overview}
        values={{ period: f.period.id, grain: f.grain, bloc: f.bloc, unit: f.unit, movement: f.movement, channel: f.channel }}
        years={ctx.years}
        blocs={ctx.blocs}
        units={ctx.units}
        movements={ctx.movements}
        show={{ period: true, grain: true, bloc: true, unit: true, movement: true, channel: true }}
      />
      <Notices items={ctx.notices} />
      <div className="mt-4 space-y-4">
        {/* The first screen (KPIs, the trend chart) is part of the page's first paint: a section behind
            Suspense is shown only when React reveals streamed parts, at least 300 ms after first paint.
            The sections below the fold stream; this route has no loading.tsx for the same reason. */}
        <KpiSection f={f} today={today} />
        <TrendSection f={f} today={today} />
        <Suspense key={`b${key}`} fallback={<Skeleton title="Hoạt động theo kênh và đơn vị" />}>
          <BreakdownSection f={f} today={today} />
        </Suspense>
        <Suspense key={`a${key}`} fallback={<Skeleton title="Khen thưởng" />}>
          <AwardsSection f={f} today={today} />
        </Suspense>
        <Suspense key={`r${key}`} fallback={<Skeleton title="Xếp hạng thi đua khối" />}>
          <BlocRankingSection f={f} />
        </Suspense>
      </div>
    </>
  );
}
