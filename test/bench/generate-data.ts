/**
 * Deterministic benchmark files: a units CSV, an activities CSV (default 1,000,000 rows) and an
 * awards XLSX (default 200,000 rows). Same seed → same rows. Written to data/bench/ (git-ignored).
 *
 *   npx tsx test/bench/generate-data.ts [--dir data/bench] [--activities N] [--awards N] [--force]
 *
 * The functions are also used by the stress tests to make smaller files in a temp dir.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import {
  AWARD_TEXTS,
  BENCH_UNITS,
  CHANNEL_TEXTS,
  GIVEN_NAMES,
  MIDDLE_NAMES,
  SURNAMES,
  TOPICS,
  csvField,
  ddmmyyyy,
  pick,
  seededRandom,
  unitsCsv,
} from './generate-shared';

export function writeUnitsCsv(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, unitsCsv(), 'utf8');
}

/**
 * Activities CSV, `,`-separated UTF-8: Ngày thực hiện | Đơn vị | Hình thức | Nội dung | Số người tham gia.
 * Every title carries its row number so no two rows share a natural key (duplicates are errors).
 */
export async function writeActivitiesCsv(file: string, rows: number, seed = 20260601, unitNames?: string[]): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const rand = seededRandom(seed);
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  let chunk = 'Ngày thực hiện,Đơn vị,Hình thức,Nội dung,Số người tham gia\r\n';
  for (let i = 1; i <= rows; i++) {
    const year = 2021 + Math.floor(rand() * 4);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const unit = pick(rand, BENCH_UNITS);
    // Half the rows name the unit by its abbreviation, as real files do.
    const byName = rand() < 0.5;
    const unitText = unitNames ? unitNames[i % unitNames.length] : byName ? unit.name : unit.abbreviation;
    const channel = pick(rand, CHANNEL_TEXTS);
    const title = `${pick(rand, TOPICS)} đợt ${i}`;
    const participants = 5 + Math.floor(rand() * 496);
    chunk += `${ddmmyyyy(year, month, day)},${csvField(unitText)},${csvField(channel)},${csvField(title)},${participants}\r\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/**
 * Awards XLSX (one sheet, header in row 1): STT | Họ và tên | Loại | Đơn vị | Danh hiệu |
 * Số quyết định | Ngày quyết định | Năm. Written with exceljs' streaming writer.
 */
export async function writeAwardsXlsx(file: string, rows: number, seed = 20260602): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const rand = seededRandom(seed);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = wb.created;
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['STT', 'Họ và tên', 'Loại', 'Đơn vị', 'Danh hiệu', 'Số quyết định', 'Ngày quyết định', 'Năm']).commit();
  for (let i = 0; i < rows; i++) {
    // A decision lists 100 people; inside one decision every name differs, so keys are unique.
    const decision = Math.floor(i / 100);
    const year = 2021 + (decision % 4);
    const name = `${SURNAMES[i % SURNAMES.length]} ${MIDDLE_NAMES[Math.floor(i / SURNAMES.length) % MIDDLE_NAMES.length]} ${
      GIVEN_NAMES[Math.floor(i / (SURNAMES.length * MIDDLE_NAMES.length)) % GIVEN_NAMES.length]
    }`;
    const award = AWARD_TEXTS[decision % AWARD_TEXTS.length];
    const unit = pick(rand, BENCH_UNITS);
    const month = 1 + (decision % 12);
    const day = 1 + (decision % 28);
    ws.addRow([
      i + 1,
      name,
      'Cá nhân',
      rand() < 0.5 ? unit.name : unit.abbreviation,
      award,
      `${decision + 1}/QĐ-STC`,
      ddmmyyyy(year, month, day),
      year,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

export interface BenchFiles {
  units: string;
  activities: string;
  awards: string;
}

export function benchFiles(dir: string, activities: number, awards: number): BenchFiles {
  return {
    units: path.join(dir, 'units.csv'),
    activities: path.join(dir, `activities-${activities}.csv`),
    awards: path.join(dir, `awards-${awards}.xlsx`),
  };
}

/** Writes whatever is missing (or everything with force) and returns the paths. */
export async function ensureBenchFiles(dir: string, activities: number, awards: number, force = false): Promise<BenchFiles> {
  const files = benchFiles(dir, activities, awards);
  if (force || !fs.existsSync(files.units)) writeUnitsCsv(files.units);
  if (force || !fs.existsSync(files.activities)) await writeActivitiesCsv(files.activities, activities);
  if (force || !fs.existsSync(files.awards)) await writeAwardsXlsx(files.awards, awards);
  return files;
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = argValue(args, '--dir') ?? 'data/bench';
  const activities = Number(argValue(args, '--activities') ?? 1_000_000);
  const awards = Number(argValue(args, '--awards') ?? 200_000);
  const t0 = performance.now();
  const files = await ensureBenchFiles(dir, activities, awards, args.includes('--force'));
  for (const f of Object.values(files)) {
    console.log(`${f}: ${(fs.statSync(f).size / 1024 / 1024).toFixed(1)} MB`);
  }
  console.log(`Xong trong ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('generate-data.ts')) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
