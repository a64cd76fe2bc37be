import { TOTAL_RULE_TEXT } from '@/lib/scoring/rules';
import { periodLabel } from '@/lib/periods';
import { lowerFirst, previousLabel } from '@/lib/review/labels';
import type { ReviewReport } from '@/lib/review/report';
import { reviewTitle } from '@/lib/review/docx';
import { appendixReference, placeDateLine } from '@/lib/review/header';
import { ActivityTable, CriteriaHeatTable, ProposalsList, RankingTable } from './review-tables';


/**
 * The print view (`?in=1`): the same document as the DOCX, laid out for A4 from the browser
 * (margins of Decree 30: top/bottom 20 mm, left 30 mm, right 15 mm; serif 13–14 pt).
 */
export function ReviewDocument({ r, date }: { r: ReviewReport; date: string }) {
  const s = r.settings;
  const [y, m, d] = date.split('-').map(Number);
  const docDate = new Date(y, m - 1, d);
  return (
    <article className="review-document mx-auto max-w-[210mm] bg-white p-[15mm] font-serif text-[13pt] leading-snug text-black shadow-tremor-card print:max-w-none print:p-0 print:shadow-none" data-testid="review-document">
      <style>{`
        @media print {
          @page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }
          @page phu-luc { size: A4 landscape; margin: 20mm 15mm 20mm 30mm; }
          .review-document .phu-luc { page: phu-luc; break-before: page; }
          .review-document .overflow-x-auto { overflow: visible; }
          .review-document table { page-break-inside: auto; }
          .review-document tr { page-break-inside: avoid; }
          .review-document thead { display: table-header-group; }
          .review-document .keep { break-inside: avoid; }
        }
        .review-document { font-family: 'Times New Roman', 'Liberation Serif', Times, serif; }
        .review-document td, .review-document th { font-size: 11.5pt; line-height: 1.3; }
        .review-document .phu-luc td, .review-document .phu-luc th { font-size: 10pt; line-height: 1.3; }
        .review-document [data-testid='proposals'], .review-document [data-testid='proposals'] * { font-size: 13pt; line-height: 1.4; }
      `}</style>
      <div className="grid grid-cols-[38%_62%] text-center text-[12.5pt]">
        <div>
          {r.header.parent && <p className="uppercase">{r.header.parent}</p>}
          <p className="font-bold uppercase">{r.header.issuer ?? '…………'}</p>
          <hr className="mx-auto my-1 w-16 border-black" />
          <p>Số: &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/{s['document.number_suffix']}</p>
        </div>
        <div>
          <p className="text-[12pt] font-bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
          <p className="font-bold">Độc lập - Tự do - Hạnh phúc</p>
          <hr className="mx-auto my-1 w-48 border-black" />
          <p className="italic text-[13pt]">
            {placeDateLine(r.header.place, docDate)}
          </p>
        </div>
      </div>
      <h1 className="mt-6 text-center text-[14pt] font-bold">BÁO CÁO</h1>
      <p className="text-center text-[14pt] font-bold">{reviewTitle(r)}</p>
      <hr className="mx-auto my-2 w-40 border-black" />
      <h2 className="mt-3 font-bold">I. TÌNH HÌNH CHUNG</h2>
      {r.narrative.map((t) => (
        <p key={t} className="mt-1 indent-[12.7mm] text-justify">{t}</p>
      ))}
      <h2 className="mt-3 font-bold">II. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG</h2>
      <p className="mb-2 indent-[12.7mm] text-justify text-[12pt]">
        {TOTAL_RULE_TEXT}{' '}
        {r.summary.previousPeriod ? `Cột "Kỳ trước" là thứ hạng ${previousLabel(r.summary.previousPeriod)}.` : 'Chưa có kỳ chấm điểm trước cùng loại để so sánh.'}
      </p>
      <RankingTable s={r.summary} compact />
      {r.summary.members.some((x) => x.hasScores) && <p className="mt-2 indent-[12.7mm] italic">Chi tiết điểm theo từng tiêu chí tại Phụ lục kèm theo.</p>}
      <h2 className="mt-3 font-bold">III. HOẠT ĐỘNG TUYÊN TRUYỀN VÀ KHEN THƯỞNG CỦA CÁC ĐƠN VỊ</h2>
      <ActivityTable s={r.summary} />
      <h2 className="mt-3 font-bold">IV. ĐỀ NGHỊ KHEN THƯỞNG</h2>
      <div className="text-[13pt]">
        <ProposalsList p={r.proposals} />
      </div>
      <p className="mt-3 indent-[12.7mm]">Trên đây là báo cáo {lowerFirst(reviewTitle(r))}./.</p>
      <div className="keep mt-4 grid grid-cols-[45%_55%]">
        <div className="text-[11pt]">
          <p className="text-[12pt] font-bold italic">Nơi nhận:</p>
          {s['document.recipients'].map((x) => <p key={x}>- {x}</p>)}
        </div>
        <div className="text-center font-bold">
          {s['document.signer_authority'] && <p className="uppercase">{s['document.signer_authority']}</p>}
          <p className="uppercase">{s['document.signer_title']}</p>
          <div className="h-24" />
          <p className={s['document.signer_name'] ? '' : 'font-normal italic'}>{s['document.signer_name'] || '(Ký, ghi rõ họ tên)'}</p>
        </div>
      </div>
      {r.summary.members.some((x) => x.hasScores) && (
        <section className="phu-luc mt-8">
          <p className="text-center font-bold">PHỤ LỤC</p>
          <p className="mb-2 text-center font-bold">
            Điểm khối chấm theo tiêu chí — {r.summary.bloc.name}, {lowerFirst(periodLabel(r.summary.period))}
          </p>
          <p className="mb-2 text-center italic">{appendixReference(s['document.number_suffix'], docDate)}</p>
          <div className="text-[10pt]">
            <CriteriaHeatTable s={r.summary} />
          </div>
        </section>
      )}
    </article>
  );
}
