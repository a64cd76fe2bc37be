/**
 * The subcommands of the one command-line program and how one is chosen. Each is loaded only
 * when asked for: `etl import` does not load the Word and Excel writers of `report`, and only
 * `sample` loads the sample generator from test/.
 */
import { EXIT, runCommand, type Command } from '@/lib/command-line';

interface Subcommand {
  /** The first argument: `node dist/thidua.js etl …` (npm run etl -- …). */
  name: string;
  /** One line of the program's usage. */
  summary: string;
  load: () => Promise<Command>;
}

export const SUBCOMMANDS: Subcommand[] = [
  { name: 'etl', summary: 'nhập tệp, liệt kê và hủy lần nhập, xuất dữ liệu', load: async () => (await import('@/etl/cli')).command },
  { name: 'user', summary: 'tài khoản: thêm, liệt kê, khóa, mở khóa, đổi mật khẩu, tài khoản demo', load: async () => (await import('@/lib/auth/cli')).command },
  { name: 'report', summary: 'báo cáo sơ kết, tổng kết của khối thi đua (Word, Excel)', load: async () => (await import('@/lib/review/cli')).command },
  { name: 'ops', summary: 'sao lưu và khôi phục cơ sở dữ liệu', load: async () => (await import('@/lib/ops/cli')).command },
  { name: 'sample', summary: 'sinh lại dữ liệu mẫu data/sample/', load: async () => (await import('@/test/sample/generate')).command },
  { name: 'sample-load', summary: 'nhập dữ liệu mẫu data/sample/ vào cơ sở dữ liệu (npm run sample:load)', load: async () => (await import('@/etl/sample-load')).command },
];

export function programUsage(): string {
  const width = Math.max(...SUBCOMMANDS.map((s) => s.name.length)) + 2;
  return [
    'Cách dùng: npm run -s LỆNH -- [THAM_SỐ…]   hoặc   node dist/thidua.js LỆNH [THAM_SỐ…]',
    'Lệnh:',
    ...SUBCOMMANDS.map((s) => `  ${s.name.padEnd(width)}${s.summary}`),
    'Cách dùng của từng lệnh: LỆNH --help (ví dụ npm run -s etl -- --help).',
  ].join('\n');
}

/** Runs the subcommand the first argument names; returns the exit code. */
export async function runProgram(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${programUsage()}\n`);
    return EXIT.ok;
  }
  const subcommand = SUBCOMMANDS.find((s) => s.name === name);
  if (!subcommand) {
    process.stderr.write(`${name ? `Lệnh không hợp lệ: «${name}».\n` : ''}${programUsage()}\n`);
    return EXIT.usage;
  }
  return runCommand(name, await subcommand.load(), rest);
}
