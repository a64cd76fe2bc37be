import type ExcelJS from 'exceljs';
import { formatNumber } from '@/lib/format';
import { csvText, encodeCsv } from './csv-layout';
import type { ScoreSheet, UnitScore } from './model';
import type { SampleFile } from './sample-file';
import type { SampleUnit } from './units';
import { col, ISSUER, newWorkbook, setWidths, workbookBytes, writeListHead, writeRow, writeSignature } from './xlsx-layout';

export function periodText(s: ScoreSheet): string {
  return s.half ? `6 THÁNG ĐẦU NĂM ${s.year}` : `NĂM ${s.year}`;
}

/** Title lines: the usual two (result + bloc), or the one-line form with the bloc's short name. */
export function scoreTitle(s: ScoreSheet, style: 'two-lines' | 'one-line'): string[] {
  if (style === 'one-line') return [`BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA KHỐI CÁC PHÒNG THUỘC SỞ ${periodText(s)}`];
  return [`BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA ${periodText(s)}`, s.bloc.titleName];
}

function issuer(s: ScoreSheet): string[] {
  return s.bloc.key === 'advisory' ? [ISSUER[0], 'KHỐI THI ĐUA THAM MƯU TỔNG HỢP'] : ISSUER;
}

function signDate(s: ScoreSheet): string {
  return s.half ? `${s.year}-07-08` : `${s.year}-12-22`;
}

const blankZero = (n: number): number | null => (n === 0 ? null : n);

export interface WideSpec {
  file: string;
  sheet: ScoreSheet;
  unitLabel: (u: SampleUnit) => string;
  /** Tự chấm / Khối chấm pair per unit, or assessed points only. */
  pairs: boolean;
  titleStyle: 'two-lines' | 'one-line';
  /** STT of the bonus and penalty rows ('' or roman numerals). */
  extraCodes: [string, string];
  /** Group subtotals and TỔNG CỘNG as formulas (with cached results), as most real sheets have. */
  formulas?: boolean;
  description: string;
  /** Deliberate mistakes for data/sample/with-errors (see errors.ts). */
  mutate?: (s: { assessed: (unit: number, criterion: number) => number; total: (unit: number) => number }) => {
    assessed?: [number, number, number];
    total?: [number, number];
  };
}

/** Where things landed, for the error expectations of with-errors files. */
export interface WideLayout {
  criterionRow: (criterion: number) => number;
  totalRow: number;
  assessedColumn: (unit: number) => string;
}

export async function wideScoreXlsx(spec: WideSpec): Promise<SampleFile & { layout: WideLayout }> {
  const s = spec.sheet;
  const per = spec.pairs ? 2 : 1;
  const width = 3 + s.scores.length * per;
  const wb = newWorkbook();
  const ws = wb.addWorksheet(s.half ? `6 thang ${s.year}` : `Nam ${s.year}`);
  const headers = spec.pairs
    ? [
        { text: 'STT' },
        { text: 'Nội dung tiêu chí' },
        { text: 'Điểm chuẩn' },
        ...s.scores.map((u) => ({ text: spec.unitLabel(u.unit), sub: ['Tự chấm', 'Khối chấm'] })),
      ]
    : ['STT', 'Nội dung tiêu chí', 'Điểm tối đa', ...s.scores.map((u) => spec.unitLabel(u.unit))];
  let r = writeListHead(ws, { issuer: issuer(s), title: scoreTitle(s, spec.titleStyle), width }, headers);

  const mutation = spec.mutate?.({ assessed: (u, c) => s.scores[u].assessed[c], total: (u) => s.scores[u].total }) ?? {};
  const assessedOf = (ui: number, ci: number) =>
    mutation.assessed && mutation.assessed[0] === ui && mutation.assessed[1] === ci ? mutation.assessed[2] : s.scores[ui].assessed[ci];
  const unitCells = (f: (u: UnitScore, ui: number) => [number | null, number | null]): (number | null)[] =>
    s.scores.flatMap((u, ui) => {
      const [self, assessed] = f(u, ui);
      return spec.pairs ? [self, assessed] : [assessed];
    });
  const criterionRows = new Map<number, number>();
  const fmt = new Array(width).fill(s.bloc.scale === 1000 ? '#,##0' : '0.0');
  fmt[0] = undefined;
  fmt[1] = undefined;

  const groupRows: { row: number; first: number; last: number }[] = [];
  const extraRows: { row: number; sign: 1 | -1 }[] = [];
  for (const g of s.groups) {
    groupRows.push({ row: r, first: r + 1, last: r + g.criteria.length });
    writeRow(
      ws,
      r++,
      [g.code, g.name.toUpperCase(), g.max, ...unitCells((u, ui) => [g.criteria.reduce((a, ci) => a + u.self[ci], 0), g.criteria.reduce((a, ci) => a + assessedOf(ui, ci), 0)])],
      fmt,
    );
    for (const ci of g.criteria) {
      const c = s.criteria[ci];
      criterionRows.set(ci, r);
      writeRow(ws, r++, [c.code, c.name, c.max, ...unitCells((u, ui) => [u.self[ci], assessedOf(ui, ci)])], fmt);
    }
  }
  s.criteria.forEach((c, ci) => {
    if (c.kind === 'criterion') return;
    const code = c.kind === 'bonus' ? spec.extraCodes[0] : spec.extraCodes[1];
    const label = c.kind === 'bonus' ? `Điểm thưởng (tối đa ${formatNumber(c.max)} điểm)` : `Điểm trừ (tối đa ${formatNumber(c.max)} điểm)`;
    criterionRows.set(ci, r);
    extraRows.push({ row: r, sign: c.kind === 'penalty' ? -1 : 1 });
    writeRow(ws, r++, [code, label, c.max, ...unitCells((u, ui) => [blankZero(u.self[ci]), blankZero(assessedOf(ui, ci))])], fmt);
  });
  const totalRow = r;
  writeRow(
    ws,
    r++,
    [
      '',
      'TỔNG CỘNG',
      s.bloc.scale,
      ...unitCells((u, ui) => {
        if (mutation.total && mutation.total[0] === ui) return [u.selfTotal, mutation.total[1]];
        // A raised criterion raises the sheet's own total too: only the maximum is wrong.
        const raised = mutation.assessed && mutation.assessed[0] === ui ? mutation.assessed[2] - u.assessed[mutation.assessed[1]] : 0;
        return [u.selfTotal, u.total + raised];
      }),
    ],
    fmt,
  );
  if (spec.formulas) {
    // As the Office builds them: group rows and TỔNG CỘNG are formulas with their cached results.
    for (let c = 4; c <= width; c++) {
      const L = col(c);
      const asFormula = (row: number, formula: string) => {
        const cell = ws.getCell(row, c);
        cell.value = { formula, result: (cell.value as number | null) ?? 0 } as ExcelJS.CellFormulaValue;
      };
      for (const g of groupRows) asFormula(g.row, `SUM(${L}${g.first}:${L}${g.last})`);
      const terms = [...groupRows.map((g) => `+${L}${g.row}`), ...extraRows.map((e) => `${e.sign > 0 ? '+' : '-'}${L}${e.row}`)];
      asFormula(totalRow, terms.join('').replace(/^\+/, ''));
    }
  }
  s.scores.forEach((u, ui) => {
    const c = 4 + ui * per;
    if (spec.pairs) ws.mergeCells(r, c, r, c + 1);
    ws.getCell(r, c).value = u.rank;
    ws.getCell(r, c).alignment = { horizontal: 'center' };
  });
  ws.getCell(r, 2).value = 'XẾP HẠNG';
  ws.getCell(r, 2).font = { bold: true };
  r++;
  writeSignature(ws, r, width, signDate(s), s.bloc.key === 'advisory' ? 'Trưởng Khối thi đua' : 'Phạm Quốc Thắng');
  setWidths(ws, [6, 50, 10, ...new Array(s.scores.length * per).fill(spec.pairs ? 9 : 12)]);
  return {
    file: spec.file,
    dataset: 'scores',
    rows: s.scores.length * s.criteria.length,
    bytes: await workbookBytes(wb),
    description: spec.description,
    layout: {
      criterionRow: (ci) => criterionRows.get(ci)!,
      totalRow,
      assessedColumn: (ui) => col(3 + ui * per + per),
    },
  };
}

export interface LongSpec {
  file: string;
  sheet: ScoreSheet;
  unitLabel: (u: SampleUnit) => string;
  description: string;
}

function longRows(s: ScoreSheet, unitLabel: (u: SampleUnit) => string, num: (n: number) => string | number): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (const u of s.scores) {
    s.criteria.forEach((c, ci) => {
      out.push([unitLabel(u.unit), c.code, c.name, num(c.max), num(u.self[ci]), num(u.assessed[ci])]);
    });
  }
  return out;
}

const LONG_HEADERS = ['Đơn vị', 'STT', 'Tiêu chí', 'Điểm tối đa', 'Tự chấm', 'Khối chấm'];

export async function longScoreXlsx(spec: LongSpec): Promise<SampleFile> {
  const s = spec.sheet;
  const wb = newWorkbook();
  const ws = wb.addWorksheet('Chấm điểm');
  let r = writeListHead(ws, { issuer: issuer(s), title: scoreTitle(s, 'two-lines'), width: 6 }, LONG_HEADERS, false);
  for (const row of longRows(s, spec.unitLabel, (n) => n)) writeRow(ws, r++, row as ExcelJS.CellValue[]);
  writeSignature(ws, r, 6, signDate(s), 'Phạm Quốc Thắng');
  setWidths(ws, [30, 6, 50, 10, 10, 10]);
  return { file: spec.file, dataset: 'scores', rows: s.scores.length * s.criteria.length, bytes: await workbookBytes(wb), description: spec.description };
}

/** LONG as CSV: the title in the first line, vi-VN decimals ("18,5"). */
export function longScoreCsv(spec: LongSpec): SampleFile {
  const s = spec.sheet;
  const rows: (string | number)[][] = [
    [scoreTitle(s, 'two-lines').join(' ')],
    [],
    LONG_HEADERS,
    ...longRows(s, spec.unitLabel, (n) => formatNumber(n)),
  ];
  return {
    file: spec.file,
    dataset: 'scores',
    rows: s.scores.length * s.criteria.length,
    bytes: encodeCsv(csvText(rows, ';'), 'utf-8-bom'),
    description: spec.description,
  };
}
