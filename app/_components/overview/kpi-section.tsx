import { getDb } from '@/lib/db/client';
import { ATTENDANCE_CHANNELS, AWARD_KINDS, AWARD_KIND_LABELS, AWARD_LEVELS, AWARD_LEVEL_LABELS, CHANNEL_LABELS } from '@/lib/domain';
import { dashboardSearch, type DashboardFilters } from '@/lib/filters/dashboard';
import { formatDate, formatDelta, formatNumber } from '@/lib/format';
import { parsePeriod, periodLabel } from '@/lib/periods';
import { averageBlocScore, kpiFigures, perStaff, type AwardCount } from '@/lib/queries/overview';
import { routes } from '@/lib/routes';
import { DataTable } from '../chart-figure';
import { KpiCard } from '../kpi-card';
import { Notices } from '../notices';
import { RowLink } from '../row-link';
import { Section } from '../section';

function sum(rows: AwardCount[], pred: (r: AwardCount) => boolean = () => true): number {
  return rows.filter(pred).reduce((s, r) => s + r.awards, 0);
}

/** KPI cards with the change against the previous comparable period, and the leader of each bloc. */
export async function KpiSection({ f, today }: { f: DashboardFilters; today: string }) {
  const { cmp, cur, prev, awards, awardsPrev, leaders, leadersPrev } = await kpiFigures(await getDb(), f, today);
  const prevLabel = periodLabel(cmp.previousPeriod) + (cmp.partial ? ` (đến ${formatDate(cmp.previous.end)})` : '');
  const notes: string[] = [];
  if (cmp.partial)
    notes.push(
      `${periodLabel(f.period)} chưa kết thúc: số liệu tính đến ${formatDate(cmp.current.end)} và so với cùng số ngày của ${periodLabel(cmp.previousPeriod)} (đến ${formatDate(cmp.previous.end)}).`,
    );
  if (!cmp.current.wholeYear) notes.push('Khen thưởng của kỳ không trọn năm được tính theo ngày quyết định (quyết định không ghi ngày chỉ được tính vào năm).');
  const covering = leaders.filter((l) => !l.inside);
  if (covering.length > 0)
    notes.push(
      `Điểm thi đua chỉ chấm theo 6 tháng hoặc năm: với ${periodLabel(f.period)} đang dùng kỳ chấm gần nhất bao trùm (${[...new Set(covering.map((l) => l.period))].join(', ')}).`,
    );
  const avgNow = averageBlocScore(leaders);
  const avgPrev = averageBlocScore(leadersPrev);
  const kpis = [
    { label: 'Hoạt động tuyên truyền', value: cur.activities, previous: prev.activities, testId: 'kpi-activities' },
    { label: 'Lượt người tham gia', value: cur.participants, previous: prev.participants, testId: 'kpi-participants' },
    {
      label: 'Lượt tham dự bình quân / cán bộ',
      value: perStaff(cur),
      previous: perStaff(prev),
      digits: 2,
      testId: 'kpi-per-staff',
      hint: cur.headcount
        ? `Người tham dự ${ATTENDANCE_CHANNELS.map((c) => CHANNEL_LABELS[c].toLowerCase()).join('; ')} (không tính lượt tiếp cận tin bài) / ${formatNumber(cur.headcount)} biên chế của các đơn vị có hoạt động`
        : 'Chưa có số biên chế của đơn vị nào',
    },
    {
      label: 'Điển hình được tuyên truyền',
      value: cur.exemplars,
      previous: prev.exemplars,
      testId: 'kpi-exemplars',
      hint: cur.exemplars_proposed ? `${formatNumber(cur.exemplars_proposed)} điển hình đề nghị Hội đồng TĐKT tỉnh` : undefined,
    },
    { label: 'Khen thưởng (lượt)', value: sum(awards), previous: sum(awardsPrev), testId: 'kpi-awards' },
    { label: AWARD_KIND_LABELS.title, value: sum(awards, (r) => r.award_kind === 'title'), previous: sum(awardsPrev, (r) => r.award_kind === 'title'), testId: 'kpi-titles' },
    {
      label: AWARD_KIND_LABELS.commendation,
      value: sum(awards, (r) => r.award_kind === 'commendation'),
      previous: sum(awardsPrev, (r) => r.award_kind === 'commendation'),
      testId: 'kpi-commendations',
    },
    {
      label: 'Điểm thi đua bình quân của khối',
      value: avgNow.value,
      previous: avgNow.scaled === avgPrev.scaled ? avgPrev.value : null,
      digits: 2,
      testId: 'kpi-bloc-average',
      hint: avgNow.scaled ? 'Các khối chấm theo thang điểm khác nhau: quy về thang 100 trước khi tính bình quân' : undefined,
    },
  ];
  const levelRows = AWARD_KINDS.flatMap((kind) =>
    [...AWARD_LEVELS, null].map((level) => {
      const c = sum(awards, (r) => r.award_kind === kind && r.award_level === level);
      const p = sum(awardsPrev, (r) => r.award_kind === kind && r.award_level === level);
      return { kind, level, c, p };
    }),
  ).filter((r) => r.c > 0 || r.p > 0);
  return (
    <div className="space-y-4">
      <Notices items={notes} tone="info" />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="kpis">
        {kpis.map((k) => (
          <KpiCard key={k.label} {...k} previousLabel={prevLabel} />
        ))}
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Section title="Khen thưởng theo loại và cấp khen" subtitle={`${periodLabel(f.period)} so với ${prevLabel}`} id="awards-by-level">
          <DataTable
            testId="awards-by-level"
            caption="Khen thưởng theo loại và cấp khen"
            columns={['Loại', 'Cấp khen', 'Kỳ này', 'Kỳ trước', 'Thay đổi']}
            numeric={[2, 3, 4]}
            rows={levelRows.map((r) => [
              AWARD_KIND_LABELS[r.kind],
              r.level ? AWARD_LEVEL_LABELS[r.level] : 'Chưa rõ cấp',
              formatNumber(r.c),
              formatNumber(r.p),
              formatDelta(r.c - r.p),
            ])}
          />
          {levelRows.length === 0 && <p className="py-4 text-sm text-tremor-content">Không có khen thưởng trong kỳ này và kỳ trước.</p>}
        </Section>
        <Section title="Đơn vị dẫn đầu mỗi khối" subtitle="Theo tổng điểm khối chấm (thẩm định); đồng hạng nhất được ghi rõ" id="bloc-leaders">
          {leaders.length === 0 ? (
            <p className="py-4 text-sm text-tremor-content">Chưa có bảng điểm thi đua của khối nào cho kỳ này.</p>
          ) : (
            <DataTable
              testId="bloc-leaders"
              caption="Đơn vị dẫn đầu mỗi khối"
              columns={['Khối', 'Kỳ chấm', 'Dẫn đầu', 'Điểm', 'Bình quân khối']}
              numeric={[3, 4]}
              rows={leaders.map((l) => [
                <RowLink key="b" href={`${routes.bloc(l.bloc_id)}${dashboardSearch(f, { bloc: null, unit: null })}`}>
                  {l.bloc_name}
                </RowLink>,
                periodLabel(parsePeriod(l.period) ?? f.period),
                l.leader_unit_id !== null ? (
                  <span key="u">
                    <RowLink href={`${routes.unit(l.leader_unit_id)}${dashboardSearch(f, { bloc: null, unit: null })}`}>
                      {l.leader_name}
                    </RowLink>
                    {l.leaders > 1 ? ` (và ${l.leaders - 1} đơn vị đồng hạng)` : ''}
                  </span>
                ) : (
                  '–'
                ),
                formatNumber(l.leader_points),
                formatNumber(l.average_points),
              ])}
            />
          )}
        </Section>
      </div>
    </div>
  );
}
