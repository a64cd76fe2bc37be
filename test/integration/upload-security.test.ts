import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@/lib/db/client';
import { importFile, undoBatch } from '@/etl/pipeline';
import type { SessionUser } from '@/lib/auth/types';
import { canReimport, getBatch, originalPath } from '@/lib/upload/batches';
import { buildErrorWorkbook, ERROR_WORKBOOK_LIMITS } from '@/lib/upload/error-workbook';
import { originalsDir } from '@/lib/upload/paths';
import type { RawRow } from '@/lib/import/types';

const SAMPLE = path.resolve('data/sample');
const office: SessionUser = { userId: 2, username: 'vanphong', role: 'office' };
const otherOffice: SessionUser = { userId: 4, username: 'vanphong2', role: 'office' };
const admin: SessionUser = { userId: 3, username: 'quantri', role: 'admin' };

describe('upload: bounded error workbook', () => {
  it('copies at most maxRows rows and lists at most maxIssues issues, saying so, without holding the sheet', async () => {
    async function* rows(): AsyncIterable<RawRow> {
      yield { rowNumber: 1, cells: ['Đơn vị', 'Số người'] };
      for (let r = 2; r <= 1_000_000; r++) yield { rowNumber: r, cells: [`Phòng ${r}`, r] };
    }
    const issues = Array.from({ length: 500 }, (_, i) => ({ row: i + 2, column: 'Số người', message: `sai ${i}`, severity: 'error' as const }));
    const bytes = await buildErrorWorkbook({
      sheetName: 'S',
      rows: rows(),
      errors: issues,
      warnings: [],
      headerMapping: [{ column: 'A', header: 'Đơn vị', field: 'unit' }, { column: 'B', header: 'Số người', field: 'participants' }],
      fileName: 'lon.csv',
      maxRows: 1000,
      maxIssues: 100,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(1000);
    expect(ws.getCell('C1').value).toBe('Lỗi');
    expect(String(ws.getCell('C2').value)).toMatch(/^Lỗi \(Số người\): sai 0/);
    expect((ws.getCell('B2').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF8B4B4');
    const list = wb.getWorksheet('Danh sách lỗi')!;
    const texts = list.getColumn(4).values.map(String);
    expect(texts.filter((t) => t.startsWith('sai '))).toHaveLength(100);
    expect(texts.some((t) => t.includes('Chỉ liệt kê 100 trong 500'))).toBe(true);
    expect(texts.some((t) => t.includes('chỉ chép 1.000 dòng đầu'))).toBe(true);
    expect(ERROR_WORKBOOK_LIMITS.maxRows).toBeLessThanOrEqual(50_000);
  });
});

describe('upload: originals per batch, re-import rules', () => {
  let db: Db;
  let tmp: string;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-upsec-'));
    process.env.THIDUA_UPLOAD_DIR = tmp;
    db = await openDb(':memory:');
    expect((await importFile(db, { path: path.join(SAMPLE, 'don-vi-khoi-thi-dua.xlsx') }, { fileName: 'don-vi.xlsx', importedBy: 'cli' })).status).toBe('loaded');
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('keeps one original per batch: loading the same file again after an undo does not share or replace the first', async () => {
    const file = path.join(SAMPLE, 'corrected/hoat-dong-so-nguoi-am.xlsx');
    const opts = { fileName: 'hoat-dong.xlsx', importedBy: 'vanphong', storeOriginalDir: originalsDir() };
    const first = await importFile(db, { path: file }, opts);
    expect(first.status).toBe('loaded');
    await undoBatch(db, first.batchId!, 'vanphong');
    const second = await importFile(db, { path: file }, opts);
    expect(second.status).toBe('loaded');
    const a = originalPath((await getBatch(db, first.batchId!))!);
    const b = originalPath((await getBatch(db, second.batchId!))!);
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(a).not.toBe(b);
    // Removing the second batch's file (what a failed load does) leaves the undone batch's original.
    fs.rmSync(b!);
    expect(fs.readFileSync(a!)).toEqual(fs.readFileSync(file));

    const loaded = (await getBatch(db, second.batchId!))!;
    const undone = (await getBatch(db, first.batchId!))!;
    expect(canReimport(office, loaded)).toMatchObject({ status: 409 });
    expect(canReimport(office, undone)).toBeNull();
    expect(canReimport(admin, undone)).toBeNull();
    expect(canReimport(otherOffice, undone)).toMatchObject({ status: 403 });
    expect(canReimport({ ...office, role: 'viewer' }, undone)).toMatchObject({ status: 403 });
  });
});
