import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FileRejectedError, readSpreadsheet } from '@/etl/read';
import { decodeTcvn3, decodeVni, encodeVni, TCVN3_ENCODE } from '@/etl/read/legacy-vn';
import { collect, LIMITS } from '@/test/fixtures/read/helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'read-csv-'));

const LINES = [
  ['STT', 'Tên đơn vị', 'Số người', 'Ngày'],
  ['1', 'Phòng Quản lý ngân sách', '1.250', '20/12/2022'],
  ['2', 'Văn phòng Sở', '18,5', '2022-12-20'],
];

function csvText(delim: string, rows = LINES): string {
  return rows.map((r) => r.map((c) => (c.includes(delim) ? `"${c}"` : c)).join(delim)).join('\r\n') + '\r\n';
}

async function read(bytes: Buffer, name = 'data.csv') {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
  writeFileSync(file, bytes);
  const opened = await readSpreadsheet({ path: file }, name, LIMITS);
  const rows = await collect(opened.sheets[0]);
  // Reading from bytes gives the same answer as reading from a path.
  const again = await readSpreadsheet({ bytes }, name, LIMITS);
  expect(await collect(again.sheets[0])).toEqual(rows);
  expect([again.encoding, again.delimiter]).toEqual([opened.encoding, opened.delimiter]);
  return { opened, rows };
}

/** Windows-1258 writes some toned letters precomposed and others as a letter plus a combining tone mark. */
function encode1258(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = iconv.encode(ch, 'windows1258');
    if (!(direct.length === 1 && direct[0] === 0x3f && ch !== '?')) {
      bytes.push(...direct);
      continue;
    }
    const d = ch.normalize('NFD');
    const tone = [...d].find((c) => /[\u0300\u0301\u0303\u0309\u0323]/.test(c))!;
    bytes.push(...iconv.encode(d.replace(tone, '').normalize('NFC'), 'windows1258'), ...iconv.encode(tone, 'windows1258'));
  }
  return Buffer.from(bytes);
}

const expectedRows = (rows = LINES) => rows.map((r, i) => ({ rowNumber: i + 1, cells: r }));

describe('csv reader', () => {
  it.each([
    ['utf-8 with BOM, ;', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(';'))]), 'utf-8', ';'],
    ['utf-8, ,', Buffer.from(csvText(',')), 'utf-8', ','],
    ['utf-8, tab', Buffer.from(csvText('\t')), 'utf-8', '\t'],
    ['utf-16le with BOM, tab', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText('\t'), 'utf16le')]), 'utf-16le', '\t'],
    ['utf-16le without BOM, ;', Buffer.from(csvText(';'), 'utf16le'), 'utf-16le', ';'],
    ['utf-16be with BOM, ;', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csvText(';'), 'utf16le').swap16()]), 'utf-16be', ';'],
    ['windows-1258, ;', encode1258(csvText(';')), 'windows-1258', ';'],
  ])('%s', async (_label, bytes, encoding, delimiter) => {
    const { opened, rows } = await read(bytes);
    expect(opened.format).toBe('csv');
    expect(opened.sheets.map((s) => s.name)).toEqual(['data.csv']);
    expect([opened.encoding, opened.delimiter]).toEqual([encoding, delimiter]);
    expect(rows).toEqual(expectedRows());
  });

  it('keeps cells as typed, NFC-normalises NFD input, maps empty to null and skips empty lines', async () => {
    const text = ['Tên;Ghi chú;;', '', ' Phòng  Tài chính ;"a;b ""c""";;', ';;;', 'Phòng'.normalize('NFD') + ';"dòng 1\ndòng 2"', 'x'].join('\n');
    const { opened, rows } = await read(Buffer.from(text));
    expect(opened.delimiter).toBe(';');
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Tên', 'Ghi chú'] },
      { rowNumber: 3, cells: [' Phòng  Tài chính ', 'a;b "c"'] },
      { rowNumber: 5, cells: ['Phòng', 'dòng 1\ndòng 2'] },
      { rowNumber: 6, cells: ['x'] },
    ]);
    expect((rows[2].cells[0] as string).normalize('NFC')).toBe(rows[2].cells[0]);
  });

  it('reads CR LF, LF, lone CR and mixed line breaks the same way, also across read chunks', async () => {
    for (const nl of ['\r\n', '\n', '\r']) {
      const { rows } = await read(Buffer.from(['a;b', '"x' + nl + 'y";z', 'c;d'].join(nl) + nl));
      expect(rows).toEqual([
        { rowNumber: 1, cells: ['a', 'b'] },
        { rowNumber: 2, cells: ['x\ny', 'z'] },
        { rowNumber: 3, cells: ['c', 'd'] },
      ]);
    }
    const mixed = await read(Buffer.from('a;b\r\nc;d\ne;f\r\n'));
    expect(mixed.rows.map((r) => r.rowNumber)).toEqual([1, 2, 3]);
    // 16,383 lines of 16 bytes, then a 15-byte line: its CR is the last byte of the first 256 KiB chunk.
    const lines = Array.from({ length: 16_383 }, (_, i) => `${String(i).padStart(10, '0')};abc`);
    lines.push('12345678901;abc');
    lines.push('tail;end');
    const big = await read(Buffer.from(lines.join('\r\n') + '\r\n'));
    expect(big.rows).toHaveLength(16_385);
    expect(big.rows.at(-2)).toEqual({ rowNumber: 16_384, cells: ['12345678901', 'abc'] });
    expect(big.rows.at(-1)).toEqual({ rowNumber: 16_385, cells: ['tail', 'end'] });
  });

  it('prefers ; over , when vi-VN decimals use commas', async () => {
    const { opened, rows } = await read(Buffer.from('Đơn vị;Điểm\nPhòng A;18,5\nPhòng B;92,25\nPhòng C;100\n'));
    expect(opened.delimiter).toBe(';');
    expect(rows[1].cells).toEqual(['Phòng A', '18,5']);
  });

  it('converts a TCVN3 (ABC) file to Unicode and says so', async () => {
    const encodeTcvn3 = (s: string) => Buffer.from([...s.normalize('NFC')].map((ch) => TCVN3_ENCODE.get(ch) ?? ch.charCodeAt(0)));
    const text = 'Tên đơn vị;Danh hiệu\nPhòng Tài chính;Lao động tiên tiến\nVăn phòng Sở;Chiến sĩ thi đua cơ sở\nĐội Kiểm tra;Tập thể lao động xuất sắc\n';
    // Classic TCVN3 bytes: "Phßng Tµi chÝnh".
    expect(encodeTcvn3('Phòng Tài chính').toString('latin1')).toBe('Phßng Tµi chÝnh');
    const { opened, rows } = await read(encodeTcvn3(text));
    expect(opened.encoding).toBe('tcvn3→unicode');
    expect(opened.notes.join(' ')).toContain('TCVN3');
    expect(rows.map((r) => r.cells)).toEqual(text.trim().split('\n').map((l) => l.split(';')));
  });

  it('converts a VNI-Windows file to Unicode and says so', async () => {
    const text = 'Tên đơn vị;Danh hiệu\nPhòng Tài chính;Lao động tiên tiến\nVăn phòng Sở;Chiến sĩ thi đua cơ sở\nĐỘI KIỂM TRA;Bằng khen của Ủy ban nhân dân tỉnh\n';
    expect(encodeVni('Phòng')).toBe('Phoøng');
    const bytes = Buffer.from(encodeVni(text), 'latin1');
    const { opened, rows } = await read(bytes);
    expect(opened.encoding).toBe('vni→unicode');
    expect(opened.notes.join(' ')).toContain('VNI');
    expect(rows.map((r) => r.cells)).toEqual(text.trim().split('\n').map((l) => l.split(';')));
  });

  it('tells VNI from TCVN3 and Windows-1258 on short files, in capitals too', async () => {
    const encodeTcvn3 = (s: string) => Buffer.from([...s.normalize('NFC')].map((ch) => TCVN3_ENCODE.get(ch) ?? ch.charCodeAt(0)));
    const texts = ['Tên đơn vị;Ghi chú\nPhòng Tài chính;Lao động tiên tiến\n', 'TÊN ĐƠN VỊ;GHI CHÚ\nPHÒNG TÀI CHÍNH;LAO ĐỘNG TIÊN TIẾN\n'];
    for (const text of texts) {
      const vni = await read(Buffer.from(encodeVni(text), 'latin1'));
      expect(vni.opened.encoding).toBe('vni→unicode');
      expect(vni.rows.map((r) => r.cells.join(';')).join('\n') + '\n').toBe(text);
      const w1258 = await read(encode1258(text));
      expect(w1258.opened.encoding).toBe('windows-1258');
      expect(w1258.rows.map((r) => r.cells.join(';')).join('\n') + '\n').toBe(text);
    }
    const tcvn = await read(encodeTcvn3(texts[0]));
    expect(tcvn.opened.encoding).toBe('tcvn3→unicode');
    expect(tcvn.rows[1].cells).toEqual(['Phòng Tài chính', 'Lao động tiên tiến']);
  });

  it('converts legacy text that was already re-saved as UTF-8 through Windows-1252', async () => {
    const { opened, rows } = await read(Buffer.from('Tên đơn vị;Ghi chú\nPhßng Tµi chÝnh;Lao ®éng tiªn tiÕn\nV¨n phßng Së;ChiÕn sÜ thi ®ua\n', 'utf8'));
    expect(opened.encoding).toBe('utf-8 (tcvn3→unicode)');
    expect(rows[1].cells).toEqual(['Phòng Tài chính', 'Lao động tiên tiến']);
  });

  it('round-trips every Vietnamese letter through the TCVN3 and VNI tables', () => {
    const lower = 'aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ';
    expect(decodeVni(encodeVni(lower))).toBe(lower);
    expect(decodeVni(encodeVni(lower.toUpperCase()))).toBe(lower.toUpperCase());
    const tcvn = [...lower].map((ch) => String.fromCharCode(TCVN3_ENCODE.get(ch) ?? ch.charCodeAt(0))).join('');
    expect(decodeTcvn3(tcvn)).toBe(lower);
    // Capitals typed with a .VnTimeH font reuse the small-letter codes.
    expect(decodeTcvn3('PH\xdfNG T\xb5I CH\xddNH')).toBe('PHÒNG TÀI CHÍNH');
    expect(decodeTcvn3('T\xf5 ngµy')).toBe('Từ ngày');
  });

  it('refuses an unbalanced quote with the row where it opened', async () => {
    const err = await read(Buffer.from('a;b\nc;d\n"e;f\ng;h\n')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileRejectedError);
    expect(err).toMatchObject({ code: 'unbalanced-quotes', row: 3 });
    expect((err as Error).message).toMatch(/^Dòng 3: dấu ngoặc kép/);
  });

  it('refuses text in an unknown 8-bit encoding, telling to convert with Unikey', async () => {
    const bytes = Buffer.from('T\xaau;\xa4\xbc\xa7\xaa\xdf\xbe\nP\xb1\xb2\xb3\xa4\xbc\xa7\xaa;\xdf\xbe\xb1\xb2\n\xb3\xa4\xbc\xa7;\xaa\xdf\xbe\xb1\xb2\xb3\n', 'latin1');
    const err = await read(bytes).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'encoding' });
    expect((err as Error).message).toContain('Unikey');
  });

  it('enforces the column and cell limits with the row number', async () => {
    const wide = Buffer.from(`a;b\n${Array.from({ length: 205 }, (_, i) => i).join(';')}\n`);
    await expect(read(wide)).rejects.toMatchObject({ code: 'too-many-columns', row: 2 });
    const opened = await readSpreadsheet({ bytes: Buffer.from('a;b\nc;' + 'x'.repeat(50) + '\n') }, 'x.csv', { ...LIMITS, maxCellChars: 40 });
    await expect(collect(opened.sheets[0])).rejects.toThrow(/Dòng 2, cột B/);
  });

  it('streams a large file without holding its rows', async () => {
    const n = 100_000;
    const body = Array.from({ length: n }, (_, i) => `${i + 1};Đơn vị ${i % 50};${i % 7},5;01/0${(i % 9) + 1}/2023;Ghi chú;x`).join('\n');
    const file = path.join(dir, 'big.csv');
    writeFileSync(file, 'STT;Đơn vị;Điểm;Ngày;Ghi chú;Khác\n' + body);
    const t = performance.now();
    const opened = await readSpreadsheet({ path: file }, 'big.csv', LIMITS);
    let count = 0;
    let last = 0;
    for await (const r of opened.sheets[0].rows()) {
      count++;
      last = r.rowNumber;
    }
    const ms = performance.now() - t;
    expect([count, last]).toEqual([n + 1, n + 1]);
    expect(ms).toBeLessThan(20_000);
    console.log(`csv: ${n} rows × 6 columns in ${ms.toFixed(0)} ms = ${Math.round((n / ms) * 1000)} rows/s`);
  });
});
