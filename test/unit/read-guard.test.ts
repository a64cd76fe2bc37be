import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileRejectedError, readSpreadsheet } from '@/etl/read';
import { collect, deflatedEntry, LIMITS, minimalWorkbookParts, sheetXml, writeZip, zerosDeflated } from '@/test/fixtures/read/helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'read-guard-'));

async function rejection(input: { bytes: Buffer } | { path: string }, limits = LIMITS): Promise<FileRejectedError> {
  const err = await readSpreadsheet(input, 'upload.xlsx', limits)
    .then(async (o) => {
      for (const s of o.sheets) await collect(s);
      return null;
    })
    .catch((e: unknown) => e);
  expect(err, 'the file should have been refused').toBeInstanceOf(FileRejectedError);
  return err as FileRejectedError;
}

let gigabyte: ReturnType<typeof zerosDeflated>;
let validXlsx: Buffer;

beforeAll(async () => {
  gigabyte = zerosDeflated(1024);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  for (let i = 1; i <= 300; i++) ws.addRow([i, `Đơn vị số ${i}`, i * 1.5, `Ghi chú ${i}`.repeat(5)]);
  validXlsx = Buffer.from(await wb.xlsx.writeBuffer());
});

describe('file guard', () => {
  it('refuses an empty file', async () => {
    const err = await rejection({ bytes: Buffer.alloc(0) });
    expect(err.code).toBe('empty');
    expect(err.message).toMatch(/^Tệp rỗng/);
  });

  it('refuses an old .xls (OLE2) by its content, whatever its name', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048, 1)]);
    const err = await rejection({ bytes: ole });
    expect(err.code).toBe('xls');
    expect(err.message).toContain('Save As');
    expect(err.message).toContain('.xlsx');
  });

  it('refuses binary garbage and other formats', async () => {
    let seed = 7;
    const garbage = Buffer.from(Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff));
    expect((await rejection({ bytes: garbage })).code).toBe('binary');
    expect((await rejection({ bytes: Buffer.from('%PDF-1.7\n...') })).code).toBe('not-spreadsheet');
    const ctrl = Buffer.from('a;b\n' + '\x01\x02\x03\x04\x05\x06\x07\x08'.repeat(20));
    expect((await rejection({ bytes: ctrl })).code).toBe('binary');
  });

  it('refuses HTML tables and Excel 2003 XML saved as .xls, telling to save as .xlsx', async () => {
    const html = await rejection({ bytes: Buffer.from('\ufeff<html><body><table><tr><td>STT</td></tr></table></body></html>') });
    expect(html.code).toBe('not-spreadsheet');
    expect(html.message).toContain('trang HTML');
    expect(html.message).toContain('.xlsx');
    const xml2003 = await rejection({ bytes: Buffer.from('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>') });
    expect(xml2003.message).toContain('XML Spreadsheet 2003');
  });

  it('refuses a file larger than the configured size', async () => {
    const err = await rejection({ bytes: Buffer.from('a;b\n1;2\n') }, { ...LIMITS, maxFileBytes: 4 });
    expect(err.code).toBe('too-large');
  });

  it('refuses .ods and .docx archives with a clear message', async () => {
    const ods = Buffer.from(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') }));
    const e1 = await rejection({ bytes: ods });
    expect(e1.code).toBe('not-xlsx');
    expect(e1.message).toContain('.ods');
    const docx = Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') }));
    const e2 = await rejection({ bytes: docx });
    expect(e2.message).toContain('Word (.docx)');
    const plainZip = Buffer.from(zipSync({ 'a.txt': strToU8('hello') }));
    expect((await rejection({ bytes: plainZip })).code).toBe('not-xlsx');
  });

  it('refuses a truncated xlsx (upload cut short) and a flipped byte as corrupt', async () => {
    for (const cut of [0.3, 0.6, 0.95]) {
      const err = await rejection({ bytes: validXlsx.subarray(0, Math.floor(validXlsx.length * cut)) });
      expect(err.code).toBe('corrupt');
      expect(err.message).toMatch(/^Tệp bị hỏng hoặc tải lên chưa hết/);
    }
    // Damage inside the compressed sheet data (the CRC or the inflater catches it).
    const damaged = Buffer.from(validXlsx);
    const at = damaged.indexOf('xl/worksheets/sheet1.xml') + 40;
    for (let i = 0; i < 16; i++) damaged[at + i] ^= 0x5a;
    expect((await rejection({ bytes: damaged })).code).toBe('corrupt');
  });

  it('refuses a 1 GB zip bomb from its declared size without inflating it', async () => {
    const parts = minimalWorkbookParts(sheetXml(''));
    parts[3] = { name: 'xl/worksheets/sheet1.xml', stored: gigabyte.stored, method: 8, crc: gigabyte.crc, size: gigabyte.size };
    const t = performance.now();
    const err = await rejection({ bytes: writeZip(parts) });
    expect(err.code).toBe('zip-bomb');
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('stops inflating a 1 GB bomb whose header lies about its size, with bounded memory', async () => {
    const parts = minimalWorkbookParts(sheetXml(''));
    parts[3] = { name: 'xl/worksheets/sheet1.xml', stored: gigabyte.stored, method: 8, crc: gigabyte.crc, size: 50_000 };
    const file = path.join(dir, 'liar.xlsx');
    writeFileSync(file, writeZip(parts));
    const before = process.memoryUsage();
    const t = performance.now();
    const err = await rejection({ path: file });
    expect(err.code).toBe('zip-bomb');
    expect(performance.now() - t).toBeLessThan(2000);
    const after = process.memoryUsage();
    expect(after.rss - before.rss).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses by compression ratio and by the configured decompressed total', async () => {
    const z = zerosDeflated(64);
    const parts = minimalWorkbookParts(sheetXml(''));
    parts.push({ name: 'xl/media/zeros.bin', stored: z.stored, method: 8, crc: z.crc, size: z.size });
    const e1 = await rejection({ bytes: writeZip(parts) });
    expect(e1.code).toBe('zip-bomb');
    expect(e1.message).toContain('tỉ lệ nén');
    const e2 = await rejection({ bytes: writeZip(parts) }, { ...LIMITS, maxZipRatio: 100_000, maxUnzippedBytes: 32 * 1024 * 1024 });
    expect(e2.code).toBe('zip-bomb');
    // Many parts each under the limit, together over it.
    const small = zerosDeflated(4);
    const many = minimalWorkbookParts(sheetXml(''));
    for (let i = 0; i < 10; i++) many.push({ name: `xl/media/z${i}.bin`, stored: small.stored, method: 8, crc: small.crc, size: small.size });
    const e3 = await rejection({ bytes: writeZip(many) }, { ...LIMITS, maxZipRatio: 100_000, maxUnzippedBytes: 20 * 1024 * 1024 });
    expect(e3.message).toContain('tổng dung lượng');
  });

  it('refuses too many entries and encrypted entries', async () => {
    const parts = minimalWorkbookParts(sheetXml(''));
    for (let i = 0; i < 5001; i++) parts.push({ ...deflatedEntry(`xl/x/${i}.xml`, ''), stored: new Uint8Array(0), method: 0 });
    expect((await rejection({ bytes: writeZip(parts) })).code).toBe('zip-bomb');
    const enc = minimalWorkbookParts(sheetXml(''));
    enc[3] = { ...enc[3], flags: 1 };
    const err = await rejection({ bytes: writeZip(enc) });
    expect(err.code).toBe('encrypted');
    expect(err.message).toContain('mật khẩu');
  });

  it('refuses DOCTYPE / ENTITY declarations (billion laughs) in any XML part', async () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><sst><si><t>&lol2;</t></si></sst>';
    const parts = minimalWorkbookParts(sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'));
    parts.push(deflatedEntry('xl/sharedStrings.xml', laughs));
    const err = await rejection({ bytes: writeZip(parts) });
    expect(err.code).toBe('xml-dtd');
    const inSheet = minimalWorkbookParts('<!DOCTYPE x [<!ENTITY a "b">]>' + sheetXml(''));
    expect((await rejection({ bytes: writeZip(inSheet) })).code).toBe('xml-dtd');
  });

  it('refuses an absurd shared-strings count before reading them', async () => {
    const parts = minimalWorkbookParts(sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'));
    parts.push(deflatedEntry('xl/sharedStrings.xml', '<sst count="900000000" uniqueCount="900000000"><si><t>a</t></si></sst>'));
    expect((await rejection({ bytes: writeZip(parts) })).code).toBe('too-many-strings');
  });

  it('never fails other than with a FileRejectedError on damaged files (seeded mutations)', async () => {
    const { readFileSync } = await import('node:fs');
    const template = readFileSync(path.join(import.meta.dirname, '../fixtures/real-templates/NHANDULIEU.xlsx'));
    const csv = Buffer.from('\ufeffSTT;Tên đơn vị;"Ghi chú; có ""ngoặc"""\r\n1;Phòng Tài chính;"dòng 1\r\ndòng 2"\r\n2;Văn phòng Sở;x\r\n');
    let seed = 12345;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const outcomes = new Map<string, number>();
    for (const original of [template, validXlsx, csv]) {
      for (let k = 0; k < 60; k++) {
        const b = Buffer.from(original);
        const kind = rnd(3);
        if (kind === 0) for (let j = 0; j <= rnd(8); j++) b[rnd(b.length)] = rnd(256);
        const bytes =
          kind === 1 ? b.subarray(0, rnd(b.length)) : kind === 2 ? Buffer.concat([b.subarray(0, rnd(b.length)), Buffer.from([rnd(256), rnd(256)]), b.subarray(rnd(b.length))]) : b;
        const outcome = await readSpreadsheet({ bytes }, 'f', LIMITS)
          .then(async (o) => {
            for (const s of o.sheets) await collect(s);
            return 'ok';
          })
          .catch((e: unknown) => (e instanceof FileRejectedError ? e.code : `unexpected: ${String(e)}`));
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    }
    expect([...outcomes.keys()].filter((k) => k.startsWith('unexpected'))).toEqual([]);
    expect(outcomes.get('corrupt')).toBeGreaterThan(10);
  });

  it('accepts the valid workbook the hostile ones were made from', async () => {
    const opened = await readSpreadsheet({ bytes: validXlsx }, 'ok.xlsx', LIMITS);
    const rows = await collect(opened.sheets[0]);
    expect(rows).toHaveLength(300);
    expect(rows[299]).toEqual({ rowNumber: 300, cells: [300, 'Đơn vị số 300', 450, 'Ghi chú 300'.repeat(5)] });
  });
});
