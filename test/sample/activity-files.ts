import type ExcelJS from 'exceljs';
import { formatNumber } from '@/lib/format';
import { csvText, encodeCsv, tcvn3Punctuation, type CsvEncoding } from './csv-layout';
import type { Activity } from './model';
import { Rng } from './prng';
import type { SampleFile } from './sample-file';
import { DIVISIONS, type SampleUnit } from './units';
import { ISSUER, newWorkbook, setWidths, workbookBytes, writeBandRow, writeHeaderRow, writeListHead, writeRow, writeSignature } from './xlsx-layout';

/** How a file writes a date: a real date cell, `dd/mm/yyyy` text, an Excel serial number, ISO text. */
export type DateMode = 'date-cell' | 'dmy-text' | 'dmy-short' | 'serial' | 'iso-text';

export function dateCell(iso: string, mode: DateMode): ExcelJS.CellValue {
  const [y, m, d] = iso.split('-').map(Number);
  switch (mode) {
    case 'date-cell':
      return new Date(Date.UTC(y, m - 1, d));
    case 'dmy-text':
      return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
    case 'dmy-short':
      return `${d}/${m}/${y}`;
    case 'serial':
      return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
    case 'iso-text':
      return iso;
  }
}

/** The unit as this file writes it: canonical name mostly, else one of its usual spellings. */
export function spellUnit(rng: Rng, unit: SampleUnit, messy: number): string {
  if (!rng.chance(messy) || unit.spellings.length === 0) return unit.name;
  const s = rng.pick(unit.spellings);
  return rng.chance(0.1) ? ` ${s}  ` : s; // stray spaces, as typed
}

function participantsText(n: number, viNumbers: boolean): string | number {
  return viNumbers ? formatNumber(n) : n;
}

export interface ActivityXlsxSpec {
  file: string;
  title: string[];
  activities: Activity[];
  dateMode: DateMode;
  messyUnits: number;
  twoRowHeader: boolean;
  /** Adds a VLOOKUP helper column whose cached value is #N/A (typical of the Office's files). */
  helperColumn?: boolean;
  /** A second sheet with the code list, so the reader must choose the sheet with data. */
  codeListSheet?: boolean;
  sheetName: string;
  signDate: string;
  seed: number;
  description: string;
  /** Deliberate mistakes for data/sample/with-errors: edits the cells of data row i. */
  patch?: (i: number, values: ExcelJS.CellValue[]) => void;
}

const DATE_FORMAT = 'dd/mm/yyyy';

export async function activityXlsx(spec: ActivityXlsxSpec): Promise<SampleFile & { rowOf: (i: number) => number }> {
  const rng = new Rng(spec.seed);
  const wb = newWorkbook();
  const ws = wb.addWorksheet(spec.sheetName);
  const headersFlat = spec.helperColumn
    ? ['STT', 'Thời gian', 'Đơn vị chủ trì', 'Mã ĐV (tra cứu)', 'Kênh tuyên truyền', 'Tên hoạt động', 'Phong trào', 'Số lượt tham gia', 'Điển hình tiên tiến']
    : ['STT', 'Ngày\nthực hiện', 'Đơn vị', 'Hình thức', 'Nội dung', 'Phong trào thi đua', 'Số người\ntham gia', 'Điển hình tiên tiến'];
  const width = spec.twoRowHeader ? 8 : headersFlat.length;
  const headers = spec.twoRowHeader
    ? [
        { text: 'STT' },
        { text: 'Ngày thực hiện' },
        { text: 'Đơn vị thực hiện' },
        { text: 'Hình thức tuyên truyền' },
        { text: 'Nội dung tuyên truyền' },
        { text: 'Phong trào' },
        { text: 'Kết quả', sub: ['Số người tham gia', 'Điển hình tiên tiến'] },
      ]
    : headersFlat;
  let r = writeListHead(ws, { issuer: ISSUER, title: spec.title, width }, headers);
  const firstDataRow = r;
  const fmt = spec.dateMode === 'date-cell' ? DATE_FORMAT : undefined;
  spec.activities.forEach((a, i) => {
    const unit = spellUnit(rng, a.unit, spec.messyUnits);
    const date = dateCell(a.date, spec.dateMode);
    const values: ExcelJS.CellValue[] = spec.helperColumn
      ? [
          i + 1,
          date,
          unit,
          { formula: `VLOOKUP(C${r},'Danh mục'!A:B,2,0)`, result: { error: '#N/A' } } as ExcelJS.CellFormulaValue,
          a.channelText,
          a.title,
          a.movement ?? '',
          a.participants,
          a.exemplar ?? '',
        ]
      : [i + 1, date, unit, a.channelText, a.title, a.movement ?? '', a.participants, a.exemplar ?? ''];
    spec.patch?.(i, values);
    writeRow(ws, r, values, [undefined, fmt, undefined, undefined, undefined, undefined, spec.helperColumn ? undefined : '#,##0']);
    r++;
  });
  const total = spec.activities.reduce((s, a) => s + a.participants, 0);
  writeBandRow(ws, r, width, `Tổng cộng: ${formatNumber(spec.activities.length)} hoạt động, ${formatNumber(total)} lượt người tham gia`);
  writeSignature(ws, r + 1, width, spec.signDate, 'Nguyễn Văn Hùng', 'Trần Thị Thắm');
  setWidths(ws, spec.helperColumn ? [6, 12, 28, 10, 24, 60, 40, 12, 30] : [6, 12, 28, 24, 60, 40, 12, 30]);
  if (spec.codeListSheet) {
    const cl = wb.addWorksheet('Danh mục');
    writeHeaderRow(cl, 1, ['Hình thức tuyên truyền', 'Ghi chú']);
    ['Cổng thông tin điện tử', 'Chính quyền điện tử (Zalo, Facebook)', 'Hội nghị, tọa đàm', 'Cuộc thi', 'Văn nghệ, thể thao', 'Tham quan học tập kinh nghiệm'].forEach((c, i) =>
      writeRow(cl, i + 2, [c, '']),
    );
  }
  return {
    file: spec.file,
    dataset: 'activities',
    rows: spec.activities.length,
    bytes: await workbookBytes(wb),
    description: spec.description,
    rowOf: (i) => firstDataRow + i,
  };
}

export interface ActivityCsvSpec {
  file: string;
  activities: Activity[];
  encoding: CsvEncoding;
  delimiter: string;
  dateMode: Exclude<DateMode, 'date-cell' | 'serial'>;
  viNumbers: boolean;
  messyUnits: number;
  seed: number;
  description: string;
  patch?: (i: number, values: (string | number | null)[]) => void;
  /** Share of rows whose text is in NFD (decomposed), as some Mac and web exports write it. */
  nfdShare?: number;
  /** Header of the "Nội dung" column as typed (e.g. with a typo). */
  titleHeader?: string;
}

export function activityCsv(spec: ActivityCsvSpec): SampleFile & { rowOf: (i: number) => number } {
  const rng = new Rng(spec.seed);
  const rows: (string | number | null)[][] = [
    ['STT', 'Ngày', 'Đơn vị', 'Hình thức', spec.titleHeader ?? 'Nội dung', 'Số người tham gia', 'Phong trào', 'Điển hình tiên tiến'],
  ];
  spec.activities.forEach((a, i) => {
    const values = [
      i + 1,
      dateCell(a.date, spec.dateMode) as string,
      spellUnit(rng, a.unit, spec.messyUnits),
      a.channelText,
      a.title,
      participantsText(a.participants, spec.viNumbers),
      a.movement ?? '',
      a.exemplar ?? '',
    ];
    spec.patch?.(i, values);
    const nfd = spec.nfdShare !== undefined && rng.chance(spec.nfdShare);
    const typed = spec.encoding === 'tcvn3' ? values.map((v) => (typeof v === 'string' ? tcvn3Punctuation(v) : v)) : values;
    rows.push(nfd ? typed.map((v) => (typeof v === 'string' ? v.normalize('NFD') : v)) : typed);
  });
  return {
    file: spec.file,
    dataset: 'activities',
    rows: spec.activities.length,
    bytes: encodeCsv(csvText(rows, spec.delimiter), spec.encoding),
    description: spec.description,
    rowOf: (i) => i + 2,
  };
}

export const divisionByAbbr = (abbr: string): SampleUnit => DIVISIONS.find((u) => u.abbreviation === abbr)!;
