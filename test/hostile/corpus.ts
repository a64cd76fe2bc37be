/**
 * The hostile and broken file corpus of issue 6, generated into a directory at test time
 * (nothing big is committed). Each case says what the pipeline must do with it.
 *
 *   npx tsx test/hostile/corpus.ts DIR      writes the corpus and DIR/manifest.json
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { BENCH_UNITS, seededRandom } from '../bench/generate-shared';
import { SHEET_CLOSE, SHEET_OPEN, buildXlsx, buildZip, inlineRow } from './zip-writer';

export interface CaseExpectation {
  /** 'refuse': rejected with a Vietnamese message, nothing written. 'load': loaded exactly. 'either': refused cleanly or loaded exactly. */
  outcome: 'refuse' | 'load' | 'either';
  /** For a load: rows and participants the batch must hold. */
  rows?: number;
  participants?: number;
  /** For a load: titles that must be stored exactly as typed. */
  titles?: string[];
}

export interface HostileCase {
  id: string;
  /** What the file is, in a few words (for the report). */
  what: string;
  /** Path of the file in the corpus directory. */
  file: string;
  /** The name the user gave the file (extension may lie). */
  fileName: string;
  expect: CaseExpectation;
}

const MB = 1024 * 1024;
export const ACTIVITY_HEADER = ['Ngày thực hiện', 'Đơn vị', 'Hình thức', 'Nội dung', 'Số người tham gia'];

/** Valid activity rows with titles unique to the case, so no row is skipped as already present. */
export function activityRows(prefix: string, n: number): { rows: (string | number)[][]; participants: number } {
  const rows: (string | number)[][] = [];
  let participants = 0;
  for (let i = 0; i < n; i++) {
    const p = 10 + i;
    participants += p;
    rows.push([`${String(1 + (i % 28)).padStart(2, '0')}/03/2023`, BENCH_UNITS[i % BENCH_UNITS.length].name, 'Hội nghị', `${prefix} hoạt động ${i + 1}`, p]);
  }
  return { rows, participants };
}

function csv(rows: (string | number)[][]): string {
  return rows.map((r) => r.map((v) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\r\n') + '\r\n';
}

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2026, 0, 1));
  const ws = wb.addWorksheet('Hoạt động');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same buffer yielded `times` times: a huge part that costs 1 MB of memory to produce. */
function* repeat(head: string, chunk: Buffer, times: number, tail: string): Iterable<Buffer> {
  yield Buffer.from(head);
  for (let i = 0; i < times; i++) yield chunk;
  yield Buffer.from(tail);
}

export async function buildHostileCorpus(dir: string): Promise<HostileCase[]> {
  fs.mkdirSync(dir, { recursive: true });
  const cases: HostileCase[] = [];
  const add = (id: string, what: string, fileName: string, bytes: Buffer | string, expect: CaseExpectation) => {
    const file = path.join(dir, `${id}--${fileName}`);
    fs.writeFileSync(file, bytes);
    cases.push({ id, what, file, fileName, expect });
  };
  const refuse: CaseExpectation = { outcome: 'refuse' };
  const spaces = Buffer.alloc(MB, 0x20);

  // Zip bombs: 700 MB of XML whitespace (> the 600 MB unzip limit, ratio ~1000:1), honest and lying headers.
  add('zip-bomb', 'sheet1.xml nén ~1000:1, giải nén 700 MB', 'bom.xlsx', await buildXlsx(() => repeat(SHEET_OPEN, spaces, 700, SHEET_CLOSE)), refuse);
  add(
    'zip-bomb-lying',
    'sheet1.xml 300 MB khai man kích thước 2 KB',
    'bom-khai-man.xlsx',
    await buildXlsx(() => repeat(SHEET_OPEN, spaces, 300, SHEET_CLOSE), undefined, { sheet: 2048 }),
    refuse,
  );

  // Huge shared-strings table: 3 million unique strings, one cell points at the last one.
  const sst = function* (): Iterable<Buffer> {
    yield Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3000000" uniqueCount="3000000">`);
    let buf = '';
    for (let i = 0; i < 3_000_000; i++) {
      buf += `<si><t>Chuỗi số ${i}</t></si>`;
      if (buf.length > MB) {
        yield Buffer.from(buf);
        buf = '';
      }
    }
    yield Buffer.from(buf + '</sst>');
  };
  add(
    'shared-strings-huge',
    '3 triệu chuỗi dùng chung',
    'chuoi-chung.xlsx',
    await buildXlsx(Buffer.from(`${SHEET_OPEN}<row r="1"><c r="A1" t="s"><v>2999999</v></c></row>${SHEET_CLOSE}`), sst),
    refuse,
  );

  // Deeply nested XML: 200,000 levels inside sheetData.
  add(
    'nested-xml',
    'XML lồng sâu 200.000 cấp',
    'long-sau.xlsx',
    await buildXlsx(Buffer.from(SHEET_OPEN + '<x>'.repeat(200_000) + '</x>'.repeat(200_000) + SHEET_CLOSE)),
    refuse,
  );

  // Billion laughs: entity expansion in the sheet and in the shared strings.
  const laughs =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
    ']>';
  add(
    'billion-laughs',
    'mở rộng thực thể XML (billion laughs)',
    'billion-laughs.xlsx',
    await buildXlsx(
      Buffer.from(
        laughs +
          `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
          inlineRow(1, ACTIVITY_HEADER) +
          `<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>${SHEET_CLOSE}`,
      ),
      Buffer.from(laughs + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`),
    ),
    refuse,
  );

  // Truncated zip: a real workbook cut at 60 %.
  const good = activityRows('Cắt cụt', 2000);
  const full = await workbook([ACTIVITY_HEADER, ...good.rows]);
  add('truncated-zip', 'tệp .xlsx bị cắt còn 60 %', 'cat-cut.xlsx', full.subarray(0, Math.floor(full.length * 0.6)), refuse);

  // Wrong extensions: the content decides.
  const csvAsXlsx = activityRows('Đuôi sai CSV', 20);
  add('csv-named-xlsx', 'CSV đặt tên .xlsx', 'hoat-dong.xlsx', csv([ACTIVITY_HEADER, ...csvAsXlsx.rows]), {
    outcome: 'either',
    rows: 20,
    participants: csvAsXlsx.participants,
  });
  const xlsxAsCsv = activityRows('Đuôi sai XLSX', 20);
  add('xlsx-named-csv', 'XLSX đặt tên .csv', 'hoat-dong.csv', await workbook([ACTIVITY_HEADER, ...xlsxAsCsv.rows]), {
    outcome: 'either',
    rows: 20,
    participants: xlsxAsCsv.participants,
  });
  add(
    'docx-named-xlsx',
    'tệp Word (.docx) đặt tên .xlsx',
    'bao-cao.xlsx',
    await buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<?xml version="1.0"?><w:document xmlns:w="x"/>') },
    ]),
    refuse,
  );
  const ole = Buffer.alloc(4096, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  add('xls-ole2', 'Excel 97–2003 (.xls)', 'cu.xls', ole, refuse);

  // Empty and header-only files.
  add('empty-csv', 'tệp rỗng (.csv)', 'rong.csv', Buffer.alloc(0), refuse);
  add('empty-xlsx', 'tệp rỗng (.xlsx)', 'rong.xlsx', Buffer.alloc(0), refuse);
  add('headers-only-csv', 'chỉ có dòng tiêu đề (.csv)', 'chi-tieu-de.csv', csv([ACTIVITY_HEADER]), refuse);
  add('headers-only-xlsx', 'chỉ có dòng tiêu đề (.xlsx)', 'chi-tieu-de.xlsx', await workbook([ACTIVITY_HEADER]), refuse);

  // 10,000 columns.
  const wide = Array.from({ length: 10_000 }, (_, i) => `Cột ${i + 1}`);
  const wideRow = activityRows('Rộng', 1).rows[0];
  add('columns-10000-csv', '10.000 cột (.csv)', 'rong-10000-cot.csv', csv([[...ACTIVITY_HEADER, ...wide.slice(5)], [...wideRow, ...wide.slice(5).map(() => 'x')]]), refuse);
  add(
    'columns-10000-xlsx',
    '10.000 cột (.xlsx)',
    'rong-10000-cot.xlsx',
    await buildXlsx(Buffer.from(SHEET_OPEN + inlineRow(1, [...ACTIVITY_HEADER, ...wide.slice(5)]) + inlineRow(2, [...wideRow, ...wide.slice(5).map(() => 'x')]) + SHEET_CLOSE)),
    refuse,
  );

  // A 1 MB cell.
  const big = 'Â'.repeat(MB);
  const bigRows = activityRows('Ô lớn', 3).rows;
  bigRows[1][3] = big;
  add('cell-1mb-csv', 'một ô 1 MB (.csv)', 'o-1mb.csv', csv([ACTIVITY_HEADER, ...bigRows]), refuse);
  add('cell-1mb-xlsx', 'một ô 1 MB (.xlsx)', 'o-1mb.xlsx', await workbook([ACTIVITY_HEADER, ...bigRows]), refuse);

  // Binary garbage.
  const rand = seededRandom(66);
  const garbage = Buffer.alloc(256 * 1024);
  for (let i = 0; i < garbage.length; i++) garbage[i] = Math.floor(rand() * 256);
  add('binary-garbage', '256 KB byte ngẫu nhiên đặt tên .csv', 'rac.csv', garbage, refuse);

  // CSV with an unbalanced quote: the rest of the file would fall into one cell.
  const uq = activityRows('Ngoặc lệch', 200).rows;
  const uqText = csv([ACTIVITY_HEADER, ...uq]).replace(`Ngoặc lệch hoạt động 3,`, `"Ngoặc lệch hoạt động 3,`);
  add('unbalanced-quotes', 'CSV có dấu ngoặc kép không đóng', 'ngoac-lech.csv', uqText, refuse);

  // Formula cells and text that a spreadsheet would run as a formula.
  const formulaTitles = ['=HYPERLINK("http://vi-du.example/x","Bấm vào đây")', '@SUM(A1:A9)', '+84 912 345 678', '-5 điểm trừ', '=1+1'];
  const fRows: unknown[][] = formulaTitles.map((t, i) => [`0${i + 1}/04/2023`, BENCH_UNITS[i].name, 'Tọa đàm', t, 7]);
  fRows.push(['06/04/2023', BENCH_UNITS[5].name, 'Tọa đàm', 'Số người từ công thức', { formula: '10+5', result: 15 }]);
  add('formulas', 'ô công thức và văn bản =HYPERLINK/@/+/-', 'cong-thuc.xlsx', await workbook([ACTIVITY_HEADER, ...fRows]), {
    outcome: 'load',
    rows: 6,
    participants: 5 * 7 + 15,
    titles: formulaTitles,
  });
  const fCsv = formulaTitles.map((t, i) => [`0${i + 1}/05/2023`, BENCH_UNITS[i].name, 'Tọa đàm', t, 3]);
  add('formulas-csv', 'CSV có văn bản =HYPERLINK/@/+/-', 'cong-thuc.csv', csv([ACTIVITY_HEADER, ...fCsv]), {
    outcome: 'load',
    rows: 5,
    participants: 15,
    titles: formulaTitles,
  });

  // __proto__ and constructor as headers.
  const proto = activityRows('Nguyên mẫu', 10);
  add(
    'proto-headers',
    'tiêu đề __proto__ và constructor cạnh các cột thật',
    'proto.csv',
    csv([['__proto__', 'constructor', ...ACTIVITY_HEADER], ...proto.rows.map((r) => ['{"polluted":"yes"}', 'x', ...r])]),
    { outcome: 'load', rows: 10, participants: proto.participants },
  );
  add('proto-only', 'chỉ có tiêu đề __proto__, constructor, prototype', 'proto-only.csv', csv([['__proto__', 'constructor', 'prototype'], ['1', '2', '3']]), refuse);

  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(cases, null, 2));
  return cases;
}

if (process.argv[1]?.endsWith('corpus.ts')) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Cách dùng: npx tsx test/hostile/corpus.ts THƯ_MỤC');
    process.exit(2);
  }
  const t0 = performance.now();
  buildHostileCorpus(dir).then((cases) => {
    for (const c of cases) console.log(`${c.id.padEnd(22)} ${(fs.statSync(c.file).size / 1024).toFixed(0).padStart(8)} KB  ${c.what}`);
    console.log(`${cases.length} tệp trong ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });
}
