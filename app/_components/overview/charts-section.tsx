import { getDb } from '@/lib/db/client';
import { AWARD_LEVEL_LABELS, CHANNEL_LABELS, type AwardLevel, type Channel } from '@/lib/domain';
import { dashboardSearch, type DashboardFilters } from '@/lib/filters/dashboard';
import { formatNumber } from '@/lib/format';
import { GRAIN_LABELS, periodContaining, periodLabel, parsePeriod } from '@/lib/periods';
import { awardFigures, blocRankingFigures, breakdownFigures, needsCommonScale, onCommonScale, TOP_UNITS, trendFigures } from '@/lib/queries/overview';
import { routes } from '@/lib/routes';
import { BarChart } from '../bar-chart';
import { ChartFigure, DataTable } from '../chart-figure';
import { LineChart } from '../line-chart';
import { RowLink } from '../row-link';
import { Section } from '../section';

function bucketLabel(bucket: string, f: DashboardFilters): string {
  return periodLabel(periodContaining(f.grain, bucket));
}

/** Activities and participants over time at the chosen grain. */
export async function TrendSection({ f, today }: { f: DashboardFilters; today: string }) {
  const series = await trendFigures(await getDb(), f, today);
  return (
    <Section title="Hoạt động và lượt tham gia theo thời gian" subtitle={`${periodLabel(f.period)}, chia theo ${GRAIN_LABELS[f.grain].toLowerCase()}`} id="trend">
      {series.length === 0 ? (
        <p className="py-6 text-sm text-tremor-content">Không có hoạt động trong kỳ này.</p>
      ) : (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <ChartFigure
            testId="trend-activities"
            caption="Số hoạt động theo thời gian"
            chart={<BarChart data={series.map((s) => ({ Kỳ: bucketLabel(s.bucket, f), 'Hoạt động': s.activities }))} index="Kỳ" categories={['Hoạt động']} />}
            columns={['Kỳ', 'Hoạt động', 'Lượt tham gia']}
            rows={series.map((s) => [bucketLabel(s.bucket, f), formatNumber(s.activities), formatNumber(s.participants)])}
          />
          <ChartFigure
            caption="Lượt tham gia theo thời gian"
            chart={<LineChart data={series.map((s) => ({ Kỳ: bucketLabel(s.bucket, f), 'Lượt tham gia': s.participants }))} index="Kỳ" categories={['Lượt tham gia']} colors={['emerald']} />}
            columns={['Kỳ', 'Lượt tham gia']}
            rows={series.map((s) => [bucketLabel(s.bucket, f), formatNumber(s.participants)])}
          />
        </div>
      )}
    </Section>
  );
}

/** By channel and by division (unit); each unit links to its page (drill-down). */
export async function BreakdownSection({ f, today }: { f: DashboardFilters; today: string }) {
  const { channels, units } = await breakdownFigures(await getDb(), f, today);
  const keep = dashboardSearch(f, { unit: null });
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <Section title="Hoạt động theo kênh tuyên truyền" subtitle={periodLabel(f.period)} id="by-channel">
        {channels.length === 0 ? (
          <p className="py-6 text-sm text-tremor-content">Không có hoạt động trong kỳ này.</p>
        ) : (
          <ChartFigure
            testId="by-channel"
            caption="Hoạt động theo kênh"
            chart={<BarChart layout="vertical" data={channels.map((c) => ({ Kênh: CHANNEL_LABELS[c.channel as Channel] ?? c.channel, 'Hoạt động': c.activities }))} index="Kênh" categories={['Hoạt động']} />}
            columns={['Kênh', 'Hoạt động', 'Lượt tham gia']}
            rows={channels.map((c) => [CHANNEL_LABELS[c.channel as Channel] ?? c.channel, formatNumber(c.activities), formatNumber(c.participants)])}
          />
        )}
      </Section>
      <Section title="Hoạt động theo đơn vị" subtitle={`${periodLabel(f.period)} · ${TOP_UNITS} đơn vị nhiều hoạt động nhất · bấm tên để xem chi tiết`} id="by-unit">
        {units.length === 0 ? (
          <p className="py-6 text-sm text-tremor-content">Không có hoạt động trong kỳ này.</p>
        ) : (
          <>
            <div aria-hidden="true" className="print:hidden">
              <BarChart layout="vertical" data={units.map((u) => ({ 'Đơn vị': u.unit_name, 'Hoạt động': u.activities }))} index="Đơn vị" categories={['Hoạt động']} height={384} />
            </div>
            <DataTable
              testId="by-unit"
              caption="Hoạt động theo đơn vị"
              columns={['Đơn vị', 'Hoạt động', 'Lượt tham gia']}
              numeric={[1, 2]}
              rows={units.map((u) => [
                u.unit_id !== null ? (
                  <RowLink key="u" href={`${routes.unit(u.unit_id)}${keep}`}>
                    {u.unit_name}
                  </RowLink>
                ) : (
                  <span key="u" title="Tên đơn vị chưa khớp danh mục">
                    {u.unit_name} <span className="text-xs text-amber-700">(chưa khớp)</span>
                  </span>
                ),
                formatNumber(u.activities),
                formatNumber(u.participants),
              ])}
            />
          </>
        )}
      </Section>
    </div>
  );
}

/** Awards by form/title and by level. */
export async function AwardsSection({ f, today }: { f: DashboardFilters; today: string }) {
  const { forms, levels } = await awardFigures(await getDb(), f, today);
  const byLevel = new Map<string, number>();
  for (const l of levels) {
    const key = l.award_level ? AWARD_LEVEL_LABELS[l.award_level as AwardLevel] : 'Chưa rõ cấp';
    byLevel.set(key, (byLevel.get(key) ?? 0) + l.awards);
  }
  const levelRows = [...byLevel.entries()];
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <Section title="Khen thưởng theo hình thức, danh hiệu" subtitle={periodLabel(f.period)} id="awards-by-form">
        {forms.length === 0 ? (
          <p className="py-6 text-sm text-tremor-content">Không có khen thưởng trong kỳ này.</p>
        ) : (
          <ChartFigure
            testId="awards-by-form"
            caption="Khen thưởng theo hình thức"
            chart={<BarChart layout="vertical" data={forms.map((r) => ({ 'Hình thức': r.award_name, 'Số lượt': r.awards }))} index="Hình thức" categories={['Số lượt']} colors={['amber']} />}
            columns={['Hình thức, danh hiệu', 'Số lượt']}
            rows={forms.map((r) => [r.award_name, formatNumber(r.awards)])}
          />
        )}
      </Section>
      <Section title="Khen thưởng theo cấp khen" subtitle={periodLabel(f.period)} id="awards-by-level-chart">
        {levelRows.length === 0 ? (
          <p className="py-6 text-sm text-tremor-content">Không có khen thưởng trong kỳ này.</p>
        ) : (
          <ChartFigure
            caption="Khen thưởng theo cấp khen"
            chart={<BarChart layout="vertical" data={levelRows.map(([k, v]) => ({ 'Cấp khen': k, 'Số lượt': v }))} index="Cấp khen" categories={['Số lượt']} colors={['violet']} />}
            columns={['Cấp khen', 'Số lượt']}
            rows={levelRows.map(([k, v]) => [k, formatNumber(v)])}
          />
        )}
      </Section>
    </div>
  );
}

/** Bloc ranking: members of one bloc when a bloc is chosen (or there is one), else each bloc's leader and average. */
export async function BlocRankingSection({ f }: { f: DashboardFilters }) {
  const { leaders, members } = await blocRankingFigures(await getDb(), f);
  if (leaders.length === 0) {
    return (
      <Section title="Xếp hạng thi đua khối" id="bloc-ranking">
        <p className="py-6 text-sm text-tremor-content">Chưa có bảng điểm thi đua cho kỳ này.</p>
      </Section>
    );
  }
  const keep = dashboardSearch(f, { bloc: null, unit: null });
  if (leaders.length === 1) {
    const b = leaders[0];
    return (
      <Section title={`Xếp hạng ${b.bloc_name}`} subtitle={`Kỳ chấm ${periodLabel(parsePeriod(b.period) ?? f.period)}`} id="bloc-ranking">
        <ChartFigure
          testId="bloc-ranking"
          caption={`Xếp hạng ${b.bloc_name}`}
          chart={<BarChart layout="vertical" data={members.map((r) => ({ 'Đơn vị': `${r.rank}. ${r.unit_name}`, 'Tổng điểm': r.total_points }))} index="Đơn vị" categories={['Tổng điểm']} colors={['indigo']} height={384} wide />}
          columns={['Đơn vị', 'Hạng', 'Tổng điểm']}
          rows={members.map((r) => [
            <RowLink key="u" href={`${routes.unit(r.unit_id)}${keep}`}>
              {r.unit_name}
            </RowLink>,
            formatNumber(r.rank),
            formatNumber(r.total_points),
          ])}
        />
        <p className="mt-2 text-sm">
          <RowLink href={`${routes.bloc(b.bloc_id)}${keep}`}>
            Xem chi tiết khối →
          </RowLink>
        </p>
      </Section>
    );
  }
  const scaled = needsCommonScale(leaders);
  return (
    <Section
      title="Xếp hạng thi đua các khối"
      subtitle={`Điểm của đơn vị dẫn đầu và điểm bình quân mỗi khối${scaled ? ' (biểu đồ quy về thang 100 điểm vì các khối chấm theo thang khác nhau)' : ''}; bấm tên khối để xem bảng xếp hạng`}
      id="bloc-ranking"
    >
      <ChartFigure
        testId="bloc-ranking"
        caption="Điểm dẫn đầu và bình quân các khối"
        chart={
          <BarChart
            layout="vertical"
            data={leaders.map((l) => ({
              Khối: l.bloc_name,
              'Dẫn đầu': onCommonScale(l.leader_points, l.max_total, scaled),
              'Bình quân': onCommonScale(l.average_points, l.max_total, scaled),
            }))}
            index="Khối"
            categories={['Dẫn đầu', 'Bình quân']}
            colors={['indigo', 'slate']}
            height={leaders.length > 8 ? 576 : 320}
            wide
          />
        }
        columns={['Khối', 'Dẫn đầu', 'Điểm dẫn đầu', 'Bình quân']}
        rows={leaders.map((l) => [l.bloc_name, l.leader_name ?? '–', formatNumber(l.leader_points), formatNumber(l.average_points)])}
      />
      <ul className="mt-3 flex flex-wrap gap-2 text-sm">
        {leaders.map((l) => (
          <li key={l.bloc_id}>
            <RowLink href={`${routes.bloc(l.bloc_id)}${keep}`}>
              {l.bloc_name}
            </RowLink>
          </li>
        ))}
      </ul>
    </Section>
  );
}

