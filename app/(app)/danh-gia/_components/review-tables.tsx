import { formatDelta, formatNumber, formatPercent } from '@/lib/format';
import { proposalGroups, proposalHeading, type Precondition, type ReviewProposals } from '@/lib/review/rules';
import { QUOTA_KEYS, SETTING_LABELS, SETTING_LEGAL } from '@/lib/settings/definitions';
import type { MemberResult, Points, ReviewSummary } from '@/lib/review/summary';
import { heatBandClass } from '@/app/_components/heat';

const th = 'border border-tremor-border bg-tremor-background-subtle px-2 py-1.5 text-xs font-semibold text-tremor-content-strong print:border-black print:bg-gray-100';
const td = 'border border-tremor-border px-2 py-1 text-sm tabular-nums print:border-black';

function RankChange({ change }: { change: number | null }) {
  if (change === null) return <span className="text-tremor-content">–</span>;
  if (change === 0) return <span title="Không đổi">=</span>;
  return change > 0 ? (
    <span className="text-emerald-700" title={`Tăng ${change} bậc`}>▲ {change}</span>
  ) : (
    <span className="text-rose-700" title={`Giảm ${-change} bậc`}>▼ {-change}</span>
  );
}

/**
 * Ranking with self/assessed totals, the gap, the change of rank and (unless `compact`, for the
 * A4 print view) activities and awards.
 */
export function RankingTable({ s, compact = false }: { s: ReviewSummary; compact?: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse" data-testid="ranking-table">
        <caption className="sr-only">Xếp hạng các đơn vị</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>Hạng</th>
            <th scope="col" className={`${th} text-left`}>Đơn vị</th>
            <th scope="col" className={th}>Tự chấm</th>
            <th scope="col" className={th}>Khối chấm</th>
            <th scope="col" className={th}>Chênh lệch</th>
            <th scope="col" className={th}>Kỳ trước</th>
            <th scope="col" className={th}>Thay đổi</th>
            {!compact && <ActivityHeads year={s.period.year} />}
          </tr>
        </thead>
        <tbody>
          {s.members.map((m) => (
            <tr key={m.unitId} data-unit={m.unitName} className={m.rank === 1 ? 'font-semibold' : ''}>
              <td className={`${td} text-center`}>{m.rank ?? <span className="text-xs font-normal text-amber-700">Chưa chấm</span>}</td>
              <td className={`${td} text-left`}>
                {m.unitName}
                {!m.isMember && <span className="ml-1 text-xs text-amber-700" title="Không có trong danh sách thành viên khối năm này">(*)</span>}
              </td>
              <td className={`${td} text-right`}>{formatNumber(m.selfTotal)}</td>
              <td className={`${td} text-right`}>{formatNumber(m.total)}</td>
              <td className={`${td} text-right`}>{m.gap === null ? '–' : formatDelta(m.gap)}</td>
              <td className={`${td} text-center`}>{m.previousRank ?? '–'}</td>
              <td className={`${td} text-center`}><RankChange change={m.rankChange} /></td>
              {!compact && <ActivityCells m={m} />}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActivityHeads({ year }: { year: number }) {
  return (
    <>
      <th scope="col" className={th}>Hoạt động</th>
      <th scope="col" className={th}>Lượt tham gia</th>
      <th scope="col" className={th}>Danh hiệu năm {year}</th>
      <th scope="col" className={th}>Khen thưởng năm {year}</th>
    </>
  );
}

function ActivityCells({ m }: { m: MemberResult }) {
  return (
    <>
      <td className={`${td} text-right`}>{formatNumber(m.activities)}</td>
      <td className={`${td} text-right`}>{formatNumber(m.participants)}</td>
      <td className={`${td} text-right`}>{formatNumber(m.awards.titles)}</td>
      <td className={`${td} text-right`}>{formatNumber(m.awards.commendations)}</td>
    </>
  );
}

/** Each member's activities and awards in the period (the print view's separate table). */
export function ActivityTable({ s }: { s: ReviewSummary }) {
  return (
    <table className="w-full border-collapse" data-testid="activity-table">
      <thead>
        <tr>
          <th scope="col" className={th}>STT</th>
          <th scope="col" className={`${th} text-left`}>Đơn vị</th>
          <ActivityHeads year={s.period.year} />
        </tr>
      </thead>
      <tbody>
        {s.members.map((m, i) => (
          <tr key={m.unitId}>
            <td className={`${td} text-center`}>{i + 1}</td>
            <td className={`${td} text-left`}>{m.unitName}</td>
            <ActivityCells m={m} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HeatCell({ p, max }: { p: Points | undefined; max: number | null }) {
  const value = p?.assessed ?? null;
  return (
    <td className={`${td} text-right ${value === null ? 'bg-gray-50 text-tremor-content' : heatBandClass(p?.band)} print:bg-transparent`} title={value === null || !max ? 'Thiếu điểm' : `${formatPercent(value / max)} điểm tối đa`}>
      {value === null ? '–' : formatNumber(value)}
    </td>
  );
}

/** Assessed points by group and criterion, units as columns, coloured by share of the maximum. */
export function CriteriaHeatTable({ s }: { s: ReviewSummary }) {
  const scored = s.members.filter((m) => m.hasScores);
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse" data-testid="criteria-table">
        <caption className="sr-only">Điểm khối chấm theo tiêu chí</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>STT</th>
            <th scope="col" className={`${th} min-w-64 text-left`}>Tiêu chí</th>
            <th scope="col" className={th}>Tối đa</th>
            {scored.map((m) => (
              <th scope="col" key={m.unitId} className={th} title={m.unitName}>
                {m.abbreviation ?? m.unitName}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {s.groups.map((g) => [
            g.name ? (
              <tr key={`g${g.name}`} className="bg-tremor-background-muted">
                <td className={td} />
                <th scope="row" className={`${td} text-left font-semibold`}>{g.name}</th>
                <td className={`${td} text-right font-semibold`}>{formatNumber(g.maxPoints)}</td>
                {scored.map((m) => (
                  <td key={m.unitId} className={`${td} text-right font-semibold`}>{formatNumber(m.groupTotals[g.name])}</td>
                ))}
              </tr>
            ) : null,
            ...g.criterionKeys.map((k) => {
              const c = s.criteria.find((x) => x.key === k)!;
              return (
                <tr key={k}>
                  <td className={`${td} text-center`}>{c.code}</td>
                  <th scope="row" className={`${td} text-left font-normal`}>{c.name}</th>
                  <td className={`${td} text-right`}>{formatNumber(c.maxPoints)}</td>
                  {scored.map((m) => <HeatCell key={m.unitId} p={m.points[k]} max={c.maxPoints} />)}
                </tr>
              );
            }),
          ])}
          {s.criteria.filter((c) => c.kind !== 'criterion').map((c) => (
            <tr key={c.key}>
              <td className={`${td} text-center`}>{c.kind === 'penalty' ? '−' : '+'}</td>
              <th scope="row" className={`${td} text-left font-normal italic`}>{c.name}</th>
              <td className={`${td} text-right`}>{formatNumber(c.maxPoints)}</td>
              {scored.map((m) => <HeatCell key={m.unitId} p={m.points[c.key]} max={c.maxPoints} />)}
            </tr>
          ))}
          <tr className="font-semibold">
            <td className={td} />
            <th scope="row" className={`${td} text-left`}>Tổng cộng</th>
            <td className={`${td} text-right`}>{formatNumber(s.maxTotal)}</td>
            {scored.map((m) => <td key={m.unitId} className={`${td} text-right`}>{formatNumber(m.total)}</td>)}
          </tr>
          <tr className="font-semibold">
            <td className={td} />
            <th scope="row" className={`${td} text-left`}>Xếp hạng</th>
            <td className={td} />
            {scored.map((m) => <td key={m.unitId} className={`${td} text-center`}>{m.rank}</td>)}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function PreconditionList({ items }: { items: Precondition[] }) {
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-tremor-content">
      {items.map((c) => (
        <li key={c.text}>
          <span aria-hidden="true">{c.met === true ? '✓' : c.met === false ? '✗' : '?'}</span>{' '}
          <span className={c.met === false ? 'text-rose-800' : ''}>{c.text}</span>
          <span className="sr-only">{c.met === true ? ' (đạt)' : c.met === false ? ' (chưa đạt)' : ' (cần xác minh)'}</span>
        </li>
      ))}
    </ul>
  );
}

export function ProposalsList({ p }: { p: ReviewProposals }) {
  const groups = proposalGroups(p);
  return (
    <div className="space-y-3 text-sm" data-testid="proposals">
      <p className="text-tremor-content">
        Cơ quan tổ chức khối: {p.organiserLabel}. Tổng điểm tối thiểu để được đề nghị: {p.minTotalLabel}.
      </p>
      {p.notes.map((n) => <p key={n} className="text-amber-800">{n}</p>)}
      {groups.length === 0 && p.notes.length === 0 && <p>Không có đơn vị đủ điều kiện đề nghị khen thưởng.</p>}
      {groups.map((list) => (
        <div key={list[0].tier}>
          <p className="font-semibold">{proposalHeading(list[0])}</p>
          {list[0].legal && <p className="text-xs text-tremor-content">Căn cứ: {list[0].legal}.</p>}
          <ul className="mt-1 list-disc pl-5">
            {list.map((x) => (
              <li key={x.unitId}>
                {x.unitName}: {formatNumber(x.total)} điểm, hạng {x.rank}
                {x.note && <span className="text-amber-800"> — {x.note}</span>}
                <PreconditionList items={x.preconditions} />
              </li>
            ))}
          </ul>
        </div>
      ))}
      {p.notProposed.length > 0 && (
        <ul className="list-disc pl-5 text-tremor-content">
          {p.notProposed.map((n) => <li key={n.unitName}>Không đề nghị {n.unitName} (hạng {n.rank}): {n.reason}.</li>)}
        </ul>
      )}
      <div>
        <p className="font-semibold">Kiểm tra tỷ lệ và điều kiện khen thưởng</p>
        {p.breaches.length === 0 ? (
          <p className="text-tremor-content">Không phát hiện trường hợp vượt tỷ lệ hoặc thiếu điều kiện theo dữ liệu khen thưởng hiện có.</p>
        ) : (
          <ul className="mt-1 list-disc pl-5 text-rose-800" data-testid="quota-breaches">
            {p.breaches.map((b) => <li key={b.message}>{b.message}</li>)}
          </ul>
        )}
        {p.provincialCandidates.length > 0 && (
          <p className="mt-1 text-tremor-content" data-testid="cstd-tinh-candidates">
            Có thể xem xét đề nghị Chiến sĩ thi đua cấp tỉnh (đủ số năm liên tục đạt Chiến sĩ thi đua cơ sở): {p.provincialCandidates.map((c) => `${c.name} (${c.unitName})`).join('; ')}.
          </p>
        )}
        <ul className="mt-1 text-xs text-tremor-content">
          {QUOTA_KEYS.map((k) => <li key={k}>{SETTING_LABELS[k]} — {SETTING_LEGAL[k]}.</li>)}
        </ul>
      </div>
    </div>
  );
}
