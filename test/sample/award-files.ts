import type ExcelJS from 'exceljs';
import { csvText, encodeCsv } from './csv-layout';
import { dateCell } from './activity-files';
import type { Award } from './model';
import { Rng } from './prng';
import type { SampleFile } from './sample-file';
import { ALL_UNITS } from './units';
import { ISSUER, newWorkbook, setWidths, workbookBytes, writeBandRow, writeListHead, writeRow, writeSignature, type HeaderSpec } from './xlsx-layout';

/** How the list writes the recipient's unit. */
function awardUnit(rng: Rng, a: Award): string {
  const unit = ALL_UNITS.find((u) => u.name === a.unitName);
  if (!unit || !rng.chance(0.4)) return a.unitName;
  return rng.pick(unit.spellings);
}

function dmy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Collectives first (I. TẬP THỂ), then individuals (II. CÁ NHÂN), each in decision order. */
function sections(awards: Award[]): [string, Award[]][] {
  return [
    ['I. TẬP THỂ', awards.filter((a) => a.recipientType === 'collective')],
    ['II. CÁ NHÂN', awards.filter((a) => a.recipientType === 'individual')],
  ];
}

export interface AwardXlsxSpec {
  file: string;
  title: string[];
  awards: Award[];
  /** One "Số, ngày quyết định" column ("125/QĐ-STC ngày 20/12/2021") instead of two. */
  combinedDecision: boolean;
  withYear: boolean;
  instructionsSheet?: boolean;
  seed: number;
  signDate: string;
  description: string;
}

export async function awardXlsx(spec: AwardXlsxSpec): Promise<SampleFile & { rowOf: (a: Award) => number }> {
  const rng = new Rng(spec.seed);
  const wb = newWorkbook();
  if (spec.instructionsSheet) {
    // The instructions come first in some workbooks: the reader must pick the sheet with data.
    const hd = wb.addWorksheet('Hướng dẫn');
    [
      'HƯỚNG DẪN LẬP DANH SÁCH KHEN THƯỞNG',
      '1. Ghi tập thể ở mục I, cá nhân ở mục II.',
      '2. Cột «Hình thức khen thưởng» ghi theo quyết định (LĐTT, CSTĐCS, Bằng khen UBND tỉnh…).',
      '3. Ngày quyết định ghi dạng ngày/tháng/năm.',
    ].forEach((line, i) => (hd.getCell(i + 1, 1).value = line));
  }
  const ws = wb.addWorksheet('Danh sách');
  const width = spec.combinedDecision ? 6 + (spec.withYear ? 1 : 0) : 7 + (spec.withYear ? 1 : 0);
  const headers: string[] | HeaderSpec[] = spec.combinedDecision
    ? ['STT', 'Họ và tên', 'Đơn vị', 'Danh hiệu/Hình thức khen thưởng', 'Số, ngày quyết định', ...(spec.withYear ? ['Năm'] : []), 'Ghi chú']
    : [
        { text: 'STT' },
        { text: 'Tên tập thể/cá nhân' },
        { text: 'Đơn vị' },
        { text: 'Hình thức khen thưởng' },
        { text: 'Quyết định', sub: ['Số quyết định', 'Ngày quyết định'] },
        ...(spec.withYear ? [{ text: 'Năm' }] : []),
        { text: 'Ghi chú' },
      ];
  let r = writeListHead(ws, { issuer: ISSUER, title: spec.title, width }, headers);
  const rows = new Map<Award, number>();
  for (const [label, list] of sections(spec.awards)) {
    writeBandRow(ws, r++, width, label);
    list.forEach((a, i) => {
      const decision: ExcelJS.CellValue[] = spec.combinedDecision
        ? [`${a.decisionNo} ngày ${dmy(a.decisionDate)}`]
        : [a.decisionNo, dateCell(a.decisionDate, 'date-cell')];
      const values: ExcelJS.CellValue[] = [i + 1, a.recipient, awardUnit(rng, a), a.awardWritten, ...decision];
      if (spec.withYear) values.push(a.year);
      values.push('');
      writeRow(ws, r, values, spec.combinedDecision ? [] : [undefined, undefined, undefined, undefined, undefined, 'dd/mm/yyyy']);
      rows.set(a, r);
      r++;
    });
  }
  writeBandRow(ws, r, width, `Tổng cộng: ${spec.awards.filter((a) => a.recipientType === 'collective').length} tập thể, ${spec.awards.filter((a) => a.recipientType === 'individual').length} cá nhân`);
  writeSignature(ws, r + 1, width, spec.signDate, 'Lê Minh Tuấn');
  setWidths(ws, [6, 34, 36, 40, 28, 10, 12, 12]);
  return { file: spec.file, dataset: 'awards', rows: spec.awards.length, bytes: await workbookBytes(wb), description: spec.description, rowOf: (a) => rows.get(a)! };
}

export function awardCsv(file: string, awards: Award[], seed: number, description: string): SampleFile {
  const rng = new Rng(seed);
  const rows: (string | number)[][] = [['STT', 'Họ tên', 'Loại', 'Đơn vị', 'Danh hiệu thi đua/Hình thức khen thưởng', 'Số quyết định', 'Ngày quyết định', 'Năm']];
  awards.forEach((a, i) =>
    rows.push([i + 1, a.recipient, a.recipientType === 'collective' ? 'Tập thể' : 'Cá nhân', awardUnit(rng, a), a.awardWritten, a.decisionNo, dmy(a.decisionDate), a.year]),
  );
  return { file, dataset: 'awards', rows: awards.length, bytes: encodeCsv(csvText(rows, ';'), 'utf-8-bom'), description };
}
