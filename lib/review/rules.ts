import type { ProposalTier, Settings, TierKey } from '../settings/definitions';
import { SETTING_LEGAL } from '../settings/definitions';
import { BLOC_ORGANISER_LABELS, type BlocOrganiser } from '../bloc-organiser';
import { formatNumber, formatPercent } from '../format';
import { lowerFirst } from './labels';
import { checkQuotas, provincialFighterCandidates, type CstdcsStreak, type QuotaBreach, type QuotaData } from './quotas';
import type { MemberResult, ReviewSummary } from './summary';

/**
 * Proposals of a bloc's annual review, by who organises the bloc (lib/bloc-organiser.ts) and the
 * tiers its settings give (proposals.<organiser>.first / .next: award, how many ranks, who grants):
 * - only annual periods propose: awards of a bloc are considered at the year-end review
 *   (tổng kết); a six-month review (sơ kết) ranks only;
 * - a Cờ thi đua only for a bloc the province organises, and only for the year (Law 06/2022/QH15,
 *   Điều 26); its leader is chosen by vote (suy tôn) at the bloc's meeting, so the ranking gives
 *   an «đề xuất suy tôn»;
 * - by rank, so a tie at a boundary takes every tied unit (said in the note);
 * - a unit below the minimum total, or not a member of the bloc that year, is not proposed;
 * - each proposal lists its preconditions: met, not met, or to be verified by the council.
 */

type TierName = 'first' | 'next';

export interface Precondition {
  text: string;
  /** true met, false not met, null: the data cannot tell — the council verifies. */
  met: boolean | null;
}

export interface Proposal {
  tier: TierName;
  award: string;
  grantor: string;
  /** A flag: chosen by vote at the bloc's meeting («đề xuất suy tôn»). */
  vote: boolean;
  unitId: number;
  unitName: string;
  rank: number;
  total: number;
  /** e.g. "đồng hạng 2 với …". */
  note: string | null;
  preconditions: Precondition[];
  legal: string | null;
}

interface NotProposed {
  unitName: string;
  rank: number;
  total: number;
  reason: string;
}

export type { QuotaBreach } from './quotas';

export interface ReviewProposals {
  organiser: BlocOrganiser | null;
  organiserLabel: string;
  minTotal: number | null;
  minTotalLabel: string;
  proposals: Proposal[];
  notProposed: NotProposed[];
  /** Why a tier proposes nothing (six-month review, unknown organiser, a flag refused…). */
  notes: string[];
  breaches: QuotaBreach[];
  /** May be considered for CSTĐ cấp tỉnh (N consecutive CSTĐCS years). */
  provincialCandidates: CstdcsStreak[];
}

/** The minimum total in points: a fixed number, or a share of the bloc's maximum (null if unknown). */
export function minimumTotal(settings: Settings, maxTotal: number | null): { points: number | null; label: string } {
  const rule = settings['review.min_total'];
  if ('points' in rule) return { points: rule.points, label: `${formatNumber(rule.points)} điểm` };
  if (maxTotal === null) return { points: null, label: `${formatPercent(rule.percent)} điểm tối đa (chưa xác định được điểm tối đa)` };
  const points = Math.round(rule.percent * maxTotal * 100) / 100;
  return { points, label: `${formatNumber(points)} điểm (${formatPercent(rule.percent)} của ${formatNumber(maxTotal)} điểm tối đa)` };
}

/** A Cờ thi đua (of the province, a ministry…): yearly, for leaders of blocs the province organises. */
function isFlag(award: string): boolean {
  return /cờ thi đua/i.test(award.normalize('NFC'));
}

type Ranked = MemberResult & { rank: number; total: number };

function tiersOf(settings: Settings, organiser: BlocOrganiser): { tier: TierName; key: TierKey; value: ProposalTier }[] {
  return (['first', 'next'] as const).map((tier) => {
    const key = `proposals.${organiser}.${tier}` as TierKey;
    return { tier, key, value: settings[key] };
  });
}

function preconditionsOf(m: Ranked, summary: ReviewSummary, min: { points: number | null; label: string }, vote: boolean): Precondition[] {
  const year = summary.period.year;
  const out: Precondition[] = [
    { text: `Tổng điểm ${formatNumber(m.total)} đạt mức tối thiểu ${min.label}`, met: min.points === null ? null : m.total >= min.points },
    { text: `Thành viên của khối năm ${year}`, met: m.isMember },
    { text: 'Đủ điểm các tiêu chí', met: m.missingCriteria.length === 0 },
  ];
  if (vote) {
    out.push({ text: 'Xét tặng hằng năm: kỳ đánh giá là cả năm (Luật Thi đua, khen thưởng 2022, Điều 26)', met: summary.period.grain === 'year' });
    out.push({ text: 'Được các thành viên khối suy tôn tại hội nghị tổng kết khối; kết quả chấm điểm là căn cứ', met: null });
  }
  out.push({ text: `Hoàn thành xuất sắc nhiệm vụ năm ${year}; nội bộ đoàn kết, không có cá nhân bị kỷ luật từ cảnh cáo trở lên`, met: null });
  return out;
}

export function proposeAwards(summary: ReviewSummary, settings: Settings, quota: QuotaData): ReviewProposals {
  const organiser = summary.bloc.organiser;
  const min = minimumTotal(settings, summary.maxTotal);
  const out: ReviewProposals = {
    organiser,
    organiserLabel: organiser ? BLOC_ORGANISER_LABELS[organiser] : 'chưa xác định',
    minTotal: min.points,
    minTotalLabel: min.label,
    proposals: [],
    notProposed: [],
    notes: [],
    breaches: checkQuotas(summary, quota, settings),
    provincialCandidates: provincialFighterCandidates(quota, settings['quota.cstd_tinh_consecutive_cstdcs']),
  };
  if (!organiser) {
    out.notes.push('Chưa xác định cơ quan tổ chức khối nên chưa đề xuất khen thưởng; quản trị viên chọn tại trang Thiết lập quy tắc đánh giá (/danh-gia/thiet-lap).');
    return out;
  }
  if (summary.period.grain !== 'year') {
    out.notes.push(`${summary.period.grain === 'half' ? 'Sơ kết 6 tháng' : 'Kỳ này'} chỉ xếp hạng: các hình thức khen thưởng của khối được xét khi tổng kết năm; Cờ thi đua chỉ xét tặng hằng năm (Luật Thi đua, khen thưởng 2022, Điều 26).`);
    return out;
  }
  const ranked = summary.members.filter((m): m is Ranked => m.rank !== null && m.total !== null);
  let taken = 0;
  for (const { tier, key, value } of tiersOf(settings, organiser)) {
    const from = taken;
    taken += value.count;
    if (value.count === 0) continue;
    const flag = isFlag(value.award);
    if (flag && organiser !== 'province') {
      out.notes.push(`Không đề xuất ${value.award}: Cờ thi đua xét tặng cho tập thể dẫn đầu cụm, khối thi đua do tỉnh tổ chức (Luật Thi đua, khen thưởng 2022, Điều 26), không cho khối ${lowerFirst(BLOC_ORGANISER_LABELS[organiser])}. Hãy sửa thiết lập «${key}».`);
      continue;
    }
    for (const m of ranked.filter((x) => x.rank > from && x.rank <= taken)) {
      const pre = preconditionsOf(m, summary, min, flag);
      if (min.points !== null && m.total < min.points) {
        out.notProposed.push({ unitName: m.unitName, rank: m.rank, total: m.total, reason: `tổng điểm ${formatNumber(m.total)} thấp hơn mức tối thiểu ${min.label}` });
        continue;
      }
      if (!m.isMember) {
        out.notProposed.push({ unitName: m.unitName, rank: m.rank, total: m.total, reason: 'không có trong danh sách thành viên của khối năm ' + summary.period.year });
        continue;
      }
      const tied = ranked.filter((o) => o.rank === m.rank && o.unitId !== m.unitId).map((o) => o.unitName);
      out.proposals.push({
        tier,
        award: value.award,
        grantor: value.grantor,
        vote: flag,
        unitId: m.unitId,
        unitName: m.unitName,
        rank: m.rank,
        total: m.total,
        note: tied.length ? `đồng hạng ${m.rank} với ${tied.join(', ')} — Hội đồng xem xét` : m.missingCriteria.length ? 'thiếu điểm một số tiêu chí — cần bổ sung trước khi đề nghị' : null,
        preconditions: pre,
        legal: SETTING_LEGAL[key] ?? null,
      });
    }
  }
  return out;
}

/** «Đề xuất suy tôn Cờ thi đua của UBND tỉnh» or «Đề nghị tặng Giấy khen của Giám đốc Sở». */
export function proposalHeading(p: Pick<Proposal, 'award' | 'vote' | 'grantor'>): string {
  return `${p.vote ? 'Đề xuất suy tôn' : 'Đề nghị tặng'} ${p.award} (${p.grantor} quyết định)`;
}

/** Proposals grouped by tier, in order, each group non-empty. */
export function proposalGroups(p: ReviewProposals): Proposal[][] {
  return (['first', 'next'] as const).map((t) => p.proposals.filter((x) => x.tier === t)).filter((l) => l.length > 0);
}
