import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { query, type Db } from '@/lib/db/client';
import { importFile } from '@/etl/pipeline';
import { ActivitiesProcessor } from '@/etl/datasets/activities';
import { scanCsv } from '@/etl/read/csv-bulk';
import { dbWithUnits, importOptions } from './etl-helpers';

/**
 * A plain UTF-8 CSV on disk has its body loaded by DuckDB's reader (etl/read/csv-bulk.ts) and
 * checked per distinct value. The same bytes given in memory go through the JS reader row by row.
 * Both must give the same result, messages and stored rows: this compares them file by file.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-csv-'));

const stored = (db: Db) =>
  query(
    db,
    `SELECT strftime(activity_date, '%Y-%m-%d') AS d, unit_id, unit_raw, channel, title, participants, movement_id, exemplar, source_row, row_key,
            reach, exemplar_kind, exemplar_proposed
     FROM activities ORDER BY source_row`,
  );

/** Imports `text` from a file (bulk when eligible) and from memory (JS rows); returns both outcomes. */
async function both(name: string, text: string | Buffer) {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const bulkSpy = vi.spyOn(ActivitiesProcessor.prototype, 'loadBulk');
  const dbFile = await dbWithUnits();
  const fromFile = await importFile(dbFile, { path: file }, importOptions(name));
  const usedBulk = bulkSpy.mock.calls.length > 0;
  bulkSpy.mockClear();
  const dbMemory = await dbWithUnits();
  const fromMemory = await importFile(dbMemory, { bytes }, importOptions(name));
  expect(bulkSpy).not.toHaveBeenCalled();
  bulkSpy.mockRestore();
  return { fromFile, fromMemory, usedBulk, rowsFile: await stored(dbFile), rowsMemory: await stored(dbMemory) };
}

const HEADER = 'STT,Ngày thực hiện,Đơn vị,Hình thức,Nội dung,Số người tham gia,Phong trào,Điển hình tiên tiến';

/** Valid rows: the first 200 rows of a file are read by JS to find its table, the rest is the bulk body. */
function filler(n: number, from = 1): string[] {
  const units = ['QLNS', 'TTr', 'Văn phòng Sở', 'Phòng Tài chính đầu tư'];
  const channels = ['Zalo', 'Hội nghị', 'Cổng thông tin điện tử', 'Cuộc thi', ''];
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    const title = i % 50 === 0 ? `"Tuyên truyền, vận động đợt ${i}"` : `Tuyên truyền chuyển đổi số đợt ${i} – “Chung tay”`;
    return `${i},${day}/${month}/2023,${units[i % units.length]},${channels[i % channels.length]},${title},${(i * 7) % 1000},${i % 3 ? 'Chuyển đổi số' : ''},`;
  });
}

afterEach(() => vi.restoreAllMocks());

describe('CSV bodies loaded by DuckDB give what the JS reader gives', () => {
  it('a clean file with a title block, quotes, CRLF and a signature: bulk, same rows', async () => {
    const lines = [
      'SỞ TÀI CHÍNH TỈNH QUẢNG BÌNH,,,,,,,',
      'BÁO CÁO HOẠT ĐỘNG TUYÊN TRUYỀN NĂM 2023,,,,,,,',
      HEADER,
      ...filler(250, 100),
      '1,15/03/2023,QLNS,Cổng thông tin điện tử,"Tin bài ""thi đua"", tháng 3",1.250,Chuyển đổi số,',
      '2,20/12/2023,phòng quản lý ngân sách,Hội nghị,Hội nghị sơ kết,45,,Nguyễn Văn A',
      '3,2023-06-01,Văn phòng Sở,Hội thi,Hội thi tìm hiểu pháp luật,,Chuyển đổi số,',
      '4,01/07/2023,TTr,Zalo,  Bài đăng   nhóm Zalo ,7,,',
      // NFD text: the JS reader normalises it; the bulk path sends the row through JS.
      `5,02/07/2023,TTr,Zalo,${'Hội nghị trực tuyến'.normalize('NFD')},8,,`,
      'Tổng cộng,,,,,1.310,,',
      ',,,KT. GIÁM ĐỐC,,,,',
      ',,,PHÓ GIÁM ĐỐC,,,,',
      '6,03/07/2023,TTr,Zalo,Dòng dưới chữ ký không phải dữ liệu,9,,',
    ];
    const r = await both('clean.csv', lines.join('\r\n') + '\r\n');
    expect(r.usedBulk).toBe(true);
    expect(r.fromFile.errors).toEqual([]);
    expect(r.fromFile.status).toBe('loaded');
    expect(r.fromFile.rowsLoaded).toBe(255);
    expect({ ...r.fromFile, batchId: 0 }).toEqual({ ...r.fromMemory, batchId: 0 });
    expect(r.rowsFile).toEqual(r.rowsMemory);
    expect(r.rowsFile.map((x) => x.title)).toContain('Bài đăng nhóm Zalo');
  });

  it('errors, warnings and duplicates: the same messages in the same order', async () => {
    const body = [
      HEADER,
      ...filler(250, 100),
      '1,31/02/2023,QLNS,Cổng thông tin điện tử,Ngày sai,1,,',
      '2,01/03/2023,Phòng Không Có,Hội nghị,Đơn vị sai,2,,',
      '3,02/03/2023,TTr,Kênh lạ,Hình thức lạ,3,,',
      '4,03/03/2023,TTr,Kênh lạ,Hình thức lạ lần hai,4,,',
      '5,04/03/2023,TTr,Zalo,,5,,',
      '6,05/03/2023,TTr,Zalo,Số âm,-5,,',
      '7,06/03/2023,TTr,Zalo,Bài trùng,6,,',
      '8,06/03/2023,TTr,Zalo,BÀI TRÙNG,7,,',
      '9,07/03/2023,TTr,Zalo,#N/A,8,,',
      '10,08/03/2023,VP,Zalo,Hợp lệ,9,,',
      '11,09/03/2023,VP,Zalo,"",9,,',
    ];
    const r = await both('errors.csv', body.join('\n') + '\n');
    expect(r.usedBulk).toBe(true);
    expect(r.fromFile.status).toBe('rejected');
    expect(r.fromFile.errors.map((e) => e.row)).toEqual([252, 253, 256, 257, 259, 260, 262]);
    expect(r.fromFile.errors).toEqual(r.fromMemory.errors);
    expect(r.fromFile.warnings).toEqual(r.fromMemory.warnings);
    expect(r.fromFile.warnings.map((w) => w.row)).toEqual([254]);
    expect(r.rowsFile).toEqual([]);
  });

  it('files DuckDB would read differently go through the JS reader, with the same result', async () => {
    const rows = ['1,01/03/2023,TTr,Zalo,Một,1,,', '2,02/03/2023,TTr,Zalo,Hai,2,,'];
    const head = [HEADER, ...filler(250, 100)];
    // Beyond the first megabyte (which sets the table's width): a row wider than every row above.
    const wide = [HEADER, ...filler(9_000, 100), rows[1] + ',,,,,Ghi chú'];
    const cases: [string, string][] = [
      ['empty line', [...head, rows[0], '', rows[1]].join('\n')],
      ['line break in a cell', [...head, '1,01/03/2023,TTr,Zalo,"Dòng một\nDòng hai",1,,', rows[1]].join('\n')],
      ['lone CR', [...head, rows[0], rows[1]].join('\r')],
      ['quote inside a field', [...head, '1,01/03/2023,TTr,Zalo,Bài "hay",1,,', rows[1]].join('\n')],
      ['unbalanced quote', [...head, '1,01/03/2023,TTr,Zalo,"Bài hay,1,,', rows[1]].join('\n')],
      ['a wider row beyond the first megabyte', wide.join('\n')],
    ];
    expect(Buffer.byteLength(wide.join('\n'))).toBeGreaterThan(1024 * 1024);
    for (const [label, text] of cases) {
      const r = await both(`${label}.csv`, text + '\n');
      expect(r.usedBulk, label).toBe(false);
      expect({ ...r.fromFile, batchId: 0 }, label).toEqual({ ...r.fromMemory, batchId: 0 });
      expect(r.rowsFile, label).toEqual(r.rowsMemory);
    }
    // Twelve imports, each parsing its file in a worker thread: slow on a loaded machine.
  }, 180_000);

  it('a body larger than the first megabyte: bulk, same rows, notes and row numbers', async () => {
    const lines = [HEADER, ...filler(12_000)];
    lines.push('Tổng cộng,,,,,,,');
    const text = lines.join('\n') + '\n';
    expect(Buffer.byteLength(text)).toBeGreaterThan(1024 * 1024);
    const r = await both('large.csv', text);
    expect(r.usedBulk).toBe(true);
    expect(r.fromFile.status).toBe('loaded');
    expect(r.fromFile.rowsLoaded).toBe(12_000);
    expect({ ...r.fromFile, batchId: 0 }).toEqual({ ...r.fromMemory, batchId: 0 });
    expect(r.rowsFile).toEqual(r.rowsMemory);
  });
});

describe('CSV bodies loaded by DuckDB: reach and exemplars', () => {
  const HEADER_X = `${HEADER},Số lượt xem,Loại điển hình,Đề nghị Hội đồng TĐKT tỉnh`;
  const fill = (n: number) => filler(n, 100).map((l, k) => `${l},${k % 4 ? (k * 13) % 5000 : ''},,`);

  it('reach stays apart from participants; kinds stated or read from the text; both paths agree', async () => {
    const lines = [
      HEADER_X,
      ...fill(250),
      '1,15/03/2023,QLNS,Zalo,Bài về điển hình tiên tiến,10,,Bà Lê Thị C,12.500,,',
      '2,16/03/2023,QLNS,Zalo,Tin bài,0,,Nguyễn Văn A – người tốt việc tốt,300,,x',
      '3,17/03/2023,QLNS,Zalo,Giới thiệu mô hình mới và nhân tố mới,5,,Tổ Kho bạc,,,',
      '4,18/03/2023,QLNS,Zalo,Tuyên truyền gương sáng,5,,Tổ thu ngân sách,,Nhân tố mới,Có',
      '5,19/03/2023,QLNS,Zalo,Mô hình mới và nhân tố mới ở xã,5,,,,Mô hình mới,không',
      '6,20/03/2023,QLNS,Zalo,Điển hình tiên tiến; mô hình mới,5,,Ông Trần Văn D,,,',
      '8,22/03/2023,QLNS,Zalo,Người tốt việc tốt không ghi điển hình,5,,,,,',
      '7,21/03/2023,QLNS,Zalo,Tin bài khác,5,,,,Loại lạ,có lẽ',
    ];
    const r = await both('reach.csv', lines.join('\n') + '\n');
    expect(r.usedBulk).toBe(true);
    expect(r.fromFile.status).toBe('loaded');
    expect({ ...r.fromFile, batchId: 0 }).toEqual({ ...r.fromMemory, batchId: 0 });
    expect(r.rowsFile).toEqual(r.rowsMemory);
    const at = (row: number) => r.rowsFile.find((x) => Number(x.source_row) === row)!;
    expect([Number(at(252).reach), Number(at(252).participants), at(252).exemplar_kind]).toEqual([12500, 10, 'advanced']);
    expect([Number(at(253).reach), Number(at(253).participants), at(253).exemplar_kind, at(253).exemplar_proposed]).toEqual([300, 0, 'good_deed', true]);
    expect([at(254).reach, at(254).exemplar_kind]).toEqual([null, null]);
    expect([at(255).exemplar_kind, at(255).exemplar_proposed]).toEqual(['new_factor', true]);
    expect([at(256).exemplar_kind, at(256).exemplar_proposed]).toEqual(['new_model', false]);
    expect([at(258).exemplar_kind, at(258).exemplar_proposed]).toEqual([null, null]);
    expect(at(259).exemplar_kind).toBeNull();
    const codes = r.fromFile.warnings.map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['exemplar_kind_ambiguous', 'exemplar_kind_unknown', 'exemplar_proposed_unknown']));
    const ambiguous = r.fromFile.warnings.filter((w) => w.code === 'exemplar_kind_ambiguous').map((w) => w.message);
    expect(ambiguous).toHaveLength(2);
    expect(ambiguous.join(' ')).toContain('dòng 254');
    expect(ambiguous.join(' ')).toContain('dòng 257');
    expect(ambiguous.join(' ')).not.toContain('dòng 256');
  });

  it('a reach that is not a whole number is an error naming the column, on both paths', async () => {
    const lines = [HEADER_X, ...fill(250), '1,15/03/2023,QLNS,Zalo,Bài,10,,,-4,,', '2,16/03/2023,QLNS,Zalo,Bài hai,1,,,nhiều,,'];
    const r = await both('reach-bad.csv', lines.join('\n') + '\n');
    expect(r.fromFile.status).toBe('rejected');
    expect(r.fromFile.errors).toEqual(r.fromMemory.errors);
    expect(r.fromFile.errors.map((e) => [e.row, e.column])).toEqual([[252, 'Số lượt xem'], [253, 'Số lượt xem']]);
  });
});

describe('CSV bodies loaded by DuckDB: header overrides', () => {
  it('a required column remapped away: every row gets its message, as from memory', async () => {
    const text = [HEADER, ...filler(240)].join('\n') + '\n';
    const file = path.join(dir, 'override.csv');
    fs.writeFileSync(file, text);
    const options = { ...importOptions('override.csv'), dryRun: true, headerOverrides: { B: null } };
    const fromFile = await importFile(await dbWithUnits(), { path: file }, options);
    const fromMemory = await importFile(await dbWithUnits(), { bytes: Buffer.from(text) }, options);
    expect(fromFile.status).toBe('rejected');
    expect(fromFile.errors.length).toBeGreaterThan(200);
    expect(fromFile).toEqual(fromMemory);
  });
});

describe('CSV bodies loaded by DuckDB: random rows', () => {
  /** A small deterministic generator (mulberry32), so a failure can be replayed. */
  function random(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const DATES = ['01/02/2023', '1/2/2023', '2023-02-01', '31/02/2023', '', 'hôm qua', '45000', ' 05/06/2023 ', '05.06.2023'];
  const UNITS = ['QLNS', 'Phòng Quản lý ngân sách', 'PHÒNG QUẢN LÝ NGÂN SÁCH', ' TTr ', 'Thanh tra Sở', 'Phòng Không Có', '', 'VP', 'Văn phòng  Sở'];
  const CHANNELS = ['Zalo', 'Hội nghị', 'Cổng thông tin điện tử', '', 'Kênh lạ', 'Cuộc thi trực tuyến', 'Facebook'];
  const TITLES = ['Tuyên truyền', 'Hội nghị  sơ kết', ' Bài viết ', '"Tin, bài"', '#N/A', 'N/A', '', '"=HYPERLINK(""x"")"', 'Tổng kết'.normalize('NFD'), 'Tập huấn\u00a0chuyên đề', 'Tổng cộng', 'KT. GIÁM ĐỐC'];
  const COUNTS = ['1', '1.250', '"12,5"', '-3', '', 'nhiều', '0', '  7 '];
  const MOVES = ['', 'Chuyển đổi số', ' Chuyển đổi số ', 'Thi đua yêu nước'];

  // Values that load (some with a warning or text to clean): the file loads, stored rows compare.
  const VALID = {
    DATES: ['01/02/2023', '1/2/2023', '2023-02-01', ' 05/06/2023 ', '05.06.2023', '45000'],
    UNITS: ['QLNS', 'Phòng Quản lý ngân sách', 'PHÒNG QUẢN LÝ NGÂN SÁCH', ' TTr ', 'Thanh tra Sở', 'VP', 'Văn phòng  Sở'],
    CHANNELS: ['Zalo', 'Hội nghị', '', 'Kênh lạ', 'Facebook'],
    TITLES: ['Tuyên truyền', 'Hội nghị  sơ kết', ' Bài viết ', 'Tổng kết'.normalize('NFD'), 'Tập huấn\u00a0chuyên đề', '"=HYPERLINK(""x"")"'],
    COUNTS: ['1', '1.250', '', '0', '  7 '],
  };

  it.each([
    [1, 'errors'],
    [2, 'errors'],
    [3, 'valid'],
    [4, 'valid'],
  ] as const)('seed %i (%s): the same result, messages and stored rows both ways', async (seed, kind) => {
    const r = random(seed);
    const v = kind === 'valid' ? VALID : { DATES, UNITS, CHANNELS, TITLES, COUNTS };
    const rows: string[] = [];
    for (let i = 0; i < 150; i++) {
      const title = pick(r, v.TITLES);
      // Most rows unique and valid; the rest drawn from values that need a message or cleaning.
      const plain = r() < 0.6;
      rows.push(
        [
          String(i + 1),
          plain ? `${String((i % 28) + 1).padStart(2, '0')}/03/2023` : pick(r, v.DATES),
          plain ? 'QLNS' : pick(r, v.UNITS),
          plain ? 'Zalo' : pick(r, v.CHANNELS),
          plain ? `Hoạt động số ${i}` : title.startsWith('"') ? `${title.slice(0, -1)} ${i}"` : `${title} ${i}`,
          plain ? String(i) : pick(r, v.COUNTS),
          pick(r, MOVES),
          r() < 0.1 ? 'Nguyễn Văn A' : '',
        ].join(','),
      );
    }
    const text = [HEADER, ...filler(220, 1000), ...rows].join('\n') + '\n';
    const out = await both(`random-${seed}.csv`, text);
    expect(out.usedBulk).toBe(true);
    if (kind === 'valid') expect(out.fromFile.errors.slice(0, 3)).toEqual([]);
    expect(out.fromFile.status).toBe(kind === 'valid' ? 'loaded' : 'rejected');
    expect({ ...out.fromFile, batchId: 0 }).toEqual({ ...out.fromMemory, batchId: 0 });
    expect(out.rowsFile).toEqual(out.rowsMemory);
  });
});

describe('scanCsv', () => {
  const scan = (text: string, d = ',') => {
    const file = path.join(dir, `scan-${Math.random().toString(36).slice(2)}.csv`);
    fs.writeFileSync(file, text);
    return scanCsv(file, d);
  };

  it('finds the widest record and accepts well-formed quoting', async () => {
    expect(await scan('a,b\n"x,""y""",z,w\r\n,\n')).toEqual({ regular: true, fields: 3 });
    expect(await scan('\uFEFFa;b;c\n1;2;3', ';')).toEqual({ regular: true, fields: 3 });
    expect(await scan('a,b\n1,2\n\n\n')).toEqual({ regular: true, fields: 2 });
  });

  it('refuses what DuckDB would read differently', async () => {
    for (const text of ['a,b\n\n1,2\n', '\na,b\n', 'a,b\r1,2\n', 'a,"b\nc"\n', 'a,b"c\n', 'a,"b"c\n', 'a,"b\n', 'a,\u0000\n', 'a,b\r']) {
      expect((await scan(text)).regular, JSON.stringify(text)).toBe(false);
    }
  });
});
