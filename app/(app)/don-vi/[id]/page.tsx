import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import type { Metadata } from 'next';
import { ChartFigure, DataTable } from '@/app/_components/chart-figure';
import { FilterBar } from '@/app/_components/filter-bar';
import { LineChart } from '@/app/_components/line-chart';
import { Notices } from '@/app/_components/notices';
import { RowLink } from '@/app/_components/row-link';
import { PageTitle, Section, Skeleton } from '@/app/_components/section';
import { KpiCard } from '@/app/_components/kpi-card';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { AWARD_LEVEL_LABELS, CHANNEL_LABELS, CRITERION_KIND_LABELS, RECIPIENT_TYPE_LABELS, UNIT_KIND_LABELS, type AwardLevel, type Channel, type CriterionKind, type RecipientType, type UnitKind } from '@/lib/domain';
import { dashboardSearch, type DashboardFilters } from '@/lib/filters/dashboard';
import { todayIso } from '@/lib/filters/today';
import { formatDate, formatNumber } from '@/lib/format';
import { parsePeriod, periodLabel } from '@/lib/periods';
import { comparison } from '@/lib/queries/overview';
import { dashboardContext } from '@/lib/queries/page-context';
import { UnitYears } from './_components/unit-years';
import { unitActivities, unitAwards, unitCriteria, unitInfo, unitKpis, unitMemberships, unitScoreHistory } from '@/lib/queries/unit';
import { routes, type SearchParams, withQuery } from '@/lib/routes';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Đơn vị' };

function parseUnitId(raw: string): number | null {
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

/** Đơn vị: one unit's activities, awards, scores by criterion and rank over periods. */
export default async function UnitPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  await requireUser();
  const id = parseUnitId((await params).id);
  if (id === null) notFound();
  const ctx = await dashboardContext(await searchParams);
  const unit = await unitInfo(ctx.db, id);
  if (!unit) notFound();
  const f = ctx.filters;
  const today = todayIso();
  const key = `${id}${JSON.stringify(f)}`;
  return (
    <>
      <nav aria-label="Vị trí" className="no-print text-sm text-tremor-content">
        <Link href={`${routes.overview}${dashboardSearch(f, { unit: null })}`} className="underline">
          Tổng quan
        </Link>{' '}
        › {unit.unit_name}
      </nav>
      <PageTitle
        title={unit.unit_name}
        subtitle={
          <>
            {UNIT_KIND_LABELS[unit.unit_kind as UnitKind] ?? unit.unit_kind}
            {unit.abbreviation ? ` · viết tắt ${unit.abbreviation}` : ''}
            {unit.headcount ? ` · ${formatNumber(unit.headcount)} cán bộ` : ''} · {periodLabel(f.period)}
            {unit.successor_id && (
              <>
                {' '}
                · đã sáp nhập vào{' '}
                <Link className="underline" href={`${routes.unit(unit.successor_id)}${dashboardSearch(f, { unit: null })}`}>
                  {unit.successor_name}
                </Link>
              </>
            )}
          </>
        }
      />
      <FilterBar action={routes.unit(id)} values={{ period: f.period.id }} years={ctx.years} show={{ period: true }} />
      <Notices items={ctx.notices} />
      <div className="mt-4 space-y-4">
        <Suspense key={`k${key}`} fallback={<Skeleton title="Chỉ tiêu của đơn vị" height="h-24" />}>
          <UnitKpis unitId={id} f={f} today={today} />
        </Suspense>
        <Suspense key={`s${key}`} fallback={<Skeleton title="Điểm thi đua và xếp hạng" />}>
          <UnitScores unitId={id} f={f} />
        </Suspense>
        <Suspense key={`a${key}`} fallback={<Skeleton title="Hoạt động và khen thưởng" />}>
          <UnitLists unitId={id} f={f} today={today} />
        </Suspense>
        <Suspense key={`y${id}`} fallback={<Skeleton title="Theo năm" height="h-24" />}>
          <UnitYears unitId={id} />
        </Suspense>
      </div>
    </>
  );
}

async function UnitKpis({ unitId, f, today }: { unitId: number; f: DashboardFilters; today: string }) {
  const db = await getDb();
  const cmp = comparison(f.period, today);
  const [cur, prev, memberships] = await Promise.all([
    unitKpis(db, unitId, { ...cmp.current, yearFrom: f.period.year, yearTo: f.period.year }),
    unitKpis(db, unitId, { ...cmp.previous, yearFrom: cmp.previousPeriod.year, yearTo: cmp.previousPeriod.year }),
    unitMemberships(db, unitId),
  ]);
  const prevLabel = periodLabel(cmp.previousPeriod);
  const blocs = memberships.filter((m) => m.year === f.period.year);
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3" data-testid="unit-kpis">
        <KpiCard label="Hoạt động tuyên truyền" value={cur.activities} previous={prev.activities} previousLabel={prevLabel} testId="unit-kpi-activities" />
        <KpiCard label="Lượt người tham gia" value={cur.participants} previous={prev.participants} previousLabel={prevLabel} testId="unit-kpi-participants" />
        <KpiCard
          label={`Khen thưởng năm ${f.period.year}`}
          value={cur.awards}
          previous={prev.awards}
          previousLabel={`năm ${cmp.previousPeriod.year}`}
          testId="unit-kpi-awards"
        />
      </div>
      <p className="text-sm text-tremor-content">
        Khối thi đua năm {f.period.year}:{' '}
        {blocs.length === 0
          ? 'không thuộc khối nào'
          : blocs.map((b, i) => (
              <span key={b.bloc_id}>
                {i > 0 ? ', ' : ''}
                <RowLink href={`${routes.bloc(b.bloc_id)}${dashboardSearch(f, { unit: null, bloc: null })}`}>
                  {b.bloc_name}
                </RowLink>
              </span>
            ))}
      </p>
    </div>
  );
}

async function UnitScores({ unitId, f }: { unitId: number; f: DashboardFilters }) {
  const db = await getDb();
  const [history, criteria] = await Promise.all([unitScoreHistory(db, unitId), unitCriteria(db, unitId, f.period)]);
  if (history.length === 0) {
    return (
      <Section title="Điểm thi đua và xếp hạng" id="unit-scores">
        <p className="py-4 text-sm text-tremor-content">Đơn vị chưa được chấm điểm thi đua kỳ nào.</p>
      </Section>
    );
  }
  const label = (p: string) => {
    const pp = parsePeriod(p);
    return pp ? periodLabel(pp) : p;
  };
  const current = history.filter((h) => h.period_start <= f.period.end && h.period_end >= f.period.start);
  const criteriaPeriod = criteria[0]?.period;
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <Section title="Tổng điểm và thứ hạng qua các kỳ" subtitle="Hạng 1 là cao nhất; đồng điểm thì đồng hạng" id="unit-history">
        {current.length > 0 && (
          <p className="mb-2 text-sm" data-testid="unit-position">
            {current.map((h) => (
              <span key={`${h.bloc_id}${h.period}`} className="mr-3 inline-block">
                {label(h.period)}: hạng <strong>{h.rank}</strong>/{h.members} trong {h.bloc_name} ({formatNumber(h.total_points)} điểm)
              </span>
            ))}
          </p>
        )}
        <ChartFigure
          testId="unit-history"
          caption="Tổng điểm qua các kỳ"
          chart={<LineChart data={history.map((h) => ({ Kỳ: h.period, 'Tổng điểm': h.total_points }))} index="Kỳ" categories={['Tổng điểm']} height={224} />}
          columns={['Kỳ', 'Khối', 'Tổng điểm', 'Hạng']}
          rows={history.map((h) => [label(h.period), h.bloc_name, formatNumber(h.total_points), `${h.rank}/${h.members}`])}
        />
      </Section>
      <Section title="Điểm theo tiêu chí" subtitle={criteriaPeriod ? `Kỳ chấm ${label(criteriaPeriod)}; so với bình quân khối` : 'Không có bảng điểm cho kỳ này'} id="unit-criteria">
        {criteria.length === 0 ? (
          <p className="py-4 text-sm text-tremor-content">Không có bảng điểm của đơn vị cho {periodLabel(f.period)}.</p>
        ) : (
          <DataTable
            testId="unit-criteria"
            caption="Điểm theo tiêu chí"
            columns={['Tiêu chí', 'Loại', 'Điểm chuẩn', 'Tự chấm', 'Khối chấm', 'Bình quân khối']}
            numeric={[2, 3, 4, 5]}
            rows={criteria.map((c) => [
              `${c.criterion_code ? `${c.criterion_code}. ` : ''}${c.criterion}`,
              CRITERION_KIND_LABELS[c.criterion_kind as CriterionKind] ?? c.criterion_kind,
              formatNumber(c.max_points),
              formatNumber(c.self_points),
              formatNumber(c.assessed_points),
              formatNumber(c.bloc_average),
            ])}
          />
        )}
      </Section>
    </div>
  );
}

async function UnitLists({ unitId, f, today }: { unitId: number; f: DashboardFilters; today: string }) {
  const db = await getDb();
  const w = comparison(f.period, today).current;
  const [activities, awards] = await Promise.all([unitActivities(db, unitId, w, 20), unitAwards(db, unitId, { from: f.period.year, to: f.period.year }, 50)]);
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <Section
        title="Hoạt động gần nhất"
        subtitle={
          <>
            {periodLabel(f.period)} · tối đa 20 ·{' '}
            <Link className="underline" href={withQuery(routes.activities, { period: f.period.id, unit: unitId })}>
              xem tất cả
            </Link>
          </>
        }
        id="unit-activities"
      >
        {activities.length === 0 ? (
          <p className="py-4 text-sm text-tremor-content">Không có hoạt động trong kỳ này.</p>
        ) : (
          <DataTable
            columns={['Ngày', 'Nội dung', 'Kênh', 'Tham gia']}
            numeric={[3]}
            rows={activities.map((a) => [formatDate(a.activity_date), a.title, CHANNEL_LABELS[a.channel as Channel] ?? a.channel, formatNumber(a.participants)])}
          />
        )}
      </Section>
      <Section
        title={`Khen thưởng năm ${f.period.year}`}
        subtitle={
          <Link className="underline" href={withQuery(routes.awards, { period: f.period.year, unit: unitId })}>
            xem tất cả
          </Link>
        }
        id="unit-awards"
      >
        {awards.length === 0 ? (
          <p className="py-4 text-sm text-tremor-content">Không có khen thưởng trong năm này.</p>
        ) : (
          <DataTable
            columns={['Người / tập thể', 'Hình thức', 'Cấp', 'Quyết định']}
            rows={awards.map((a) => [
              `${a.recipient_name} (${RECIPIENT_TYPE_LABELS[a.recipient_type as RecipientType] ?? a.recipient_type})`,
              a.award_name,
              a.award_level ? AWARD_LEVEL_LABELS[a.award_level as AwardLevel] : '–',
              [a.decision_no, a.decision_date ? formatDate(a.decision_date) : null].filter(Boolean).join(' ngày ') || '–',
            ])}
          />
        )}
      </Section>
    </div>
  );
}
