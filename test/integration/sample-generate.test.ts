import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { buildSample } from '@/test/sample/generate';
import { loadSample, SAMPLE_DIR, sampleFilesInOrder } from '@/etl/sample-load';

const sha = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');
// One build: the files on disk were written by another run, so equality also proves determinism.
let built: ReturnType<typeof buildSample> | undefined;
const sample = () => (built ??= buildSample());

describe('sample generator', () => {
  it('is deterministic and the committed data/sample matches it (run `npm run sample` after changing it)', async () => {
    const a = await sample();
    for (const f of [...a.files, ...a.extra]) {
      const onDisk = fs.readFileSync(path.join(SAMPLE_DIR, f.file));
      expect([f.file, sha(onDisk)]).toEqual([f.file, sha(f.bytes)]);
    }
    for (const [name, text] of Object.entries(a.texts)) {
      expect([name, fs.readFileSync(path.join(SAMPLE_DIR, name), 'utf8') === text]).toEqual([name, true]);
    }
  });

  it('puts the shapes offices really write into the sample', async () => {
    const { files, expected } = await sample();
    const bytesOf = (name: string) => files.find((f) => f.file === name)!.bytes;
    // CSV encodings: ";" UTF-8 with BOM and vi-VN thousands, "," without BOM, UTF-16LE, Windows-1258.
    const bom = bytesOf('hoat-dong-2023-phong-quan-ly-ngan-sach.csv');
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.toString('utf8')).toMatch(/;\d\.\d{3};/);
    expect([...bytesOf('hoat-dong-phong-tckh-huyen-2021-2023.csv').subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect([...bytesOf('hoat-dong-2023-phong-tin-hoc-thong-ke-unicode.txt').subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytesOf('hoat-dong-2023-phong-hcsn-windows-1258.csv').toString('utf8')).toContain('\uFFFD'); // not UTF-8
    // Legacy TCVN3 (.VnTime): "đ" is the byte 0xAE, "Sở" is "S" + 0xEB.
    const tcvn3 = bytesOf('hoat-dong-2023-thanh-tra-so-tcvn3.csv');
    expect(tcvn3.includes(0xae)).toBe(true);
    expect(tcvn3.includes(Buffer.from([0x53, 0xeb]))).toBe(true);
    // Several thousand activities, hundreds of awards, every bloc × period scored, a shared rank.
    expect(expected.activities.total).toBeGreaterThan(3000);
    expect(expected.awards.total).toBeGreaterThan(200);
    expect(expected.awards.unresolvedUnits).toBeGreaterThan(0);
    expect(expected.scores).toHaveLength(15);
    expect(expected.scores.some((s) => s.scale === 1000)).toBe(true);
    expect(expected.scores.some((s) => new Set(s.totals.map((t) => t.rank)).size < s.totals.length)).toBe(true);
    expect(expected.units.merged).toEqual([{ unit: 'Phòng Tài chính doanh nghiệp', successor: 'Phòng Tài chính đầu tư' }]);
    for (const s of expected.scores) {
      // Shared ranks (lib/scoring): 1 + the number of units with a higher total.
      for (const t of s.totals) expect(t.rank).toBe(1 + s.totals.filter((o) => o.total > t.total).length);
    }
  });
});

describe('sample loader', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-sample-'));
    fs.copyFileSync(path.join(SAMPLE_DIR, 'don-vi-khoi-thi-dua.xlsx'), path.join(dir, 'don-vi-khoi-thi-dua.xlsx'));
    fs.copyFileSync(path.join(SAMPLE_DIR, 'with-errors/hoat-dong-ngay-khong-hop-le.csv'), path.join(dir, 'hoat-dong-loi.csv'));
    fs.copyFileSync(path.join(SAMPLE_DIR, 'khen-thuong-nam-2023.csv'), path.join(dir, 'khen-thuong-nam-2023.csv'));
    db = await openDb(':memory:');
  });
  afterAll(() => {
    db?.closeSync();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('orders units before facts, ignores subfolders, and refuses a file it cannot place', () => {
    expect(sampleFilesInOrder().map((f) => f.dataset)).toEqual([...sampleFilesInOrder().map((f) => f.dataset)].sort((a, b) => ['units', 'activities', 'awards', 'scores'].indexOf(a) - ['units', 'activities', 'awards', 'scores'].indexOf(b)));
    expect(sampleFilesInOrder().some((f) => f.file.includes('with-errors') || f.file.includes('corrected'))).toBe(false);
    fs.writeFileSync(path.join(dir, 'ghi-chu.csv'), 'a;b\n');
    expect(() => sampleFilesInOrder(dir)).toThrow(/ghi-chu\.csv/);
    fs.rmSync(path.join(dir, 'ghi-chu.csv'));
  });

  it('stops at a rejected file, says so in Vietnamese, and writes nothing of it', async () => {
    const lines: string[] = [];
    const results = await loadSample(db, (l) => lines.push(l), dir);
    expect(results.map((r) => [path.basename(r.file), r.result.status])).toEqual([
      ['don-vi-khoi-thi-dua.xlsx', 'loaded'],
      ['hoat-dong-loi.csv', 'rejected'],
    ]);
    expect(lines[0]).toMatch(/^✓ don-vi-khoi-thi-dua\.xlsx: đã nhập \d+ dòng đơn vị và khối thi đua, lần nhập #1\.$/);
    expect(lines[1]).toMatch(/^✗ hoat-dong-loi\.csv: bị từ chối, 1 lỗi\.$/);
    expect((await query<{ n: number }>(db, 'SELECT count(*)::INTEGER n FROM v_activities'))[0].n).toBe(0);
    const again = await loadSample(db, () => {}, dir);
    expect(again[0].result.status).toBe('duplicate');
  });
});
