import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnLetter, FileRejectedError, readSpreadsheet } from '@/etl/read';
import { collect, LIMITS, minimalWorkbookParts, sheetXml, writeZip } from '@/test/fixtures/read/helpers';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const dir = mkdtempSync(path.join(tmpdir(), 'read-xlsx-'));

async function awardsWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Khen thưởng');
  ws.getCell('A1').value = 'DANH SÁCH KHEN THƯỞNG NĂM 2022';
  ws.mergeCells('A1:E1');
  // Two-row merged header: STT spans rows 3–4, "Quyết định" spans D3:E3.
  ws.getCell('A3').value = 'STT';
  ws.mergeCells('A3:A4');
  ws.getCell('B3').value = 'Họ và tên';
  ws.mergeCells('B3:B4');
  ws.getCell('C3').value = 'Hình thức';
  ws.mergeCells('C3:C4');
  ws.getCell('D3').value = 'Quyết định';
  ws.mergeCells('D3:E3');
  ws.getCell('D4').value = 'Số';
  ws.getCell('E4').value = 'Ngày';
  ws.getCell('A5').value = 1;
  ws.getCell('B5').value = '  Nguyễn Văn  An '; // kept as typed
  ws.getCell('C5').value = { richText: [{ text: 'Bằng ' }, { font: { bold: true }, text: 'khen' }] };
  ws.getCell('D5').value = '125/QĐ-STC';
  ws.getCell('E5').value = new Date(Date.UTC(2022, 11, 20));
  ws.getCell('E5').numFmt = 'dd/mm/yyyy';
  ws.getCell('A6').value = 2;
  ws.getCell('B6').value = 'Trần Thị Bình'.normalize('NFD');
  ws.getCell('C6').value = { formula: 'VLOOKUP(B6,DM!A:B,2,0)', result: { error: '#N/A' } } as ExcelJS.CellFormulaValue;
  ws.getCell('D6').value = { formula: 'A6*10', result: 20 } as ExcelJS.CellFormulaValue;
  ws.getCell('E6').value = 44915; // a serial typed as a number, General format: stays a number
  ws.getCell('A7').value = 3;
  ws.getCell('B7').value = { formula: 'CONCAT("a","b")' } as ExcelJS.CellFormulaValue; // no cached value
  ws.getCell('C7').value = true;
  ws.getCell('D7').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
  ws.getCell('E7').value = { formula: 'D5', result: 'chuỗi' } as ExcelJS.CellFormulaValue;
  // Row 9 left empty on purpose; row 10 far right column.
  ws.getCell('H10').value = 'x';
  const hidden = wb.addWorksheet('DM');
  hidden.state = 'hidden';
  hidden.getCell('A1').value = 'Bằng khen';
  wb.addWorksheet('Trống');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('xlsx reader', () => {
  it('reads sheets in order with merged headers, dates, formulas, errors and rich text', async () => {
    const bytes = await awardsWorkbook();
    const file = path.join(dir, 'awards.dat'); // content decides, not the name
    writeFileSync(file, bytes);
    for (const input of [{ path: file }, { bytes }]) {
      const opened = await readSpreadsheet(input, 'awards.dat', LIMITS);
      expect(opened.format).toBe('xlsx');
      expect(opened.sheets.map((s) => [s.name, !!s.hidden])).toEqual([
        ['Khen thưởng', false],
        ['DM', true],
        ['Trống', false],
      ]);
      const rows = await collect(opened.sheets[0]);
      expect(rows.map((r) => r.rowNumber)).toEqual([1, 3, 4, 5, 6, 7, 10]);
      const byRow = new Map(rows.map((r) => [r.rowNumber, r.cells]));
      expect(byRow.get(1)).toEqual(Array(5).fill('DANH SÁCH KHEN THƯỞNG NĂM 2022'));
      expect(byRow.get(3)).toEqual(['STT', 'Họ và tên', 'Hình thức', 'Quyết định', 'Quyết định']);
      expect(byRow.get(4)).toEqual(['STT', 'Họ và tên', 'Hình thức', 'Số', 'Ngày']);
      const r5 = byRow.get(5)!;
      expect(r5.slice(0, 4)).toEqual([1, '  Nguyễn Văn  An ', 'Bằng khen', '125/QĐ-STC']);
      expect(r5[4]).toBeInstanceOf(Date);
      const d = r5[4] as Date;
      expect([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours()]).toEqual([2022, 12, 20, 0]);
      expect(byRow.get(6)).toEqual([2, 'Trần Thị Bình'.normalize('NFC'), '#N/A', 20, 44915]);
      expect((byRow.get(6)![1] as string).length).toBe('Trần Thị Bình'.normalize('NFC').length);
      expect(byRow.get(7)).toEqual([3, '=CONCAT("a","b")', true, '#REF!', 'chuỗi']);
      expect(byRow.get(10)).toEqual([null, null, null, null, null, null, null, 'x']);
      expect(await collect(opened.sheets[1])).toEqual([{ rowNumber: 1, cells: ['Bằng khen'] }]);
      expect(await collect(opened.sheets[2])).toEqual([]);
    }
  });

  it('rows() can be read again and agrees with exceljs on a real template', async () => {
    const file = path.join(import.meta.dirname, '../fixtures/real-templates/MauTDKT_20231004.xlsx');
    const opened = await readSpreadsheet({ path: file }, 'MauTDKT_20231004.xlsx', LIMITS);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    for (const sheet of opened.sheets) {
      const ours = await collect(sheet);
      expect(await collect(sheet)).toEqual(ours);
      const ws = wb.getWorksheet(sheet.name)!;
      for (const { rowNumber, cells } of ours) {
        cells.forEach((cell, i) => {
          const v = ws.getRow(rowNumber).getCell(i + 1).value;
          const master = ws.getRow(rowNumber).getCell(i + 1).master.value;
          const plain =
            v && typeof v === 'object' && 'result' in v ? v.result : v && typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : v;
          const expected = plain && typeof plain === 'object' && 'error' in plain ? plain.error : (plain ?? (master === v ? null : master));
          expect(cell, `${sheet.name}!${columnLetter(i)}${rowNumber}`).toEqual(expected ?? null);
        });
      }
    }
  });

  it('keeps a vertical merge across rows missing from the XML and copies it to every cell', async () => {
    const xml = sheetXml(
      '<row r="2"><c r="B2" t="inlineStr"><is><t>Khối</t></is></c></row><row r="5"><c r="A5"><v>7</v></c></row>',
      '<mergeCells count="1"><mergeCell ref="B2:C4"/></mergeCells>',
    );
    const opened = await readSpreadsheet({ bytes: writeZip(minimalWorkbookParts(xml)) }, 'm.xlsx', LIMITS);
    expect(await collect(opened.sheets[0])).toEqual([
      { rowNumber: 2, cells: [null, 'Khối', 'Khối'] },
      { rowNumber: 3, cells: [null, 'Khối', 'Khối'] },
      { rowNumber: 4, cells: [null, 'Khối', 'Khối'] },
      { rowNumber: 5, cells: [7] },
    ]);
  });

  it('decodes entities, _x000D_ escapes, phonetic runs and 1904 dates; ignores comments', async () => {
    const xml = sheetXml(
      '<!-- note --><row r="1"><c r="A1" t="inlineStr"><is><r><t>A &amp; B&#10;</t></r><r><t xml:space="preserve"> C_x000D_</t></r><rPh><t>x</t></rPh></is></c>' +
        '<c r="B1" s="1"><v>0</v></c><c r="C1" t="d"><v>2023-06-30T00:00:00</v></c><c r="D1" t="b"><f>TRUE()</f><v>1</v></c></row>',
    );
    const parts = minimalWorkbookParts(
      xml,
      '<workbook xmlns:r="r"><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    );
    const { deflatedEntry } = await import('@/test/fixtures/read/helpers');
    parts.push(deflatedEntry('xl/styles.xml', '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'));
    const opened = await readSpreadsheet({ bytes: writeZip(parts) }, 's.xlsx', LIMITS);
    const [row] = await collect(opened.sheets[0]);
    expect(row.cells[0]).toBe('A & B\n C\r');
    expect((row.cells[1] as Date).toISOString()).toBe('1904-01-01T00:00:00.000Z');
    expect((row.cells[2] as Date).toISOString()).toBe('2023-06-30T00:00:00.000Z');
    expect(row.cells[3]).toBe(true);
  });

  it('enforces the column, cell length and row limits with the row number', async () => {
    const wide = sheetXml(`<row r="3"><c r="${columnLetter(250)}3"><v>1</v></c></row>`);
    await expect(readSpreadsheet({ bytes: writeZip(minimalWorkbookParts(wide)) }, 'w.xlsx', LIMITS).then((o) => collect(o.sheets[0]))).rejects.toMatchObject({
      code: 'too-many-columns',
      row: 3,
    });
    const long = sheetXml(`<row r="2"><c r="B2" t="inlineStr"><is><t>${'x'.repeat(40)}</t></is></c></row>`);
    const err = await readSpreadsheet({ bytes: writeZip(minimalWorkbookParts(long)) }, 'l.xlsx', { ...LIMITS, maxCellChars: 30 })
      .then((o) => collect(o.sheets[0]))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileRejectedError);
    expect((err as FileRejectedError).message).toContain('dòng 2, cột B');
    const many = sheetXml(Array.from({ length: 12 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join(''));
    await expect(readSpreadsheet({ bytes: writeZip(minimalWorkbookParts(many)) }, 'r.xlsx', { ...LIMITS, maxRows: 10 }).then((o) => collect(o.sheets[0]))).rejects.toMatchObject({
      code: 'too-many-rows',
      row: 11,
    });
  });

  it('closes its file when a reader stops early', async () => {
    const { readdirSync } = await import('node:fs');
    const file = path.join(import.meta.dirname, '../fixtures/real-templates/MauTDKT_20231004.xlsx');
    const fds = () => readdirSync('/proc/self/fd').length;
    const before = fds();
    for (let i = 0; i < 20; i++) {
      const opened = await readSpreadsheet({ path: file }, 'm.xlsx', LIMITS);
      for await (const row of opened.sheets[0].rows()) {
        expect(row.rowNumber).toBe(1);
        break;
      }
    }
    expect(fds()).toBeLessThanOrEqual(before + 2);
  });

  it('columnLetter names columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });
});

describe('xlsx reader throughput', () => {
  it('streams 100,000 rows × 6 columns with bounded memory', async () => {
    const n = 100_000;
    const { deflatedEntry } = await import('@/test/fixtures/read/helpers');
    const strings = ['Cổng thông tin', 'eGov', 'Hội nghị', ...Array.from({ length: 40 }, (_, i) => `Phòng ${i}`)];
    const rows: string[] = [];
    for (let r = 1; r <= n; r++) {
      rows.push(
        `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" s="1"><v>${44562 + (r % 365)}</v></c><c r="C${r}" t="s"><v>${3 + (r % 40)}</v></c>` +
          `<c r="D${r}" t="s"><v>${r % 3}</v></c><c r="E${r}" t="inlineStr"><is><t>Bài viết số ${r}</t></is></c><c r="F${r}"><v>${r % 300}</v></c></row>`,
      );
    }
    const parts = minimalWorkbookParts(sheetXml(rows.join('')), undefined, 1);
    parts.push(deflatedEntry('xl/sharedStrings.xml', `<sst>${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`));
    parts.push(deflatedEntry('xl/styles.xml', '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>'));
    const file = path.join(dir, 'big.xlsx');
    writeFileSync(file, writeZip(parts));
    rows.length = 0;
    parts.length = 0;
    gc();

    const t = performance.now();
    const opened = await readSpreadsheet({ path: file }, 'big.xlsx', LIMITS);
    let count = 0;
    let peak = 0;
    let last: unknown = null;
    for await (const r of opened.sheets[0].rows()) {
      count++;
      last = r;
      if (count % 50_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    const ms = performance.now() - t;
    expect(count).toBe(n);
    expect(last).toEqual({ rowNumber: n, cells: [n, new Date(Date.UTC(2022, 0, 1 + (n % 365))), `Phòng ${n % 40}`, strings[n % 3], `Bài viết số ${n}`, n % 300] });
    // Live heap while streaming (after a collection) stays small: rows are not accumulated.
    expect(peak).toBeLessThan(150 * 1024 * 1024);
    console.log(`xlsx: ${n} rows × 6 columns in ${ms.toFixed(0)} ms = ${Math.round((n / ms) * 1000)} rows/s, peak heap ${(peak / 1048576).toFixed(0)} MB`);
  });
});
