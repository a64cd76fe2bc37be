import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, withWriteTransaction, queryOn, type Db } from '@/lib/db/client';
import { buildReviewDocx } from '@/lib/review/docx';
import { buildReviewReport } from '@/lib/review/report';
import { buildReviewXlsx } from '@/lib/review/xlsx';
import { FIXTURE_BLOC, insertReviewFixture } from './review-fixture';

const run = promisify(execFile);
let dir: string;
let db: Db;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-export-'));
  db = await openDb(':memory:');
  await insertReviewFixture(db);
  // A unit name that a spreadsheet would run as a formula.
  await withWriteTransaction(db, (c) => queryOn(c, `UPDATE units SET name = '=HYPERLINK("http://x","Phòng D")' WHERE name = 'Phòng D'`));
});
afterAll(() => {
  db?.closeSync();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('review documents', () => {
  it('XLSX: ranking and criteria sheets, numbers as numbers with formats, frozen header, text neutralised', async () => {
    const report = await buildReviewReport(db, FIXTURE_BLOC, '2022-H1');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildReviewXlsx(report)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Xếp hạng', 'Tiêu chí']);
    const rank = wb.getWorksheet('Xếp hạng')!;
    const headerRow = rank.views[0] as { state: string; ySplit: number };
    expect(headerRow.state).toBe('frozen');
    const header = rank.getRow(headerRow.ySplit).values as unknown[];
    expect(header.slice(1, 8)).toEqual(['STT', 'Đơn vị', 'Thành viên khối', 'Tự chấm', 'Khối chấm', 'Chênh lệch (tự chấm − khối chấm)', 'Xếp hạng']);
    const first = rank.getRow(headerRow.ySplit + 1);
    expect([first.getCell(2).value, first.getCell(5).value, first.getCell(7).value, first.getCell(9).value]).toEqual(['Phòng A', 95, 1, 1]);
    expect(first.getCell(5).numFmt).toBe('#,##0.00');
    const names = Array.from({ length: 5 }, (_, i) => rank.getRow(headerRow.ySplit + 1 + i).getCell(2).value);
    expect(names).toContain(`'=HYPERLINK("http://x","Phòng D")`);
    const crit = wb.getWorksheet('Tiêu chí')!;
    const values = crit.getSheetValues().flat().filter((v) => typeof v === 'number');
    expect(values).toContain(38); // Phòng A, criterion 1
    let formulas = 0;
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => (formulas += c.type === ExcelJS.ValueType.Formula ? 1 : 0))));
    expect(formulas).toBe(0);
  });

  it('XLSX: «–» where a unit has no previous rank or change of rank, never an empty cell read as 0', async () => {
    const report = await buildReviewReport(db, FIXTURE_BLOC, '2022-H1');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildReviewXlsx(report)) as unknown as ArrayBuffer);
    const rank = wb.getWorksheet('Xếp hạng')!;
    const top = (rank.views[0] as { ySplit: number }).ySplit;
    const cells = report.summary.members.map((m, i) => {
      const row = rank.getRow(top + 1 + i);
      return { expected: [m.previousRank ?? '–', m.rankChange ?? '–'], actual: [row.getCell(8).value, row.getCell(9).value] };
    });
    for (const c of cells) expect(c.actual).toEqual(c.expected);
    expect(cells.some((c) => c.actual[0] === '–')).toBe(true);
    expect(cells.some((c) => typeof c.actual[0] === 'number')).toBe(true);
  });

  it('DOCX converts to PDF with LibreOffice headless', async () => {
    const report = await buildReviewReport(db, FIXTURE_BLOC, '2022-H1');
    const docx = path.join(dir, 'bao-cao.docx');
    fs.writeFileSync(docx, await buildReviewDocx(report, new Date(2026, 10, 27)));
    const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p)) ?? 'soffice';
    await run(soffice, [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 240_000 });
    const pdf = fs.readFileSync(path.join(dir, 'bao-cao.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Portrait pages first, the landscape appendix last.
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
  }, 300_000);
});

describe('report CLI', () => {
  const cli = (args: string[]) =>
    // node --import tsx: what `npm run -s report` runs, without npx's start-up cost.
    run(process.execPath, ['dist/thidua.js', 'report', ...args], { cwd: path.resolve(import.meta.dirname, '../..'), timeout: 120_000 }).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );

  it('writes a DOCX, and exits 1 on an unknown bloc and 2 on wrong usage', async () => {
    const file = path.join(dir, 'cli.duckdb');
    const fileDb = await openDb(file);
    await insertReviewFixture(fileDb);
    fileDb.closeSync();
    const docx = await cli(['review', '--bloc', 'khoi phong', '--period', '2022-H1', '--format', 'docx', '--out', path.join(dir, 'a.docx'), '--db', file]);
    expect(docx).toEqual({ code: 0, stderr: expect.stringContaining('4 đơn vị có điểm') });
    expect(fs.readFileSync(path.join(dir, 'a.docx')).subarray(0, 2).toString()).toBe('PK');
    const unknown = await cli(['review', '--bloc', 'không có', '--period', '2022-H1', '--format', 'xlsx', '--out', path.join(dir, 'b.xlsx'), '--db', file]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Không tìm thấy khối thi đua');
    const usage = await cli(['review', '--bloc', 'x', '--period', '2022-H1', '--format', 'pdf', '--out', 'x', '--db', file]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--format phải là docx hoặc xlsx');
  }, 240_000);
});
