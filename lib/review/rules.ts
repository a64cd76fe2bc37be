import type { Settings } from '../settings/definitions';
import { formatNumber, formatPercent } from '../format';
import { AWARD, type MemberResult, type ReviewSummary } from './summary';

/**
 * Proposals and quota checks from the configurable rules (the `settings` table):
 * - units ranked 1…flag_count are proposed for the flag, the next certificate_count ranks for a
 *   certificate — by rank, so a tie at the boundary takes every tied unit (said in the note);
 * - a unit below the minimum total (points, or a share of the bloc's maximum) is not proposed;
 * - quotas per unit for the period's year, where the award data allow.
 */

export type ProposalKind = 'flag' | 'certificate';

export interface Proposal {
  kind: ProposalKind;
  award: string;
  unitId: number;
  unitName: string;
  rank: number;
  total: number;
  /** e.g. "đồng hạng 2 với …". */
  note: string | null;
}

export interface NotProposed {
  unitName: string;
  rank: number;
  total: number;
  reason: string;
}

export interface QuotaBreach {
  unitName: string;
  rule: 'cstdcs_over_ldtt' | 'ttldxs_ldtt_share' | 'ttldxs_cstdcs';
  message: string;
}

export interface ReviewProposals {
  minTotal: number | null;
  minTotalLabel: string;
  proposals: Proposal[];
  notProposed: NotProposed[];
  breaches: QuotaBreach[];
}

/** The minimum total in points: a fixed number, or a share of the bloc's maximum (null if unknown). */
export function minimumTotal(settings: Settings, maxTotal: number | null): { points: number | null; label: string } {
  const rule = settings['review.min_total'];
  if ('points' in rule) return { points: rule.points, label: `${formatNumber(rule.points)} điểm` };
  if (maxTotal === null) return { points: null, label: `${formatPercent(rule.percent)} điểm tối đa (chưa xác định được điểm tối đa)` };
  const points = Math.round(rule.percent * maxTotal * 100) / 100;
  return { points, label: `${formatNumber(points)} điểm (${formatPercent(rule.percent)} của ${formatNumber(maxTotal)} điểm tối đa)` };
}

export function proposeAwards(summary: ReviewSummary, settings: Settings): ReviewProposals {
  const flagCount = settings['review.flag_count'];
  const certCount = settings['review.certificate_count'];
  const min = minimumTotal(settings, summary.maxTotal);
  const proposals: Proposal[] = [];
  const notProposed: NotProposed[] = [];
  const ranked = summary.members.filter((m): m is MemberResult & { rank: number; total: number } => m.rank !== null && m.total !== null);

  for (const m of ranked) {
    const kind: ProposalKind | null = m.rank <= flagCount ? 'flag' : m.rank <= flagCount + certCount ? 'certificate' : null;
    if (!kind) continue;
    if (min.points !== null && m.total < min.points) {
      notProposed.push({ unitName: m.unitName, rank: m.rank, total: m.total, reason: `tổng điểm ${formatNumber(m.total)} thấp hơn mức tối thiểu ${min.label}` });
      continue;
    }
    if (!m.isMember) {
      notProposed.push({ unitName: m.unitName, rank: m.rank, total: m.total, reason: 'không có trong danh sách thành viên của khối năm ' + summary.period.year });
      continue;
    }
    const tied = ranked.filter((o) => o.rank === m.rank && o.unitId !== m.unitId).map((o) => o.unitName);
    proposals.push({
      kind,
      award: kind === 'flag' ? settings['review.flag_award'] : settings['review.certificate_award'],
      unitId: m.unitId,
      unitName: m.unitName,
      rank: m.rank,
      total: m.total,
      note: tied.length ? `đồng hạng ${m.rank} với ${tied.join(', ')} — Hội đồng xem xét` : m.missingCriteria.length ? 'thiếu điểm một số tiêu chí — cần bổ sung trước khi đề nghị' : null,
    });
  }
  return { minTotal: min.points, minTotalLabel: min.label, proposals, notProposed, breaches: checkQuotas(summary, settings) };
}

/** Quota checks per member unit, for awards of the period's year (individuals / collectives). */
export function checkQuotas(summary: ReviewSummary, settings: Settings): QuotaBreach[] {
  const ratio = settings['quota.cstdcs_over_ldtt'];
  const minShare = settings['quota.ttldxs_min_ldtt_share'];
  const minCstdcs = settings['quota.ttldxs_min_cstdcs'];
  const year = summary.period.year;
  const out: QuotaBreach[] = [];
  for (const m of summary.members) {
    const a = m.awards;
    if (a.cstdcs > 0 && a.cstdcs > ratio * a.ldtt + 1e-9) {
      const allowed = Math.floor(ratio * a.ldtt + 1e-9);
      out.push({
        unitName: m.unitName,
        rule: 'cstdcs_over_ldtt',
        message: `${m.unitName}: ${a.cstdcs} ${AWARD.cstdcs} năm ${year} vượt tỷ lệ ${formatPercent(ratio)} của ${a.ldtt} ${AWARD.ldtt} (tối đa ${allowed}).`,
      });
    }
    if (a.ttldxs > 0) {
      if (m.headcount && m.headcount > 0 && a.ldtt / m.headcount < minShare - 1e-9) {
        out.push({
          unitName: m.unitName,
          rule: 'ttldxs_ldtt_share',
          message: `${m.unitName}: đề nghị ${AWARD.ttldxs} năm ${year} nhưng chỉ ${a.ldtt}/${m.headcount} người (${formatPercent(a.ldtt / m.headcount)}) đạt ${AWARD.ldtt}, cần tối thiểu ${formatPercent(minShare)}.`,
        });
      }
      if (a.cstdcs < minCstdcs) {
        out.push({
          unitName: m.unitName,
          rule: 'ttldxs_cstdcs',
          message: `${m.unitName}: đề nghị ${AWARD.ttldxs} năm ${year} nhưng có ${a.cstdcs} ${AWARD.cstdcs}, cần tối thiểu ${minCstdcs}.`,
        });
      }
    }
  }
  return out;
}
