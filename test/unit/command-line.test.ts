import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DB_OPTION, EXIT, UsageError, defineCommand, runCommand } from '@/lib/command-line';
import { DatabaseLockedError, openDb } from '@/lib/db/client';
import { DEFAULT_DB_FILE } from '@/lib/env';
import { SUBCOMMANDS, runProgram } from '@/scripts/cli/commands';

/** The parts every subcommand of the command-line program shares (lib/command-line.ts, cli/). */
const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

class Refused extends Error {}

const ran: { values: unknown; positionals: string[] }[] = [];
const probe = defineCommand({
  usage: '  thử LỆNH [--name TÊN] [--json]',
  options: { ...DB_OPTION, name: { type: 'string' }, json: { type: 'boolean' } },
  refusals: [Refused],
  lockedAdvice: 'Hãy dừng máy chủ.',
  async run(values, positionals) {
    ran.push({ values, positionals });
    switch (positionals[0]) {
      case 'locked':
        throw new DatabaseLockedError('/tmp/x.duckdb', new Error('lock'));
      case 'refused':
        throw new Refused('Không có tài khoản "a".');
      case 'broken':
        throw new TypeError('x is undefined');
      case 'usage':
        throw new UsageError('Thiếu tên.');
    }
    return EXIT.ok;
  },
});

/** Runs with stdout and stderr captured. */
async function captured(run: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    const code = await run();
    return { code, out, err };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('command line: shared parsing, usage and exit codes', () => {
  afterEach(() => void (ran.length = 0));

  it('passes the declared options and the positionals to run', async () => {
    const r = await captured(() => runCommand('thử', probe, ['go', '--name=Lan', '--json', 'two']));
    expect(r.code).toBe(EXIT.ok);
    expect(ran).toEqual([{ values: { name: 'Lan', json: true }, positionals: ['go', 'two'] }]);
  });

  it('refuses an unknown option, a missing value and a value given to a switch with exit code 2, in Vietnamese', async () => {
    const unknown = await captured(() => runCommand('thử', probe, ['go', '--bogus']));
    expect(unknown.code).toBe(EXIT.usage);
    expect(EXIT.usage).toBe(2);
    expect(unknown.err).toContain('Tùy chọn không hợp lệ cho lệnh «thử»: «--bogus».');
    expect(unknown.err).toContain('Cách dùng:\n  thử LỆNH');
    expect((await captured(() => runCommand('thử', probe, ['-x']))).err).toContain('«-x»');
    const missing = await captured(() => runCommand('thử', probe, ['go', '--name']));
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining('Thiếu giá trị cho «--name».') });
    expect((await captured(() => runCommand('thử', probe, ['go', '--name=']))).err).toContain('Thiếu giá trị cho «--name».');
    expect((await captured(() => runCommand('thử', probe, ['go', '--json=yes']))).err).toContain('«--json» không nhận giá trị');
    expect((await captured(() => runCommand('thử', probe, ['usage']))).code).toBe(2);
    expect(ran.map((r) => r.positionals[0])).toEqual(['usage']);
  });

  it('--help prints the usage with the common options, from lib/env.ts for the store', async () => {
    const r = await captured(() => runCommand('thử', probe, ['--help']));
    expect(r.code).toBe(0);
    expect(r.out).toContain('thử LỆNH [--name TÊN]');
    expect(r.out).toContain(`--db ĐƯỜNG_DẪN (mặc định: biến THIDUA_DB, nếu không có thì ${DEFAULT_DB_FILE})`);
    expect(ran).toEqual([]);
  });

  it('a locked store: its message and the command\'s advice, exit code 1; a refusal without stack, anything else with it', async () => {
    const locked = await captured(() => runCommand('thử', probe, ['locked']));
    expect(locked.code).toBe(EXIT.failed);
    expect(EXIT.failed).toBe(1);
    expect(locked.err).toBe(`${new DatabaseLockedError('/tmp/x.duckdb', null).message}\nHãy dừng máy chủ.\n`);
    expect(await captured(() => runCommand('thử', probe, ['refused']))).toMatchObject({ code: 1, err: 'Lỗi: Không có tài khoản "a".\n' });
    const broken = await captured(() => runCommand('thử', probe, ['broken']));
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/^Lỗi: TypeError: x is undefined\n\s+at /);
  });

  it('the program: --help lists every subcommand, no or an unknown subcommand is wrong usage, SUB --help is its usage', async () => {
    const help = await captured(() => runProgram(['--help']));
    expect(help.code).toBe(0);
    expect(SUBCOMMANDS.map((s) => s.name)).toEqual(['etl', 'user', 'report', 'ops', 'sample', 'sample-load']);
    const lines = help.out.split('\n').map((l) => l.trim().replace(/\s+/, ' '));
    for (const s of SUBCOMMANDS) expect(lines).toContain(`${s.name} ${s.summary}`);
    expect((await captured(() => runProgram([]))).code).toBe(2);
    const unknown = await captured(() => runProgram(['frobnicate']));
    expect(unknown).toMatchObject({ code: 2, err: expect.stringContaining('Lệnh không hợp lệ: «frobnicate».\nCách dùng:') });
    const ops = await captured(() => runProgram(['ops', '--help']));
    expect(ops.code).toBe(0);
    expect(ops.out).toContain('npm run -s ops -- restore THƯ_MỤC');
  });

  it('built: node dist/thidua.js refuses an unknown option (2) and a store another process holds (1)', async () => {
    const node = (...args: string[]) => spawnSync(process.execPath, ['dist/thidua.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const bogus = node('etl', 'batches', '--bogus');
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toContain('Tùy chọn không hợp lệ cho lệnh «etl»: «--bogus».');
    const file = path.join(dir, 'held.duckdb');
    const db = await openDb(file);
    try {
      const locked = node('etl', 'batches', '--db', file);
      expect(locked.status, locked.stderr).toBe(1);
      expect(locked.stderr).toContain('đang được một tiến trình khác');
    } finally {
      db.closeSync();
    }
  }, 120_000);
});
