import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDb, DatabaseLockedError } from '../db/client';
import { dbPath } from '../env';
import { buildReviewDocx } from './docx';
import { buildReviewXlsx } from './xlsx';
import { buildReviewReport, ReviewInputError } from './report';
import { SettingsError } from '../settings/store';

/**
 * `npm run -s report -- review --bloc NAME --period P --format docx|xlsx --out FILE [--db PATH] [--date yyyy-mm-dd]`
 * Exit 0 when written, 1 when the bloc/period/settings are wrong or the database is busy, 2 on wrong usage.
 */
const USAGE =
  'Cách dùng: npm run -s report -- review --bloc TÊN_KHỐI --period 2022-H1 --format docx|xlsx --out TỆP [--db ĐƯỜNG_DẪN] [--date 2026-11-27]';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        bloc: { type: 'string' },
        period: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        db: { type: 'string' },
        date: { type: 'string' },
      },
    });
  } catch (err) {
    usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'review' || positionals.length !== 1) usage('Lệnh con duy nhất là "review".');
  if (!values.bloc) usage('Thiếu --bloc (tên hoặc mã khối thi đua).');
  if (!values.period) usage('Thiếu --period (ví dụ 2022 hoặc 2022-H1).');
  if (values.format !== 'docx' && values.format !== 'xlsx') usage('--format phải là docx hoặc xlsx.');
  if (!values.out) usage('Thiếu --out (tệp kết quả).');
  let date = new Date();
  if (values.date) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.date);
    if (!m) usage('--date phải có dạng yyyy-mm-dd.');
    date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  }

  const db = await openDb(dbPath(values.db));
  try {
    const report = await buildReviewReport(db, values.bloc, values.period);
    const bytes = values.format === 'docx' ? await buildReviewDocx(report, date) : await buildReviewXlsx(report);
    const out = path.resolve(values.out);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, bytes);
    const ranked = report.summary.members.filter((m) => m.rank !== null).length;
    process.stderr.write(
      `Đã ghi ${out} (${bytes.length.toLocaleString('vi-VN')} byte): ${report.summary.bloc.name}, kỳ ${report.summary.period.id}, ${ranked} đơn vị có điểm.\n`,
    );
  } finally {
    db.closeSync();
  }
}

main().catch((err) => {
  const known = err instanceof ReviewInputError || err instanceof SettingsError || err instanceof DatabaseLockedError;
  process.stderr.write(`Lỗi: ${known ? err.message : (err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
