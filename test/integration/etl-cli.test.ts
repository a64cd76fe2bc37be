import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-cli-'));
const db = path.join(dir, 't.duckdb');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function etl(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/thidua.js', 'etl', ...args], { cwd: process.cwd(), encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

describe('etl CLI', () => {
  it('imports with --json, says duplicate, rejects with row numbers, and uses exit codes 0/1/2', () => {
    const units = write('units.csv', '\uFEFFSTT;Tên đơn vị;Tên viết tắt;Loại đơn vị;Khối thi đua;Năm\n1;Phòng Quản lý ngân sách;QLNS;Phòng thuộc Sở;Khối các phòng thuộc Sở;2023\n2;Thanh tra Sở;TTr;Phòng thuộc Sở;Khối các phòng thuộc Sở;2023\n');
    const ok = etl('import', units, '--db', db, '--json');
    expect(ok.code, ok.stderr).toBe(0);
    const loaded = JSON.parse(ok.stdout);
    expect(loaded).toMatchObject({ status: 'loaded', dataset: 'units', batchId: 1, rowsLoaded: 2, errors: [] });

    const dup = etl('import', units, '--db', db, '--json');
    expect(dup.code).toBe(0);
    expect(JSON.parse(dup.stdout)).toMatchObject({ status: 'duplicate', duplicateOf: 1 });

    const bad = write('hd.csv', 'Ngày,Đơn vị,Hình thức,Nội dung,Số người tham gia\n31/02/2023,QLNS,Hội nghị,Sơ kết,10\n01/03/2023,Phòng Kế hoạch,Hội nghị,Tổng kết,5\n');
    const rej = etl('import', bad, '--db', db, '--json');
    expect(rej.code).toBe(1);
    const out = JSON.parse(rej.stdout);
    expect(out.status).toBe('rejected');
    expect(out.batchId).toBe(null);
    expect(out.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[2, 'Ngày'], [3, 'Đơn vị']]);

    const dry = write('hd2.csv', 'Ngày,Đơn vị,Hình thức,Nội dung,Số người tham gia\n01/03/2023,QLNS,Hội nghị,Sơ kết,10\n');
    const dr = etl('import', dry, '--db', db, '--dry-run');
    expect(dr.code).toBe(0);
    expect(dr.stdout).toContain('chạy thử');

    const act = etl('import', dry, '--db', db);
    expect(act.code).toBe(0);
    expect(act.stdout).toContain('Đã nhập xong, lần nhập #2: 1 dòng');

    expect(etl('import', dry, '--db', db, '--period', '2023-H3').code).toBe(2);
    expect(etl('import', path.join(dir, 'missing.csv'), '--db', db).code).toBe(2);
    expect(etl('frobnicate').code).toBe(2);
  }, 300_000);

  it('exports, lists batches and undoes', async () => {

    const csv = etl('export', 'activities', '--format', 'csv', '--db', db, '--period', '2023');
    expect(csv.code).toBe(0);
    expect(csv.stdout.replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean)).toEqual([
      'activity_id,activity_date,unit_id,unit_name,channel,title,participants,batch_id,reach,exemplar,exemplar_kind,exemplar_proposed',
      '1,2023-03-01,1,Phòng Quản lý ngân sách,seminar,Sơ kết,10,2,,,,',
    ]);

    // Parquet goes through a temporary file DuckDB writes; the bytes on stdout read back as the rows.
    const pq = spawnSync(process.execPath, ['dist/thidua.js', 'etl', 'export', 'activities', '--format', 'parquet', '--db', db, '--period', '2023'], { cwd: process.cwd(), timeout: 120_000 });
    expect(pq.status, String(pq.stderr)).toBe(0);
    const pqFile = path.join(dir, 'activities.parquet');
    fs.writeFileSync(pqFile, pq.stdout);
    const pqDb = await DuckDBInstance.create(':memory:');
    const pqRows = (await (await pqDb.connect()).runAndReadAll('SELECT title, participants FROM read_parquet($f)', { f: pqFile })).getRowObjectsJson();
    expect(pqRows).toEqual([{ title: 'Sơ kết', participants: 10 }]);

    const batches = etl('batches', '--db', db, '--json');
    expect(JSON.parse(batches.stdout).map((b: { batch_id: number; status: string }) => [b.batch_id, b.status])).toEqual([[2, 'loaded'], [1, 'loaded']]);
    const undo = etl('undo', '2', '--db', db);
    expect(undo.code).toBe(0);
  }, 300_000);

  it('refuses a truncated CSV given the size and SHA-256 of the whole file, as the upload does', () => {
    const full = '\uFEFFSTT;Tên đơn vị;Tên viết tắt;Loại đơn vị;Khối thi đua;Năm\n1;Văn phòng Sở;VP;Phòng thuộc Sở;Khối các phòng thuộc Sở;2023\n2;Phòng Tài chính đầu tư;TCĐT;Phòng thuộc Sở;Khối các phòng thuộc Sở;2023\n';
    const bytes = Buffer.from(full);
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    // A copy cut off in the middle of the last row still parses as a CSV of one row.
    const cut = path.join(dir, 'don-vi-cat.csv');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 30));
    const r = etl('import', cut, '--db', db, '--json', '--size', String(bytes.length), '--sha256', sha);
    expect(r.code, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('rejected');
    expect(out.errors[0].message).toMatch(/không đầy đủ \(\d[\d.]* \/ \d[\d.]* byte\)/);
    const wrong = etl('import', cut, '--db', db, '--json', '--sha256', sha);
    expect(JSON.parse(wrong.stdout).errors[0].message).toMatch(/SHA-256/);
    expect(etl('import', cut, '--db', db, '--size', 'abc').code).toBe(2);

    // The whole file with the right size and hash loads, and the .duckdb file alone holds it.
    const whole = path.join(dir, 'don-vi.csv');
    fs.writeFileSync(whole, bytes);
    const ok = etl('import', whole, '--db', db, '--json', '--size', String(bytes.length), '--sha256', sha.toUpperCase());
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).status).toBe('loaded');
    const alone = path.join(dir, 'alone.duckdb');
    fs.copyFileSync(db, alone);
    const listed = etl('batches', '--db', alone, '--json');
    expect(JSON.parse(listed.stdout).some((b: { file_name: string }) => b.file_name === 'don-vi.csv')).toBe(true);
  }, 300_000);
});
