import ExcelJS from 'exceljs';
import { PRODUCT_NAME } from '@/lib/domain';
import { safeCell } from '../spreadsheet-safety';
import { periodLabel } from '../periods';
import type { ReviewReport } from './report';
import { previousLabel } from './labels';

/**
 * The review as a workbook: "Xếp hạng" (ranking, activities, awards) and "Tiêu chí" (assessed
 * points by criterion, units as columns). Numbers stay numbers with number formats — Excel and
 * LibreOffice render them with the reader's locale (1.234,56 in vi-VN); every text cell is
 * neutralised against formula injection; the header rows are frozen.
 */

const POINTS = '#,##0.00';
const INTEGER = '#,##0';
/** A value that does not exist (no previous rank), as the DOCX and the page show it. */
const NONE = '–';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
};

type Value = string | number | null;

function addRow(ws: ExcelJS.Worksheet, values: Value[], formats: (string | undefined)[] = []): ExcelJS.Row {
  const row = ws.addRow(values.map((v) => (v === null ? null : safeCell(v))));
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    cell.border = THIN;
    const f = formats[col - 1];
    if (f && typeof cell.value === 'number') cell.numFmt = f;
    cell.alignment = { vertical: 'middle', wrapText: typeof cell.value === 'string' };
  });
  return row;
}

function title(ws: ExcelJS.Worksheet, lines: string[], width: number): void {
  for (const line of lines) {
    const row = ws.addRow([safeCell(line)]);
    ws.mergeCells(row.number, 1, row.number, width);
    row.font = { bold: true, size: 13 };
    row.alignment = { horizontal: 'center' };
  }
  ws.addRow([]);
}

function header(ws: ExcelJS.Worksheet, labels: string[]): void {
  const row = addRow(ws, labels);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  ws.views = [{ state: 'frozen', ySplit: row.number, xSplit: 2 }];
}

export async function buildReviewXlsx(r: ReviewReport): Promise<Buffer> {
  const { summary } = r;
  const wb = new ExcelJS.Workbook();
  wb.creator = PRODUCT_NAME;
  // Fixed dates keep the bytes reproducible for the same data.
  wb.created = wb.modified = new Date(Date.UTC(summary.period.year, 0, 1));
  const heading = [summary.bloc.name.toUpperCase(), `KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA ${periodLabel(summary.period).toUpperCase()}`];

  const rank = wb.addWorksheet('Xếp hạng');
  const rankCols = [
    'STT', 'Đơn vị', 'Thành viên khối', 'Tự chấm', 'Khối chấm', 'Chênh lệch (tự chấm − khối chấm)', 'Xếp hạng',
    summary.previousPeriod ? `Hạng ${previousLabel(summary.previousPeriod)}` : 'Hạng kỳ trước', 'Thay đổi hạng (+ tăng)', 'Số tiêu chí thiếu điểm',
    'Hoạt động tuyên truyền', 'Lượt tham gia', `Danh hiệu thi đua năm ${summary.period.year}`, 'Hình thức khen thưởng',
    'Đề nghị',
  ];
  title(rank, heading, rankCols.length);
  header(rank, rankCols);
  const proposalOf = new Map(r.proposals.proposals.map((p) => [p.unitId, p.award]));
  summary.members.forEach((m, i) => {
    addRow(
      rank,
      [
        // No previous rank is «–», as in the document: an empty cell reads as 0 in sums and charts.
        i + 1, m.unitName, m.isMember ? 'Có' : 'Không', m.selfTotal, m.total, m.gap, m.rank ?? 'Chưa chấm', m.previousRank ?? NONE,
        m.rankChange ?? NONE, m.hasScores ? m.missingCriteria.length : null, m.activities, m.participants, m.awards.titles,
        m.awards.commendations, proposalOf.get(m.unitId) ?? null,
      ],
      [INTEGER, undefined, undefined, POINTS, POINTS, POINTS, INTEGER, INTEGER, '+#,##0;-#,##0;0', INTEGER, INTEGER, INTEGER, INTEGER, INTEGER],
    );
  });
  rank.columns.forEach((c, i) => (c.width = i === 1 ? 42 : i === 14 ? 34 : 13));
  rank.addRow([]);
  for (const b of r.proposals.breaches) rank.addRow([null, safeCell(`Tỷ lệ khen thưởng: ${b.message}`)]);
  for (const u of summary.unitsWithoutScores) rank.addRow([null, safeCell(`Chưa có kết quả chấm điểm: ${u}`)]);

  const crit = wb.addWorksheet('Tiêu chí');
  const scored = summary.members.filter((m) => m.hasScores);
  const critCols = ['STT', 'Tiêu chí', 'Loại', 'Điểm tối đa', ...scored.map((m) => m.unitName)];
  title(crit, heading, Math.max(critCols.length, 4));
  header(crit, critCols);
  const pointFormats = [undefined, undefined, undefined, POINTS, ...scored.map(() => POINTS)];
  for (const g of summary.groups) {
    if (g.name) {
      const row = addRow(crit, [null, g.name, 'Nhóm', g.maxPoints, ...scored.map((m) => m.groupTotals[g.name])], pointFormats);
      row.font = { bold: true };
      row.eachCell((c) => (c.fill = GROUP_FILL));
    }
    for (const key of g.criterionKeys) {
      const c = summary.criteria.find((x) => x.key === key)!;
      addRow(crit, [c.code, c.name, 'Tiêu chí', c.maxPoints, ...scored.map((m) => m.points[key]?.assessed ?? null)], pointFormats);
    }
  }
  for (const c of summary.criteria.filter((x) => x.kind !== 'criterion')) {
    addRow(
      crit,
      [c.code, c.name, c.kind === 'bonus' ? 'Điểm thưởng' : 'Điểm trừ', c.maxPoints, ...scored.map((m) => m.points[c.key]?.assessed ?? 0)],
      pointFormats,
    );
  }
  const total = addRow(crit, [null, 'TỔNG CỘNG', null, summary.maxTotal, ...scored.map((m) => m.total)], pointFormats);
  total.font = { bold: true };
  const ranks = addRow(crit, [null, 'XẾP HẠNG', null, null, ...scored.map((m) => m.rank)], [undefined, undefined, undefined, undefined, ...scored.map(() => INTEGER)]);
  ranks.font = { bold: true };
  crit.columns.forEach((c, i) => (c.width = i === 1 ? 50 : i < 4 ? 11 : 16));

  return Buffer.from(await wb.xlsx.writeBuffer());
}
