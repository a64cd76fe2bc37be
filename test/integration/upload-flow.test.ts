import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { importFile } from '@/etl/pipeline';
import type { SessionUser } from '@/lib/auth/types';
import { receiveToFile, UploadRejectedError } from '@/lib/upload/receive';
import { stagingDir, uploadRoot } from '@/lib/upload/paths';
import { createStagedUpload, getStagedUpload } from '@/lib/upload/staging';
import { runStagedImport } from '@/lib/upload/run-import';
import { canUndo, getBatch, listBatchHistory, originalPath } from '@/lib/upload/batches';
import { buildErrorWorkbook } from '@/lib/upload/error-workbook';
import { openSpreadsheet } from '@/etl/read';
import { importLimits } from '@/lib/env';
import { addOfficeAlias, listUnresolvedNames } from '@/lib/upload/aliases';
import { parseChoices } from '@/lib/upload/choices';
import { decodeFileName } from '@/lib/upload/file-name';

const SAMPLE = path.resolve('data/sample');
const office: SessionUser = { userId: 2, username: 'vanphong', role: 'office' };
const otherOffice: SessionUser = { userId: 4, username: 'vanphong2', role: 'office' };
const admin: SessionUser = { userId: 3, username: 'quantri', role: 'admin' };
const noop = () => undefined;

function bodyOf(bytes: Buffer, chunk = 1000): ReadableStream<Uint8Array> {
  let off = 0;
  return new ReadableStream({
    pull(c) {
      if (off >= bytes.length) return c.close();
      c.enqueue(new Uint8Array(bytes.subarray(off, off + chunk)));
      off += chunk;
    },
  });
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function stage(db: Db, file: string, user = office) {
  const bytes = fs.readFileSync(file);
  const got = await receiveToFile(bodyOf(bytes, 64 * 1024), { dir: stagingDir(), ext: path.extname(file), maxBytes: 10 * 1024 * 1024, expectedSize: bytes.length, expectedSha256: sha(bytes) });
  const id = await createStagedUpload(db, { user, fileName: path.basename(file), fileSize: got.size, sha256: got.sha256, stagedPath: got.path });
  return (await getStagedUpload(db, id, user))!;
}

const count = async (db: Db, view: string) => (await query(db, `SELECT count(*)::INTEGER AS n FROM ${view}`))[0].n as number;

describe('upload: receiving the body', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-recv-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores the body and checks size and sha256', async () => {
    const bytes = Buffer.from('STT;Ngày\n1;01/01/2022\n');
    const got = await receiveToFile(bodyOf(bytes, 5), { dir, ext: '.csv', maxBytes: 1000, expectedSize: bytes.length, expectedSha256: sha(bytes) });
    expect(got.size).toBe(bytes.length);
    expect(fs.readFileSync(got.path)).toEqual(bytes);
  });

  it('refuses past the limit while streaming (413), a truncated body and a wrong sha256 (400), leaving no file', async () => {
    const bytes = Buffer.alloc(5000, 65);
    const before = fs.readdirSync(dir).length;
    const tooBig = receiveToFile(bodyOf(bytes), { dir, ext: '', maxBytes: 4096, expectedSize: null, expectedSha256: sha(bytes) });
    await expect(tooBig).rejects.toMatchObject({ status: 413 });
    await expect(tooBig).rejects.toThrow(/vượt quá giới hạn/);
    await expect(receiveToFile(bodyOf(bytes), { dir, ext: '', maxBytes: 10_000, expectedSize: 6000, expectedSha256: sha(bytes) })).rejects.toThrow(/không đầy đủ/);
    const wrong = receiveToFile(bodyOf(bytes), { dir, ext: '', maxBytes: 10_000, expectedSize: 5000, expectedSha256: sha(Buffer.from('x')) });
    await expect(wrong).rejects.toBeInstanceOf(UploadRejectedError);
    await expect(wrong).rejects.toThrow(/SHA-256/);
    await expect(receiveToFile(bodyOf(Buffer.alloc(0)), { dir, ext: '', maxBytes: 10, expectedSize: 0, expectedSha256: sha(Buffer.alloc(0)) })).rejects.toThrow(/rỗng/);
    expect(fs.readdirSync(dir).length).toBe(before);
  });

  it('decodes Vietnamese file names and strips paths', () => {
    expect(decodeFileName(encodeURIComponent('Hoạt động quý 1.xlsx'))).toBe('Hoạt động quý 1.xlsx');
    expect(decodeFileName('..%2F..%2Fetc%2Fpasswd')).toBe('_.._etc_passwd');
    expect(decodeFileName(null)).toBe('tep-tai-len');
  });

  it('accepts only allow-listed corrections', () => {
    expect(parseChoices({ headerOverrides: { C: 'unit', D: null }, period: '2022-H1' })).toEqual({ ok: true, choices: { headerOverrides: { C: 'unit', D: null }, period: '2022-H1' } });
    expect(parseChoices({ headerOverrides: { C: 'drop table' } }).ok).toBe(false);
    expect(parseChoices({ headerOverrides: { 'C; x': 'unit' } }).ok).toBe(false);
    expect(parseChoices({ period: '2022-13' }).ok).toBe(false);
    expect(parseChoices({ dataset: 'users' }).ok).toBe(false);
    expect(parseChoices({ extra: 1 }).ok).toBe(false);
  });
});

describe('upload: preview, errors, aliases, confirm, undo', () => {
  let db: Db;
  let tmp: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-upload-'));
    process.env.THIDUA_UPLOAD_DIR = tmp;
    expect(uploadRoot()).toBe(tmp);
    db = await openDb(':memory:');
    const units = await importFile(db, { path: path.join(SAMPLE, 'don-vi-khoi-thi-dua.xlsx') }, { fileName: 'don-vi.xlsx', importedBy: 'cli' });
    expect(units.status).toBe('loaded');
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('previews a file with errors without writing, and shows it only to its uploader and admins', async () => {
    const before = await count(db, 'import_batches');
    const staged = await stage(db, path.join(SAMPLE, 'with-errors/hoat-dong-so-nguoi-am.xlsx'));
    const view = await runStagedImport(db, staged, office, {}, 'preview', noop);
    expect(view.status).toBe('rejected');
    expect(view.result?.dataset).toBe('activities');
    expect(view.result?.errors).toContainEqual(expect.objectContaining({ row: 14, column: 'Số người tham gia', severity: 'error' }));
    expect(await count(db, 'import_batches')).toBe(before);
    expect(await getStagedUpload(db, staged.uploadId, otherOffice)).toBeNull();
    expect((await getStagedUpload(db, staged.uploadId, admin))?.status).toBe('rejected');
  });

  it('builds the error-marked copy: «Lỗi» column, faulty cell filled, issue list', async () => {
    const staged = await stage(db, path.join(SAMPLE, 'with-errors/hoat-dong-so-nguoi-am.xlsx'));
    const { result } = await runStagedImport(db, staged, office, {}, 'preview', noop);
    const opened = await openSpreadsheet({ path: staged.stagedPath }, staged.fileName, importLimits());
    const sheet = opened.sheets.find((s) => s.name === result!.sheet)!;
    const bytes = await buildErrorWorkbook({ sheetName: sheet.name, rows: sheet.rows(), errors: result!.errors, warnings: result!.warnings, headerMapping: result!.headerMapping, fileName: staged.fileName });
    await opened.close?.();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const participantsCol = result!.headerMapping.find((m) => m.field === 'participants')!.column;
    const bad = ws.getCell(`${participantsCol}14`);
    expect(bad.value).toBe(-25);
    expect((bad.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF8B4B4');
    const lastCol = ws.getRow(14).cellCount;
    expect(String(ws.getRow(14).getCell(lastCol).value)).toMatch(/^Lỗi \(Số người tham gia\): .*không được âm/);
    const headerRowNo = [...Array(20).keys()].map((i) => i + 1).find((r) => ws.getRow(r).getCell(lastCol).value === 'Lỗi');
    expect(headerRowNo).toBeDefined();
    expect(String(ws.getRow(headerRowNo!).getCell(2).value)).toMatch(/Ngày/);
    const list = wb.getWorksheet('Danh sách lỗi')!;
    expect(list.getRow(2).values).toEqual(expect.arrayContaining([14, 'Số người tham gia', 'Lỗi']));
  });

  it('neutralises formula text in the marked copy', async () => {
    const bytes = await buildErrorWorkbook({
      sheetName: 'S',
      rows: [{ rowNumber: 1, cells: ['Đơn vị', 'Nội dung'] }, { rowNumber: 2, cells: ['=HYPERLINK("http://x")', '+1'] }],
      errors: [{ row: 2, column: 'Đơn vị', message: '=bad', severity: 'error' }],
      warnings: [],
      headerMapping: [{ column: 'A', header: 'Đơn vị', field: 'unit' }, { column: 'B', header: 'Nội dung', field: 'title' }],
      fileName: 'x.csv',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A2').value).toBe(`'=HYPERLINK("http://x")`);
    expect(ws.getCell('B2').value).toBe(`'+1`);
    expect(ws.getCell('C1').value).toBe('Lỗi');
    expect(ws.getCell('A2').formula).toBeUndefined();
  });

  it('lists an unknown unit name from a rejected upload; an office alias resolves it next time', async () => {
    const file = path.join(SAMPLE, 'with-errors/hoat-dong-don-vi-sai-ten.xlsx');
    const staged = await stage(db, file);
    expect((await runStagedImport(db, staged, office, {}, 'preview', noop)).status).toBe('rejected');
    const unresolved = await listUnresolvedNames(db);
    const item = unresolved.find((u) => u.name === 'Phòng Quản lí ngân xách');
    expect(item).toMatchObject({ rejectedMentions: 1, suggestions: expect.arrayContaining(['Phòng Quản lý ngân sách']) });
    const [unit] = await query(db, "SELECT unit_id FROM units WHERE name = 'Phòng Quản lý ngân sách'");
    await expect(addOfficeAlias(db, { name: 'x', unitId: Number(unit.unit_id) }, { ...office, role: 'viewer' })).rejects.toThrow(/không có quyền/);
    await addOfficeAlias(db, { name: 'Phòng Quản lí ngân xách', unitId: Number(unit.unit_id) }, office);
    expect((await listUnresolvedNames(db)).find((u) => u.name === 'Phòng Quản lí ngân xách')).toBeUndefined();
    const again = await runStagedImport(db, staged, office, {}, 'preview', noop);
    expect(again.status).toBe('validated');
    expect(await query(db, "SELECT alias, source FROM unit_aliases WHERE alias = 'Phòng Quản lí ngân xách'")).toEqual([{ alias: 'Phòng Quản lí ngân xách', source: 'office' }]);
  });

  it('confirms the corrected file all at once, keeps the original, reports a re-upload as duplicate, and undoes', async () => {
    const before = await count(db, 'v_activities');
    const staged = await stage(db, path.join(SAMPLE, 'corrected/hoat-dong-so-nguoi-am.xlsx'));
    const progress: string[] = [];
    const preview = await runStagedImport(db, staged, office, {}, 'preview', noop);
    expect(preview.status).toBe('validated');
    expect(await count(db, 'v_activities')).toBe(before);
    const loaded = await runStagedImport(db, staged, office, {}, 'confirm', (e) => e.type === 'progress' && progress.push(e.phase));
    expect(loaded.status).toBe('loaded');
    expect(progress).toContain('load');
    const rows = loaded.result!.rowsLoaded;
    expect(rows).toBe(20);
    expect(await count(db, 'v_activities')).toBe(before + rows);

    const batch = (await getBatch(db, loaded.batchId!))!;
    expect(batch).toMatchObject({ imported_by: 'vanphong', status: 'loaded', dataset: 'activities', rows_loaded: 20 });
    expect(originalPath(batch)).toMatch(new RegExp(`^${tmp}/originals/`));
    expect(fs.readFileSync(originalPath(batch)!)).toEqual(fs.readFileSync(path.join(SAMPLE, 'corrected/hoat-dong-so-nguoi-am.xlsx')));
    expect((await listBatchHistory(db))[0].batch_id).toBe(batch.batch_id);

    const again = await stage(db, path.join(SAMPLE, 'corrected/hoat-dong-so-nguoi-am.xlsx'));
    const dup = await runStagedImport(db, again, office, {}, 'preview', noop);
    expect(dup).toMatchObject({ status: 'duplicate', batchId: batch.batch_id });

    expect(canUndo(office, batch)).toBe(true);
    expect(canUndo(otherOffice, batch)).toBe(false);
    expect(canUndo(admin, batch)).toBe(true);
    expect(canUndo({ ...office, role: 'viewer' }, batch)).toBe(false);
    const { undoBatch } = await import('@/etl/pipeline');
    await undoBatch(db, batch.batch_id, 'vanphong');
    expect(await count(db, 'v_activities')).toBe(before);
    const undone = (await getBatch(db, batch.batch_id))!;
    expect(undone.status).toBe('undone');
    expect(canUndo(admin, undone)).toBe(false);
  });
});
