import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileRejectedError, openSpreadsheet, readSpreadsheet } from '@/etl/read';
import { importFile } from '@/etl/pipeline';
import { openDb, query, type Db } from '@/lib/db/client';
import type { ParseLimits } from '@/lib/env';
import { collect, deflatedEntry, LIMITS, minimalWorkbookParts, sheetXml, writeZip } from '@/test/fixtures/read/helpers';
import { hugeSharedStringsWorkbook, quotedGtWorkbook, tallMergesWorkbook } from '@/test/fixtures/read/hostile';

/**
 * The front door (issue 11): every file is parsed in a worker thread with a time budget and a
 * heap limit; hostile files get a Vietnamese verdict quickly, the main event loop keeps
 * answering meanwhile, and a refused file writes nothing.
 */
const PARSE: ParseLimits = { timeoutMs: 25_000, memoryMb: 512 };
const VERDICT_MS = 30_000;
const SAMPLE = path.resolve('data/sample');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'read-worker-'));
let db: Db;

beforeAll(async () => {
  db = await openDb(':memory:');
});
afterAll(() => {
  db.closeSync();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function verdict(bytes: Buffer, parse = PARSE): Promise<{ err: FileRejectedError; ms: number }> {
  const t = Date.now();
  const err = await openSpreadsheet({ bytes }, 'tep.xlsx', LIMITS, parse)
    .then(async (o) => {
      try {
        for (const s of o.sheets) await collect(s);
      } finally {
        await o.close?.();
      }
      return null;
    })
    .catch((e: unknown) => e);
  expect(err, 'the file should have been refused').toBeInstanceOf(FileRejectedError);
  return { err: err as FileRejectedError, ms: Date.now() - t };
}

/** Random text compresses poorly, so the zip guard lets a large part through to the parser. */
const POOL = crypto.randomBytes(6 * 1024 * 1024).toString('base64');
const noise = (n: number, seed: number) => {
  const at = (seed * 7919) % (POOL.length - n);
  return POOL.slice(at, at + n);
};

/** A sheet of `rows` rows whose cells carry only a junk attribute: much to parse, nothing to return. */
function busyWorkbook(rows: number): Buffer {
  const parts: string[] = [];
  for (let r = 1; r <= rows; r++) parts.push(`<row r="${r}"><c r="A${r}" x="${noise(40, r)}"/></row>`);
  return writeZip(minimalWorkbookParts(sheetXml(parts.join('')), undefined, 1));
}

async function countBatches(): Promise<number> {
  return Number((await query<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM import_batches'))[0].n);
}

describe('parsing in a worker thread', () => {
  it('gives every sample file the same rows, encoding and notes as the reader in this thread', async () => {
    const files = fs.readdirSync(SAMPLE).filter((f) => /\.(xlsx|csv|txt)$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const input = { path: path.join(SAMPLE, f) };
      const here = await readSpreadsheet(input, f, LIMITS);
      const there = await openSpreadsheet(input, f, LIMITS, PARSE);
      try {
        expect(there.sheets.map((s) => [s.name, s.hidden ?? false])).toEqual(here.sheets.map((s) => [s.name, s.hidden ?? false]));
        for (let i = 0; i < here.sheets.length; i++) expect(await collect(there.sheets[i]), `${f} / ${here.sheets[i].name}`).toEqual(await collect(here.sheets[i]));
        expect([there.format, there.encoding, there.delimiter, there.notes]).toEqual([here.format, here.encoding, here.delimiter, here.notes]);
        expect(there.bulk).toEqual(here.bulk);
      } finally {
        await there.close?.();
      }
    }
  }, 180_000);

  it('reads a 2 KB workbook with 300,000 ">" inside one quoted attribute quickly (the scanner is linear)', async () => {
    const bytes = quotedGtWorkbook(300_000);
    expect(bytes.length).toBeLessThan(4096);
    const t = Date.now();
    const opened = await openSpreadsheet({ bytes }, 'gt.xlsx', LIMITS, PARSE);
    const rows = await collect(opened.sheets[0]);
    await opened.close?.();
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Xin chào'] },
      { rowNumber: 2, cells: [1] },
    ]);
    expect(Date.now() - t).toBeLessThan(VERDICT_MS);
    // Through the pipeline: a verdict (no header row), nothing written.
    const before = await countBatches();
    const t2 = Date.now();
    const r = await importFile(db, { bytes }, { fileName: 'gt.xlsx', importedBy: 'test' });
    expect(Date.now() - t2).toBeLessThan(VERDICT_MS);
    expect(r.status).toBe('rejected');
    expect(await countBatches()).toBe(before);
  }, 60_000);

  it('refuses 20,000 overlapping tall merged ranges over 100,000 rows, naming both ranges', async () => {
    const { err, ms } = await verdict(tallMergesWorkbook(20_000, 100_000, true));
    expect(err.code).toBe('overlapping-merges');
    expect(err.message).toMatch(/vùng gộp ô A\d+:C\d+ chồng lên vùng gộp A\d+:C\d+/);
    expect(err.message).toMatch(/bỏ gộp ô/);
    expect(ms).toBeLessThan(VERDICT_MS);
  }, 60_000);

  it('fills non-overlapping merged ranges from their master cell, rows absent from the XML included', async () => {
    const opened = await readSpreadsheet({ bytes: tallMergesWorkbook(3000, 500, false) }, 'm.xlsx', LIMITS);
    const rows = await collect(opened.sheets[0]);
    expect(rows.length).toBe(500);
    expect(rows.every((r, i) => r.rowNumber === i + 1 && r.cells.length === 2 && r.cells[0] === 1 && r.cells[1] === 1)).toBe(true);
  });

  it('refuses a shared-strings table declaring 3,000,000 strings before reading it', async () => {
    const { err, ms } = await verdict(hugeSharedStringsWorkbook(3_000_000));
    expect(err.code).toBe('too-many-strings');
    expect(ms).toBeLessThan(5_000);
  }, 60_000);

  it('stops a worker past its time budget with a Vietnamese verdict, and the pipeline writes nothing', async () => {
    const bytes = busyWorkbook(150_000);
    const { err, ms } = await verdict(bytes, { timeoutMs: 200, memoryMb: 512 });
    expect(err.code).toBe('parse-timeout');
    expect(err.message).toMatch(/quá 0 giây|quá \d+ giây/);
    expect(ms).toBeLessThan(5_000);
    const before = await countBatches();
    const r = await importFile(db, { bytes }, { fileName: 'cham.xlsx', importedBy: 'test', parseLimits: { timeoutMs: 200, memoryMb: 512 } });
    expect(r.status).toBe('rejected');
    expect(r.errors[0].code).toBe('parse-timeout');
    expect(await countBatches()).toBe(before);
  }, 120_000);

  it('stops a worker past its heap limit with a Vietnamese verdict', async () => {
    // 300,000 distinct shared strings of ~40 characters: more than 16 MB of heap.
    const si: string[] = [];
    for (let i = 0; i < 300_000; i++) si.push(`<si><t>${noise(32, i)} ${i}</t></si>`);
    const parts = minimalWorkbookParts(sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'));
    parts.push(deflatedEntry('xl/sharedStrings.xml', `<sst count="300000" uniqueCount="300000">${si.join('')}</sst>`, {}, 1));
    const { err } = await verdict(writeZip(parts), { timeoutMs: 60_000, memoryMb: 16 });
    expect(err.code).toBe('parse-memory');
    expect(err.message).toMatch(/16 MB bộ nhớ/);
  }, 120_000);

  it('keeps the main event loop answering (a small HTTP server) while a file is parsed', async () => {
    const bytes = busyWorkbook(300_000);
    // The same file in this thread blocks the loop for a good while: the comparison means something.
    const t = Date.now();
    await collect((await readSpreadsheet({ bytes }, 'b.xlsx', LIMITS)).sheets[0]);
    const inThread = Date.now() - t;
    expect(inThread).toBeGreaterThan(500);

    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const latencies: number[] = [];
    let parsing = true;
    const pinger = (async () => {
      while (parsing) {
        const s = Date.now();
        await new Promise<void>((resolve, reject) => http.get({ port, host: '127.0.0.1', path: '/' }, (res) => res.resume().on('end', resolve)).on('error', reject));
        latencies.push(Date.now() - s);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    try {
      const r = await importFile(db, { bytes }, { fileName: 'ban.xlsx', importedBy: 'test' });
      expect(r.status).toBe('rejected'); // no header row: a verdict, nothing written
    } finally {
      parsing = false;
      await pinger;
      server.close();
    }
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeLessThan(1500);
  }, 120_000);
});

describe('a file that changes while it is imported', () => {
  it('is refused before anything is stored (a copy still in progress)', async () => {
    await importFile(db, { path: path.join(SAMPLE, fs.readdirSync(SAMPLE).find((f) => f.startsWith('don-vi'))!) }, { fileName: 'don-vi.xlsx', importedBy: 'test' });
    const file = path.join(tmp, 'hoat-dong.csv');
    const units = await query<{ unit_name: string }>(db, 'SELECT unit_name FROM v_units ORDER BY unit_id LIMIT 1');
    const body = ['Ngày;Đơn vị;Hình thức;Nội dung;Số người tham gia', `01/03/2023;${units[0].unit_name};Hội nghị;Sơ kết;10`].join('\n') + '\n';
    fs.writeFileSync(file, body);
    const before = await countBatches();
    const r = await importFile(db, { path: file }, {
      fileName: 'hoat-dong.csv',
      importedBy: 'test',
      onProgress: (p) => {
        if (p.phase === 'validate') fs.appendFileSync(file, `02/03/2023;${units[0].unit_name};Hội nghị;Tổng kết;5\n`);
      },
    });
    expect(r.errors.map((e) => e.code)).toEqual(['changed']);
    expect(r.errors[0].message).toMatch(/đã thay đổi trong lúc đang đọc/);
    expect(await countBatches()).toBe(before);
    // Once the copy is complete, the same path imports.
    const again = await importFile(db, { path: file }, { fileName: 'hoat-dong.csv', importedBy: 'test' });
    expect(again.status, JSON.stringify(again.errors)).toBe('loaded');
    expect(again.rowsLoaded).toBe(2);
    expect(again.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
  }, 120_000);
});
