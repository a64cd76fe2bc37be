import Link from 'next/link';
import type { Metadata } from 'next';
import { EmptyState } from '@/app/_components/empty-state';
import { Notices } from '@/app/_components/notices';
import { PageTitle, Section } from '@/app/_components/section';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { todayIso } from '@/lib/filters/today';
import { formatNumber } from '@/lib/format';
import { parsePeriod, periodLabel } from '@/lib/periods';
import { resolveReviewPageInput } from '@/lib/review/page-input';
import { previousLabel } from '@/lib/review/labels';
import { buildReviewReport } from '@/lib/review/report';
import { PrintButton } from './_components/print-button';
import { ReviewDocument } from './_components/review-document';
import { HEAT_LEGEND, TOTAL_RULE_TEXT } from '@/lib/scoring/rules';
import { api, firstValue, routes, type SearchParams, withQuery } from '@/lib/routes';
import { CriteriaHeatTable, ProposalsList, RankingTable } from './_components/review-tables';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Đánh giá khối thi đua' };

const button =
  'rounded-tremor-small border border-tremor-border bg-white px-3 py-1.5 text-sm font-semibold text-tremor-content-strong hover:bg-tremor-background-subtle focus:outline-none focus:ring-2 focus:ring-tremor-brand';

/** Đánh giá: the six-month / annual evaluation summary of a bloc, its documents and print view. */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const sp = await searchParams;
  const db = await getDb();
  const input = await resolveReviewPageInput(db, firstValue(sp.bloc), firstValue(sp.period));
  if (!input.bloc || !input.periodId) {
    return (
      <>
        <PageTitle title="Đánh giá khối thi đua" />
        <EmptyState title="Chưa có khối thi đua">
          <p>Hãy nhập danh mục đơn vị và khối thi đua, sau đó là các bảng chấm điểm khối.</p>
        </EmptyState>
      </>
    );
  }
  const report = await buildReviewReport(db, String(input.bloc.blocId), input.periodId);
  const s = report.summary;
  const shown = { bloc: s.bloc.blocId, period: s.period.id };
  const printView = firstValue(sp.in) === '1';

  if (printView) {
    return (
      <>
        <div className="no-print mb-4 flex flex-wrap items-center gap-2">
          <Link href={withQuery(routes.review, shown)} className={button}>← Quay lại trang đánh giá</Link>
          <PrintButton />
          <span className="text-sm text-tremor-content">Khổ A4; chọn &quot;Lưu dưới dạng PDF&quot; trong hộp thoại in để có tệp PDF.</span>
        </div>
        <ReviewDocument r={report} date={todayIso()} />
      </>
    );
  }

  const periods = input.periods.includes(s.period.id) ? input.periods : [s.period.id, ...input.periods];
  const ranked = s.members.filter((m) => m.rank !== null).length;
  const notices = [...input.notices];
  if (ranked === 0) notices.push(`${s.bloc.name} chưa có kết quả chấm điểm ${periodLabel(s.period).toLowerCase()}.`);
  const h = report.header;
  if (!h.parent || !h.issuer || !h.place) {
    const missing = [!h.parent && 'cơ quan chủ quản', !h.issuer && 'cơ quan ban hành', !h.place && 'địa danh'].filter(Boolean).join(', ');
    notices.push(
      `Văn bản còn thiếu ${missing}: hãy nhập tệp đơn vị có tiêu đề (ví dụ «UBND TỈNH TÂY NINH / SỞ TÀI CHÍNH»)` +
        (user.role === 'admin' ? ' hoặc điền tại trang Thiết lập quy tắc đánh giá.' : ' hoặc đề nghị quản trị viên điền tại trang Thiết lập.'),
    );
  }

  return (
    <>
      <PageTitle
        title="Đánh giá khối thi đua"
        subtitle={
          <>
            {s.bloc.name} · {periodLabel(s.period)} · so với kỳ chấm điểm cùng loại gần nhất trước đó:{' '}
            {s.previousPeriod ? previousLabel(s.previousPeriod) : 'chưa có'}
          </>
        }
      />
      <form method="get" action={routes.review} className="no-print mt-4 flex flex-wrap items-end gap-3 rounded-tremor-default border border-tremor-border bg-white p-3 shadow-tremor-card">
        <label className="text-sm">
          <span className="block text-tremor-content">Khối thi đua</span>
          <select name="bloc" defaultValue={String(s.bloc.blocId)} className="mt-1 rounded-tremor-small border-tremor-border text-sm">
            {input.blocs.map((b) => <option key={b.blocId} value={b.blocId}>{b.name}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-tremor-content">Kỳ đánh giá</span>
          <select name="period" defaultValue={s.period.id} className="mt-1 rounded-tremor-small border-tremor-border text-sm">
            {periods.map((p) => {
              const parsed = parsePeriod(p);
              return <option key={p} value={p}>{parsed ? periodLabel(parsed) : p}</option>;
            })}
          </select>
        </label>
        <button type="submit" className={button}>Xem</button>
        <div className="ml-auto flex flex-wrap gap-2">
          <a href={withQuery(api.reviewDocument, { format: 'docx', ...shown })} className={button} download>Tải Word (.docx)</a>
          <a href={withQuery(api.reviewDocument, { format: 'xlsx', ...shown })} className={button} download>Tải Excel (.xlsx)</a>
          <Link href={withQuery(routes.review, { ...shown, in: 1 })} className={button}>Bản in A4</Link>
          {user.role === 'admin' && <Link href={routes.reviewSettings} className={button}>Thiết lập quy tắc</Link>}
        </div>
      </form>
      <Notices items={notices} />
      <div className="mt-4 space-y-4">
        <Section id="nhan-xet" title="Nhận xét (dự thảo)" subtitle="Tạo tự động từ số liệu; chỉnh sửa trong tệp Word trước khi trình ký.">
          <div className="space-y-2 text-sm leading-relaxed" data-testid="narrative">
            {report.narrative.map((t) => <p key={t}>{t}</p>)}
          </div>
        </Section>
        <Section
          id="xep-hang"
          title="Xếp hạng"
          subtitle={`${TOTAL_RULE_TEXT} ${ranked}/${s.members.filter((m) => m.isMember).length} đơn vị có điểm${s.maxTotal !== null ? `, thang ${formatNumber(s.maxTotal)} điểm` : ''}${s.average !== null ? `, bình quân ${formatNumber(s.average)}` : ''}.`}
        >
          <RankingTable s={s} />
        </Section>
        {ranked > 0 && (
          <Section id="tieu-chi" title="Điểm theo nhóm tiêu chí và tiêu chí" subtitle={`Điểm khối chấm. ${HEAT_LEGEND} – là thiếu điểm.`}>
            <CriteriaHeatTable s={s} />
          </Section>
        )}
        <Section id="de-nghi" title="Đề nghị khen thưởng và kiểm tra tỷ lệ">
          <ProposalsList p={report.proposals} />
        </Section>
        <Section id="du-lieu-thieu" title="Dữ liệu còn thiếu">
          <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="missing-data">
            {s.unitsWithoutScores.length > 0 && <li>Chưa có kết quả chấm điểm: {s.unitsWithoutScores.join(', ')}.</li>}
            {s.missingCriteria.map((m) => <li key={m.unitName}>{m.unitName} thiếu điểm: {m.criteria.join('; ')}.</li>)}
            {s.nonMembersScored.length > 0 && <li>Có điểm nhưng không có trong danh sách thành viên khối năm {s.period.year}: {s.nonMembersScored.join(', ')}.</li>}
            {!s.hasPreviousScores && <li>Chưa có kết quả chấm điểm kỳ trước cùng loại để so sánh thứ hạng.</li>}
            {s.unitsWithoutScores.length + s.missingCriteria.length + s.nonMembersScored.length === 0 && s.hasPreviousScores && <li>Đủ dữ liệu chấm điểm cho mọi đơn vị thành viên.</li>}
          </ul>
        </Section>
      </div>
    </>
  );
}
