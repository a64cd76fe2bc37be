import { formatNumber, formatPercent } from '../format';
import { periodLabel } from '../periods';
import { proposalGroups, type ReviewProposals } from './rules';
import type { MemberResult, ReviewSummary } from './summary';
import { previousLabel } from './labels';

/**
 * A short Vietnamese narrative built from the numbers — a draft the reviewer edits: who leads,
 * who rose or fell, the strongest and weakest criteria, the gap between self and bloc
 * assessment, and what data is missing.
 */

function pts(n: number | null): string {
  return `${formatNumber(n)} điểm`;
}

function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}`;
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

export function buildNarrative(s: ReviewSummary, p: ReviewProposals): string[] {
  const out: string[] = [];
  const label = lower(periodLabel(s.period));
  const ranked = s.members.filter((m): m is MemberResult & { rank: number } => m.rank !== null);
  const memberCount = s.members.filter((m) => m.isMember).length;

  if (ranked.length === 0) {
    out.push(
      `${s.bloc.name} có ${memberCount} đơn vị thành viên năm ${s.period.year}; chưa có kết quả chấm điểm thi đua ${label}. ` +
        'Đề nghị các đơn vị gửi bảng chấm điểm để tổng hợp.',
    );
    return out;
  }

  const scale = s.maxTotal !== null ? ` trên thang ${formatNumber(s.maxTotal)} điểm` : '';
  out.push(
    `Thực hiện kế hoạch chấm điểm, xếp hạng thi đua ${label}, ${s.bloc.name} đã tổng hợp kết quả của ` +
      `${ranked.length}/${memberCount} đơn vị thành viên${scale}. Tổng điểm của mỗi đơn vị bằng điểm khối chấm ` +
      `của các tiêu chí, cộng điểm thưởng, trừ điểm trừ; đơn vị bằng điểm được xếp đồng hạng.`,
  );

  const leaders = ranked.filter((m) => m.rank === 1);
  const next = ranked.filter((m) => m.rank > 1).slice(0, 2);
  let lead =
    leaders.length === 1
      ? `Dẫn đầu khối là ${leaders[0].unitName} với ${pts(leaders[0].total)}`
      : `Dẫn đầu khối là ${list(leaders.map((m) => m.unitName))}, đồng hạng nhất với ${pts(leaders[0].total)}`;
  if (next.length) lead += `; tiếp theo là ${list(next.map((m) => `${m.unitName} (${pts(m.total)}, hạng ${m.rank})`))}`;
  const last = ranked[ranked.length - 1];
  if (ranked.length > 3) lead += `. Thấp nhất là ${last.unitName} với ${pts(last.total)}`;
  if (s.average !== null) lead += `. Điểm bình quân của khối đạt ${pts(s.average)}`;
  out.push(lead + '.');

  const prevLabel = previousLabel(s.previousPeriod);
  if (!s.hasPreviousScores) {
    out.push('Chưa có kết quả chấm điểm kỳ trước cùng loại để so sánh thứ hạng.');
  } else {
    const rose = ranked.filter((m) => (m.rankChange ?? 0) > 0).sort((a, b) => b.rankChange! - a.rankChange!);
    const fell = ranked.filter((m) => (m.rankChange ?? 0) < 0).sort((a, b) => a.rankChange! - b.rankChange!);
    const parts: string[] = [];
    if (rose.length) parts.push(`tăng hạng: ${list(rose.map((m) => `${m.unitName} (từ hạng ${m.previousRank} lên hạng ${m.rank})`))}`);
    if (fell.length) parts.push(`giảm hạng: ${list(fell.map((m) => `${m.unitName} (từ hạng ${m.previousRank} xuống hạng ${m.rank})`))}`);
    const newcomers = ranked.filter((m) => m.previousRank === null).map((m) => m.unitName);
    if (newcomers.length) parts.push(`chưa có kết quả kỳ trước: ${list(newcomers)}`);
    out.push(
      parts.length
        ? `So với ${prevLabel}, ${parts.join('; ')}.`
        : `So với ${prevLabel}, thứ hạng của các đơn vị không thay đổi.`,
    );
  }

  if (s.criterionStats.length >= 2) {
    const sorted = [...s.criterionStats].sort((a, b) => b.share - a.share);
    const best = sorted[0];
    const worst = sorted[sorted.length - 1];
    const name = (c: (typeof sorted)[number]) => (c.code ? `tiêu chí ${c.code} "${c.name}"` : `tiêu chí "${c.name}"`);
    out.push(
      `Các đơn vị thực hiện tốt nhất ${name(best)} (bình quân ${formatPercent(best.share)} điểm tối đa); ` +
        `thấp nhất là ${name(worst)} (bình quân ${formatNumber(worst.average)}/${formatNumber(worst.maxPoints)} điểm, ` +
        `${formatPercent(worst.share)}) — đây là nội dung cần tập trung khắc phục trong kỳ tới.`,
    );
  }

  const gaps = ranked.filter((m) => m.gap !== null && Math.abs(m.gap) >= 0.01).sort((a, b) => Math.abs(b.gap!) - Math.abs(a.gap!));
  if (gaps.length) {
    const g = gaps[0];
    out.push(
      `Chênh lệch giữa điểm tự chấm và điểm khối chấm lớn nhất ở ${g.unitName} ` +
        `(tự chấm ${pts(g.selfTotal)}, khối chấm ${pts(g.total)}, chênh ${formatNumber(Math.abs(g.gap!))} điểm).`,
    );
  }

  const groups = proposalGroups(p);
  if (groups.length) {
    const parts = groups.map((g) => `${g[0].vote ? 'đề xuất suy tôn' : 'đề nghị tặng'} ${g[0].award} cho ${list(g.map((x) => x.unitName))}`);
    out.push(`Căn cứ kết quả xếp hạng, ${parts.join('; ')}.`);
  } else if (p.notes.length) {
    out.push(p.notes[0]);
  } else {
    out.push(`Không có đơn vị đủ điều kiện đề nghị khen thưởng (tổng điểm tối thiểu ${p.minTotalLabel}).`);
  }
  if (p.breaches.length) {
    const units = [...new Set(p.breaches.map((b) => b.unitName))];
    out.push(`Lưu ý: ${p.breaches.length} trường hợp chưa bảo đảm tỷ lệ khen thưởng theo quy định tại ${list(units)} (chi tiết tại phần đề nghị khen thưởng).`);
  }

  const missing: string[] = [];
  if (s.unitsWithoutScores.length) missing.push(`chưa có kết quả chấm điểm của ${list(s.unitsWithoutScores)}`);
  for (const m of s.missingCriteria) missing.push(`${m.unitName} thiếu điểm ${m.criteria.length} tiêu chí (${m.criteria.join('; ')})`);
  if (s.nonMembersScored.length) missing.push(`${list(s.nonMembersScored)} có điểm nhưng không có trong danh sách thành viên khối năm ${s.period.year}`);
  if (missing.length) out.push(`Về dữ liệu: ${missing.join('; ')}.`);
  return out;
}
