import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import type { Metadata } from 'next';
import { ChartFigure, DataTable } from '@/app/_components/chart-figure';
import { FilterBar } from '@/app/_components/filter-bar';
import { LineChart } from '@/app/_components/line-chart';
import { heatBandClass } from '@/app/_components/heat';
import { Notices } from '@/app/_components/notices';
import { RowLink } from '@/app/_components/row-link';
import { PageTitle, Section, Skeleton } from '@/app/_components/section';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { CRITERION_KIND_LABELS, UNIT_KIND_LABELS, type CriterionKind, type UnitKind } from '@/lib/domain';
import { dashboardSearch, type DashboardFilters } from '@/lib/filters/dashboard';
import { formatNumber } from '@/lib/format';
import { parsePeriod, periodLabel } from '@/lib/periods';
import { blocCriteriaHeat, blocInfo, blocMembers, blocRanking, blocTrend } from '@/lib/queries/bloc';
import { dashboardContext } from '@/lib/queries/page-context';
import { HEAT_LEGEND } from '@/lib/scoring/rules';
import { routes, type SearchParams } from '@/lib/routes';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Khối thi đua' };

function label(p: string | null): string {
  const pp = p ? parsePeriod(p) : null;
  return pp ? periodLabel(pp) : (p ?? '–');
}

/** Khối: members, ranking with change of rank, scores by criterion as a heat table, members' trends. */
export default async function BlocPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  await requireUser();
  const raw = (await params).id;
  if (!/^\d{1,9}$/.test(raw)) notFound();
  const id = Number(raw);
  const ctx = await dashboardContext(await searchParams);
  const bloc = await blocInfo(ctx.db, id);
  if (!bloc) notFound();
  const f = ctx.filters;
  const key = `${id}${JSON.stringify(f)}`;
  return (
    <>
      <nav aria-label="Vị trí" className="no-print text-sm text-tremor-content">
        <Link href={`${routes.overview}${dashboardSearch(f, { bloc: null, unit: null })}`} className="underline">
          Tổng quan
        </Link>{' '}
        › {bloc.name}
      </nav>
      <PageTitle title={bloc.name} subtitle={periodLabel(f.period)} />
      <FilterBar action={routes.bloc(id)} values={{ period: f.period.id }} years={ctx.years} show={{ period: true }} />
      <Notices items={ctx.notices} />
      <div className="mt-4 space-y-4">
        <Suspense key={`r${key}`} fallback={<Skeleton title="Bảng xếp hạng" />}>
          <Ranking blocId={id} f={f} />
        </Suspense>
        <Suspense key={`h${key}`} fallback={<Skeleton title="Điểm theo tiêu chí" />}>
          <Heat blocId={id} f={f} />
        </Suspense>
        <Suspense key={`t${key}`} fallback={<Skeleton title="Diễn biến điểm của các thành viên" />}>
          <Trend blocId={id} f={f} />
        </Suspense>
      </div>
    </>
  );
}

async function Ranking({ blocId, f }: { blocId: number; f: DashboardFilters }) {
  const db = await getDb();
  const [rows, members] = await Promise.all([blocRanking(db, blocId, f.period), blocMembers(db, blocId, f.period.year)]);
  const keep = dashboardSearch(f, { bloc: null, unit: null });
  const scoredIds = new Set(rows.map((r) => r.unit_id));
  const unscored = members.filter((m) => !scoredIds.has(m.unit_id));
  const used = rows[0];
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
      <Section
        className="lg:col-span-2"
        title="Bảng xếp hạng"
        subtitle={
          used
            ? `Kỳ chấm ${label(used.period)}${used.previous_period ? `; thay đổi hạng so với ${label(used.previous_period)}` : ''}${used.period_start > f.period.start || used.period_end < f.period.end || (used.period_start <= f.period.start && used.period_end >= f.period.end && (used.period_start !== f.period.start || used.period_end !== f.period.end)) ? ` (kỳ chấm gần nhất ứng với ${periodLabel(f.period)})` : ''}`
            : undefined
        }
        id="bloc-ranking"
      >
        {rows.length === 0 ? (
          <p className="py-4 text-sm text-tremor-content">Chưa có bảng điểm của khối cho {periodLabel(f.period)}. Văn phòng tải bảng chấm điểm lên ở trang Tải lên.</p>
        ) : (
          <DataTable
            testId="bloc-ranking"
            caption="Bảng xếp hạng"
            columns={['Đơn vị', 'Hạng', 'Tự chấm', 'Khối chấm', 'Thay đổi hạng']}
            numeric={[1, 2, 3, 4]}
            rows={rows.map((r) => {
              const change = r.previous_rank !== null ? r.previous_rank - r.rank : null;
              return [
                <RowLink key="u" href={`${routes.unit(r.unit_id)}${keep}`}>
                  {r.unit_name}
                </RowLink>,
                formatNumber(r.rank),
                formatNumber(r.self_total_points),
                formatNumber(r.total_points),
                change === null ? (
                  <span key="c" className="text-tremor-content">mới</span>
                ) : change === 0 ? (
                  <span key="c">giữ hạng {r.previous_rank}</span>
                ) : (
                  <span key="c" className={change > 0 ? 'text-emerald-700' : 'text-red-700'}>
                    <span aria-hidden="true">{change > 0 ? '▲' : '▼'}</span> {change > 0 ? `tăng ${change}` : `giảm ${-change}`} (từ hạng {r.previous_rank})
                  </span>
                ),
              ];
            })}
          />
        )}
      </Section>
      <Section title={`Thành viên năm ${f.period.year}`} subtitle={`${formatNumber(members.length)} đơn vị`} id="bloc-members">
        {members.length === 0 ? (
          <p className="py-4 text-sm text-tremor-content">Chưa có danh sách thành viên của khối năm {f.period.year}.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="bloc-members">
            {members.map((m) => (
              <li key={m.unit_id}>
                <RowLink href={`${routes.unit(m.unit_id)}${keep}`}>
                  {m.unit_name}
                </RowLink>{' '}
                <span className="text-xs text-tremor-content">{UNIT_KIND_LABELS[m.unit_kind as UnitKind] ?? ''}</span>
              </li>
            ))}
          </ul>
        )}
        {rows.length > 0 && unscored.length > 0 && (
          <p className="mt-3 text-xs text-amber-800">Chưa có điểm: {unscored.map((u) => u.unit_name).join('; ')}</p>
        )}
      </Section>
    </div>
  );
}

async function Heat({ blocId, f }: { blocId: number; f: DashboardFilters }) {
  const db = await getDb();
  const [cells, ranking] = await Promise.all([blocCriteriaHeat(db, blocId, f.period), blocRanking(db, blocId, f.period)]);
  if (cells.length === 0) return null;
  const units = ranking.map((r) => ({ id: r.unit_id, name: r.unit_name }));
  const criteria = [...new Map(cells.map((c) => [c.criterion_key, c])).values()].sort((a, b) => a.sort_order - b.sort_order);
  const byKey = new Map(cells.map((c) => [`${c.unit_id}|${c.criterion_key}`, c]));
  return (
    <Section title="Điểm khối chấm theo tiêu chí" subtitle={HEAT_LEGEND} id="bloc-heat">
      <div className="overflow-x-auto">
        <table className="min-w-full border-collapse text-xs" data-testid="bloc-heat">
          <caption className="sr-only">Điểm khối chấm theo tiêu chí và đơn vị</caption>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 bg-white px-2 py-1 text-left">
                Tiêu chí (điểm chuẩn)
              </th>
              {units.map((u) => (
                <th key={u.id} scope="col" className="max-w-[7rem] px-1 py-1 text-center font-semibold">
                  {u.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => (
              <tr key={c.criterion_key} className="border-t border-tremor-border">
                <th scope="row" className="sticky left-0 bg-white px-2 py-1 text-left font-normal">
                  {c.criterion_code ? `${c.criterion_code}. ` : ''}
                  {c.criterion} <span className="text-tremor-content">({CRITERION_KIND_LABELS[c.criterion_kind as CriterionKind]}, {formatNumber(c.max_points)})</span>
                </th>
                {units.map((u) => {
                  const cell = byKey.get(`${u.id}|${c.criterion_key}`);
                  return (
                    <td key={u.id} className={`px-1 py-1 text-center tabular-nums ${heatBandClass(cell?.band)}`}>
                      {formatNumber(cell?.assessed_points ?? null)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

async function Trend({ blocId, f }: { blocId: number; f: DashboardFilters }) {
  const db = await getDb();
  const rows = await blocTrend(db, blocId);
  if (rows.length === 0) return null;
  const periods = [...new Set(rows.map((r) => r.period))];
  const units = [...new Map(rows.map((r) => [r.unit_id, r.unit_name])).entries()];
  const byKey = new Map(rows.map((r) => [`${r.unit_id}|${r.period}`, r]));
  // A chart of 25 lines is unreadable: the chart shows the current top 8, the table shows everyone.
  const latest = rows.filter((r) => r.period === periods[periods.length - 1]).sort((a, b) => a.rank - b.rank);
  const charted = latest.slice(0, 8).map((r) => r.unit_name);
  return (
    <Section title="Diễn biến tổng điểm của các thành viên" subtitle={`Biểu đồ: 8 đơn vị đứng đầu kỳ ${label(periods[periods.length - 1])}; bảng: tất cả thành viên`} id="bloc-trend">
      <ChartFigure
        testId="bloc-trend"
        caption="Tổng điểm của các thành viên qua các kỳ"
        chart={
          <LineChart
            data={periods.map((p) => Object.fromEntries([['Kỳ', p], ...units.filter(([, n]) => charted.includes(n)).map(([uid, n]) => [n, byKey.get(`${uid}|${p}`)?.total_points ?? null])]))}
            index="Kỳ"
            categories={charted}
            connectNulls
            height={320}
            wide
          />
        }
        columns={['Đơn vị', ...periods.map((p) => p)]}
        rows={units.map(([uid, n]) => [n, ...periods.map((p) => {
          const r = byKey.get(`${uid}|${p}`);
          return r ? `${formatNumber(r.total_points)} (hạng ${r.rank})` : '–';
        })])}
      />
    </Section>
  );
}
