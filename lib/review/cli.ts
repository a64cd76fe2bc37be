/**
 * The `report` subcommand of the command-line program (scripts/cli/thidua.ts):
 *   npm run -s report -- review --bloc NAME --period P --format docx|xlsx --out FILE [--db PATH] [--date yyyy-mm-dd]
 * Exit 0 when written, 1 when the bloc/period/settings are wrong or the store is busy, 2 on wrong
 * usage (lib/command-line.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDb } from '../db/client';
import { dbPath } from '../env';
import { DB_OPTION, EXIT, UsageError, defineCommand } from '../command-line';
import { buildReviewDocx } from './docx';
import { buildReviewXlsx } from './xlsx';
import { buildReviewReport, ReviewInputError } from './report';
import { SettingsError } from '../settings/store';

const USAGE = '  npm run -s report -- review --bloc TÊN_KHỐI --period 2022-H1 --format docx|xlsx --out TỆP [--db ĐƯỜNG_DẪN] [--date 2026-11-27]';

export const command = defineCommand({
  usage: USAGE,
  options: {
    ...DB_OPTION,
    bloc: { type: 'string' },
    period: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    date: { type: 'string' },
  },
  refusals: [ReviewInputError, SettingsError],
  async run(values, positionals) {
    if (positionals[0] !== 'review' || positionals.length !== 1) throw new UsageError('Lệnh con duy nhất là "review".');
    if (!values.bloc) throw new UsageError('Thiếu --bloc (tên hoặc mã khối thi đua).');
    if (!values.period) throw new UsageError('Thiếu --period (ví dụ 2022 hoặc 2022-H1).');
    if (values.format !== 'docx' && values.format !== 'xlsx') throw new UsageError('--format phải là docx hoặc xlsx.');
    if (!values.out) throw new UsageError('Thiếu --out (tệp kết quả).');
    let date = new Date();
    if (values.date) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.date);
      if (!m) throw new UsageError('--date phải có dạng yyyy-mm-dd.');
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
    return EXIT.ok;
  },
});
