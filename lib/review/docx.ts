import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
  type IBorderOptions,
  type ISectionOptions,
} from 'docx';
import { formatDelta, formatNumber } from '../format';
import { periodLabel } from '../periods';
import type { ReviewReport } from './report';
import { proposalGroups, proposalHeading } from './rules';
import { appendixReference, placeDateLine } from './header';
import type { MemberResult } from './summary';
import { lowerFirst, previousLabel } from './labels';
import { TOTAL_RULE_TEXT } from '../scoring/rules';

/**
 * The review as a Vietnamese administrative document (Decree 30/2020/NĐ-CP, Appendix I):
 * A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman 14 (tables 12);
 * issuing body top left and national motto top right, number and place-date line, title,
 * body, tables (the criteria table on a landscape page), proposals, "Nơi nhận" and signature.
 */

const FONT = 'Times New Roman';
const A4 = { width: 11906, height: 16838 };
const MARGIN = {
  top: convertMillimetersToTwip(20),
  bottom: convertMillimetersToTwip(20),
  left: convertMillimetersToTwip(30),
  right: convertMillimetersToTwip(15),
};
const PORTRAIT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const LANDSCAPE_WIDTH = A4.height - MARGIN.left - MARGIN.right;
const SIZE = { body: 28, table: 24, small: 22 } as const; // half-points: 14, 12, 11 pt

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

type RunOpts = { bold?: boolean; italics?: boolean; size?: number };

function text(t: string, o: RunOpts = {}): TextRun {
  return new TextRun({ text: t, font: FONT, size: o.size ?? SIZE.body, bold: o.bold, italics: o.italics });
}

function para(t: string | TextRun[], o: RunOpts & { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; after?: number; before?: number } = {}): Paragraph {
  return new Paragraph({
    children: typeof t === 'string' ? [text(t, o)] : t,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    indent: o.indent ? { firstLine: convertMillimetersToTwip(12.7) } : undefined,
    spacing: { before: o.before ?? 0, after: o.after ?? 120, line: 276 },
  });
}

function centered(t: string, o: RunOpts = {}, after = 0): Paragraph {
  return para(t, { ...o, align: AlignmentType.CENTER, after });
}

/**
 * A short centred rule under a heading: the bottom border of an empty, 4 pt high paragraph,
 * narrowed by indents (Word and LibreOffice both draw it; a drawn shape would not survive edits).
 */
function rule(width: number, lineLength: number): Paragraph {
  const side = Math.max(0, Math.round((width - lineLength) / 2));
  return new Paragraph({
    children: [],
    border: { bottom: { ...LINE, space: 1 } },
    indent: { left: side, right: side },
    spacing: { before: 0, after: 120, line: 80, lineRule: LineRuleType.EXACT },
  });
}

function cell(content: string | Paragraph[], width: number, o: RunOpts & { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; shade?: string; span?: number; top?: boolean } = {}): TableCell {
  const children = typeof content === 'string'
    ? [new Paragraph({ children: [text(content, { size: SIZE.table, ...o })], alignment: o.align ?? AlignmentType.LEFT, spacing: { before: 20, after: 20 } })]
    : content;
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    columnSpan: o.span,
    verticalAlign: o.top ? VerticalAlign.TOP : VerticalAlign.CENTER,
    shading: o.shade ? { fill: o.shade, color: 'auto', type: 'clear' } : undefined,
    margins: { left: 60, right: 60 },
  });
}

function num(n: number | null): string {
  return formatNumber(n, undefined);
}

function table(widths: number[], rows: TableRow[], borders = true): Table {
  return new Table({
    rows,
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: borders ? undefined : NO_BORDERS,
  });
}

function heading(t: string): Paragraph {
  return para(t, { bold: true, align: AlignmentType.LEFT, before: 120, after: 120 });
}

function headerBlock(r: ReviewReport, date: Date): Table {
  const s = r.settings;
  const h = r.header;
  const left = Math.round(PORTRAIT_WIDTH * 0.38);
  const right = PORTRAIT_WIDTH - left;
  const leftParas = [
    ...(h.parent ? [centered(h.parent.toUpperCase(), { size: 26 })] : []),
    centered((h.issuer ?? '…………').toUpperCase(), { bold: true, size: 26 }),
    rule(left, 1200),
    centered(`Số:        /${s['document.number_suffix']}`, { size: 26 }),
  ];
  const rightParas = [
    centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 24 }),
    centered('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 26 }),
    rule(right, 2800),
    centered(placeDateLine(h.place, date), { italics: true }),
  ];
  return table([left, right], [new TableRow({ cantSplit: true, children: [cell(leftParas, left, { top: true }), cell(rightParas, right, { top: true })] })], false);
}

function rankingTable(r: ReviewReport): Table {
  const { summary } = r;
  const w = [700, 3000, 1000, 1000, 1000, 900, 900, 855];
  const scale = PORTRAIT_WIDTH / w.reduce((a, b) => a + b, 0);
  const widths = w.map((x) => Math.floor(x * scale));
  const head = ['STT', 'Đơn vị', 'Tự chấm', 'Khối chấm', 'Chênh lệch', 'Xếp hạng', 'Kỳ trước', 'Thay đổi'];
  const rows = [
    new TableRow({ cantSplit: true, tableHeader: true, children: head.map((h, i) => cell(h, widths[i], { bold: true, align: AlignmentType.CENTER, shade: 'E7E6E6' })) }),
    ...summary.members.map((m: MemberResult, i) => {
      const values = [
        String(i + 1),
        m.unitName + (m.isMember ? '' : ' (*)'),
        num(m.selfTotal),
        num(m.total),
        m.gap === null ? '–' : formatDelta(m.gap),
        m.rank === null ? 'Chưa chấm' : String(m.rank),
        m.previousRank === null ? '–' : String(m.previousRank),
        m.rankChange === null ? '–' : m.rankChange === 0 ? '=' : m.rankChange > 0 ? `↑ ${m.rankChange}` : `↓ ${-m.rankChange}`,
      ];
      return new TableRow({ cantSplit: true,
        children: values.map((v, j) => cell(v, widths[j], { align: j === 1 ? AlignmentType.LEFT : AlignmentType.CENTER, bold: m.rank === 1 && j <= 3 })),
      });
    }),
  ];
  return table(widths, rows);
}

/** Criteria as rows, units as columns (assessed points), with group subtotals and the total. */
function criteriaTable(r: ReviewReport): Table {
  const { summary } = r;
  const scored = summary.members.filter((m) => m.hasScores);
  const fixed = [700, 0, 950];
  const unitWidth = Math.max(700, Math.min(1400, Math.floor((LANDSCAPE_WIDTH * 0.6) / Math.max(1, scored.length))));
  fixed[1] = LANDSCAPE_WIDTH - fixed[0] - fixed[2] - unitWidth * scored.length;
  const widths = [...fixed, ...scored.map(() => unitWidth)];
  const small = scored.length > 8 ? SIZE.small : SIZE.table;
  const c = (v: string, i: number, o: RunOpts & { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; shade?: string } = {}) =>
    cell(v, widths[i], { size: small, align: i === 1 ? AlignmentType.LEFT : AlignmentType.CENTER, ...o });
  const rows: TableRow[] = [
    new TableRow({ cantSplit: true,
      tableHeader: true,
      children: ['STT', 'Tiêu chí', 'Điểm tối đa', ...scored.map((m) => m.abbreviation ?? m.unitName)].map((h, i) => c(h, i, { bold: true, shade: 'E7E6E6' })),
    }),
  ];
  for (const g of summary.groups) {
    if (g.name) {
      rows.push(new TableRow({ cantSplit: true,
        children: [
          c('', 0, { shade: 'F2F2F2' }),
          c(g.name, 1, { bold: true, shade: 'F2F2F2' }),
          c(num(g.maxPoints), 2, { bold: true, shade: 'F2F2F2' }),
          ...scored.map((m, j) => c(num(m.groupTotals[g.name]), 3 + j, { bold: true, shade: 'F2F2F2' })),
        ],
      }));
    }
    for (const key of g.criterionKeys) {
      const cr = summary.criteria.find((x) => x.key === key)!;
      rows.push(new TableRow({ cantSplit: true,
        children: [
          c(cr.code ?? '', 0),
          c(cr.name, 1),
          c(num(cr.maxPoints), 2),
          ...scored.map((m, j) => c(m.points[key]?.assessed == null ? '–' : num(m.points[key].assessed), 3 + j)),
        ],
      }));
    }
  }
  for (const cr of summary.criteria.filter((x) => x.kind !== 'criterion')) {
    const sign = cr.kind === 'penalty' ? '−' : '+';
    rows.push(new TableRow({ cantSplit: true,
      children: [
        c(sign, 0),
        c(cr.name, 1, { italics: true }),
        c(num(cr.maxPoints), 2),
        ...scored.map((m, j) => c(num(m.points[cr.key]?.assessed ?? 0), 3 + j)),
      ],
    }));
  }
  rows.push(new TableRow({ cantSplit: true,
    children: [c('', 0), c('TỔNG CỘNG', 1, { bold: true }), c(num(summary.maxTotal), 2, { bold: true }), ...scored.map((m, j) => c(num(m.total), 3 + j, { bold: true }))],
  }));
  rows.push(new TableRow({ cantSplit: true,
    children: [c('', 0), c('XẾP HẠNG', 1, { bold: true }), c('', 2), ...scored.map((m, j) => c(String(m.rank ?? '–'), 3 + j, { bold: true }))],
  }));
  return table(widths, rows);
}

function activityTable(r: ReviewReport): Table {
  const w = [700, 3155, 1400, 1400, 1400, 1400];
  const scale = PORTRAIT_WIDTH / w.reduce((a, b) => a + b, 0);
  const widths = w.map((x) => Math.floor(x * scale));
  const head = ['STT', 'Đơn vị', 'Hoạt động', 'Lượt tham gia', `Danh hiệu năm ${r.summary.period.year}`, `Khen thưởng năm ${r.summary.period.year}`];
  return table(widths, [
    new TableRow({ cantSplit: true, tableHeader: true, children: head.map((h, i) => cell(h, widths[i], { bold: true, align: AlignmentType.CENTER, shade: 'E7E6E6' })) }),
    ...r.summary.members.map((m, i) =>
      new TableRow({ cantSplit: true,
        children: [String(i + 1), m.unitName, num(m.activities), num(m.participants), num(m.awards.titles), num(m.awards.commendations)].map((v, j) =>
          cell(v, widths[j], { align: j === 1 ? AlignmentType.LEFT : AlignmentType.CENTER }),
        ),
      }),
    ),
  ]);
}

function closingBlock(r: ReviewReport): Table {
  const s = r.settings;
  const left = Math.round(PORTRAIT_WIDTH * 0.45);
  const right = PORTRAIT_WIDTH - left;
  const leftParas = [
    para('Nơi nhận:', { bold: true, italics: true, size: 24, align: AlignmentType.LEFT, after: 0 }),
    ...s['document.recipients'].map((x) => para(`- ${x}`, { size: SIZE.small, align: AlignmentType.LEFT, after: 0 })),
  ];
  const rightParas = [
    ...(s['document.signer_authority'] ? [centered(s['document.signer_authority'].toUpperCase(), { bold: true })] : []),
    centered(s['document.signer_title'].toUpperCase(), { bold: true }),
    ...Array.from({ length: 4 }, () => centered('')),
    centered(s['document.signer_name'] || '(Ký, ghi rõ họ tên)', s['document.signer_name'] ? { bold: true } : { italics: true }),
  ];
  return table([left, right], [new TableRow({ cantSplit: true, children: [cell(leftParas, left, { top: true }), cell(rightParas, right, { top: true })] })], false);
}

function proposalParagraphs(r: ReviewReport): Paragraph[] {
  const p = r.proposals;
  const out: Paragraph[] = [];
  const mark = (met: boolean | null) => (met === true ? 'đạt' : met === false ? 'chưa đạt' : 'cần xác minh');
  out.push(para(`Cơ quan tổ chức khối: ${p.organiserLabel}. Tổng điểm tối thiểu để được đề nghị: ${p.minTotalLabel}.`, { indent: true }));
  for (const n of p.notes) out.push(para(n, { indent: true, italics: true }));
  if (p.proposals.length === 0 && p.notes.length === 0) out.push(para('Không có đơn vị đủ điều kiện đề nghị khen thưởng.', { indent: true }));
  for (const list of proposalGroups(p)) {
    out.push(para(`${proposalHeading(list[0])}:`, { indent: true, bold: true, after: 60 }));
    for (const x of list) {
      out.push(para(`- ${x.unitName}: ${num(x.total)} điểm, xếp hạng ${x.rank}${x.note ? ` (${x.note})` : ''}.`, { indent: true, after: 0 }));
      out.push(para(`Điều kiện: ${x.preconditions.map((c) => `${c.text} (${mark(c.met)})`).join('; ')}.`, { indent: true, size: SIZE.table, after: 60 }));
    }
    if (list[0].legal) out.push(para(`Căn cứ: ${list[0].legal}.`, { indent: true, italics: true, size: SIZE.table, after: 60 }));
  }
  for (const n of p.notProposed) out.push(para(`- Không đề nghị ${n.unitName} (hạng ${n.rank}): ${n.reason}.`, { indent: true, after: 60 }));
  if (p.breaches.length) {
    out.push(para('Kiểm tra tỷ lệ và điều kiện khen thưởng (cần rà soát trước khi trình):', { indent: true, bold: true, after: 60 }));
    for (const b of p.breaches) out.push(para(`- ${b.message}`, { indent: true, after: 60 }));
  }
  if (p.provincialCandidates.length) {
    out.push(para(`Có thể xem xét đề nghị Chiến sĩ thi đua cấp tỉnh: ${p.provincialCandidates.map((c) => `${c.name} (${c.unitName})`).join('; ')}.`, { indent: true, after: 60 }));
  }
  return out;
}


export function reviewTitle(r: ReviewReport): string {
  // "xếp hạng thi đua Khối thi đua các phòng…" reads twice: keep one "thi đua".
  const bloc = r.summary.bloc.name.replace(/^Khối thi đua\s+/i, 'Khối ');
  return `Kết quả chấm điểm, xếp hạng thi đua ${bloc} ${lowerFirst(periodLabel(r.summary.period))}`;
}

export async function buildReviewDocx(r: ReviewReport, date: Date = new Date()): Promise<Buffer> {
  const { summary } = r;
  const pageNumberHeader = new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.body })] })] });
  const empty = new Header({ children: [new Paragraph({ children: [] })] });
  const portrait = { page: { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: MARGIN } };
  const scored = summary.members.some((m) => m.hasScores);

  const first: ISectionOptions = {
    properties: { ...portrait, titlePage: true },
    headers: { default: pageNumberHeader, first: empty },
    children: [
      headerBlock(r, date),
      new Paragraph({ children: [text('BÁO CÁO', { bold: true })], alignment: AlignmentType.CENTER, spacing: { before: 360, after: 0 } }),
      centered(reviewTitle(r), { bold: true }),
      rule(PORTRAIT_WIDTH, 1800),
      heading('I. TÌNH HÌNH CHUNG'),
      ...r.narrative.map((t) => para(t, { indent: true })),
      heading('II. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG'),
      para(
        `${TOTAL_RULE_TEXT} ` +
          (summary.previousPeriod ? `Cột "Kỳ trước" là thứ hạng ${previousLabel(summary.previousPeriod)}.` : 'Chưa có kỳ chấm điểm trước cùng loại để so sánh thứ hạng.') +
          (summary.nonMembersScored.length ? ' (*) Đơn vị có điểm nhưng không có trong danh sách thành viên của khối năm ' + summary.period.year + '.' : ''),
        { indent: true, size: 26 },
      ),
      rankingTable(r),
      ...(scored ? [para('Chi tiết điểm theo từng tiêu chí tại Phụ lục kèm theo.', { indent: true, before: 120, italics: true })] : []),
      heading('III. HOẠT ĐỘNG TUYÊN TRUYỀN VÀ KHEN THƯỞNG CỦA CÁC ĐƠN VỊ'),
      activityTable(r),
      heading('IV. ĐỀ NGHỊ KHEN THƯỞNG'),
      ...proposalParagraphs(r),
      para(`Trên đây là báo cáo ${lowerFirst(reviewTitle(r))}./.`, { indent: true, before: 120 }),
      closingBlock(r),
    ],
  };
  const sections: ISectionOptions[] = [first];
  if (scored) {
    sections.push({
      properties: { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: MARGIN } },
      headers: { default: pageNumberHeader },
      children: [
        centered('PHỤ LỤC', { bold: true }),
        centered(`Điểm khối chấm theo tiêu chí — ${summary.bloc.name}, ${lowerFirst(periodLabel(summary.period))}`, { bold: true }),
        centered(appendixReference(r.settings['document.number_suffix'], date), { italics: true }, 120),
        criteriaTable(r),
        ...summary.members.filter((m) => m.hasScores && m.abbreviation).length
          ? [para(`Ghi chú: ${summary.members.filter((m) => m.hasScores && m.abbreviation).map((m) => `${m.abbreviation}: ${m.unitName}`).join('; ')}.`, { size: SIZE.small, italics: true, before: 120 })]
          : [],
      ],
    });
  }
  const doc = new Document({
    creator: r.header.issuer ?? '',
    title: `Báo cáo ${reviewTitle(r)}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections,
  });
  return Packer.toBuffer(doc);
}
