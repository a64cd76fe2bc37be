/**
 * Seeded random mutations of the sample spreadsheets (bytes and cells), written to a directory
 * with a manifest for test/hostile/run-cases.ts. Same seed → same cases.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { seededRandom } from '../bench/generate-shared';

export interface FuzzCase {
  id: string;
  file: string;
  fileName: string;
  source: string;
  mutation: string;
}

/** Values that break naive normalisers: impossible dates, huge numbers, formulas, markers. */
const HOSTILE_CELLS: (string | number)[] = [
  '',
  ' ',
  '31/02/2022',
  '00/00/0000',
  '-5',
  '1e308',
  '99999999999999999999999',
  Number.MAX_VALUE,
  -1,
  0.1,
  '#N/A',
  '#REF!',
  '=1+1',
  '=HYPERLINK("http://x.example")',
  '"',
  '""',
  'NaN',
  'Infinity',
  'TỔNG CỘNG',
  'KT. GIÁM ĐỐC',
  'I. TẬP THỂ',
  '__proto__',
  'constructor',
  'x'.repeat(40_000),
  'Phòng Quản lí ngân xách',
  '\u202Eđảo chiều',
  'a\u0000b',
];

/** The sample files the fuzzer starts from: every data file except the units file. */
export function sampleSources(sampleDir: string): string[] {
  return fs
    .readdirSync(sampleDir)
    .filter((f) => /\.(xlsx|csv|txt)$/i.test(f) && !/^don-vi/.test(f))
    .sort()
    .map((f) => path.join(sampleDir, f));
}

function mutateBytes(buf: Buffer, rand: () => number): { bytes: Buffer; what: string } {
  const b = Buffer.from(buf);
  const kind = Math.floor(rand() * 4);
  if (kind === 0) {
    const k = 1 + Math.floor(rand() * 16);
    for (let i = 0; i < k; i++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
    return { bytes: b, what: `${k} byte ngẫu nhiên` };
  }
  if (kind === 1) {
    const at = Math.floor(rand() * b.length);
    return { bytes: b.subarray(0, at), what: `cắt tại byte ${at}` };
  }
  if (kind === 2) {
    const at = Math.floor(rand() * b.length);
    const junk = Buffer.alloc(1 + Math.floor(rand() * 64));
    for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(rand() * 256);
    return { bytes: Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]), what: `chèn ${junk.length} byte tại ${at}` };
  }
  const from = Math.floor(rand() * b.length);
  const len = Math.floor(rand() * Math.min(4096, b.length - from));
  const at = Math.floor(rand() * b.length);
  return { bytes: Buffer.concat([b.subarray(0, at), b.subarray(from, from + len), b.subarray(at)]), what: `lặp ${len} byte` };
}

async function mutateXlsxCells(file: string, rand: () => number): Promise<{ bytes: Buffer; what: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[Math.floor(rand() * wb.worksheets.length)];
  const k = 1 + Math.floor(rand() * 5);
  const done: string[] = [];
  for (let i = 0; i < k; i++) {
    const r = 1 + Math.floor(rand() * Math.max(1, ws.rowCount));
    const c = 1 + Math.floor(rand() * Math.max(1, ws.columnCount));
    const v = HOSTILE_CELLS[Math.floor(rand() * HOSTILE_CELLS.length)];
    const cell = ws.getCell(r, c);
    // A merged cell's slave refuses a value; set it on the master.
    (cell.isMerged ? cell.master : cell).value = v;
    done.push(`${cell.address}=${JSON.stringify(String(v).slice(0, 20))}`);
  }
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), what: `ô ${done.join(', ')}` };
}

function mutateCsvCells(buf: Buffer, rand: () => number): { bytes: Buffer; what: string } {
  // latin1 keeps every byte as is, whatever the file's encoding (UTF-16 files just get odd bytes).
  const lines = buf.toString('latin1').split('\n');
  const k = 1 + Math.floor(rand() * 5);
  const done: string[] = [];
  for (let i = 0; i < k; i++) {
    const li = Math.floor(rand() * lines.length);
    const sep = lines[li].includes(';') ? ';' : ',';
    const fields = lines[li].split(sep);
    const fi = Math.floor(rand() * fields.length);
    const v = String(HOSTILE_CELLS[Math.floor(rand() * HOSTILE_CELLS.length)]);
    fields[fi] = Buffer.from(v, 'utf8').toString('latin1');
    lines[li] = fields.join(sep);
    done.push(`dòng ${li + 1} trường ${fi + 1}=${JSON.stringify(v.slice(0, 20))}`);
  }
  return { bytes: Buffer.from(lines.join('\n'), 'latin1'), what: done.join(', ') };
}

export async function buildFuzzCases(sampleDir: string, outDir: string, count: number, seed: number): Promise<FuzzCase[]> {
  const sources = sampleSources(sampleDir);
  if (sources.length === 0) throw new Error(`Không có tệp mẫu trong ${sampleDir}`);
  fs.mkdirSync(outDir, { recursive: true });
  const rand = seededRandom(seed);
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const source = sources[Math.floor(rand() * sources.length)];
    const original = fs.readFileSync(source);
    const cells = rand() < 0.5;
    const m = !cells
      ? mutateBytes(original, rand)
      : source.endsWith('.xlsx')
        ? await mutateXlsxCells(source, rand)
        : mutateCsvCells(original, rand);
    const id = `fuzz-${String(i).padStart(3, '0')}`;
    const fileName = path.basename(source);
    const file = path.join(outDir, `${id}--${fileName}`);
    fs.writeFileSync(file, m.bytes);
    cases.push({ id, file, fileName, source: fileName, mutation: m.what });
  }
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(cases, null, 2));
  return cases;
}
