import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The accounts CLI as scripts use it: npm run -s user -- add|list|disable|demo. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-user-cli-'));
const db = path.join(dir, 'users.duckdb');

function user(args: string[], opts: { env?: Record<string, string>; input?: string } = {}) {
  const r = spawnSync(process.execPath, ['dist/thidua.js', 'user', ...args, '--db', db], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, THIDUA_PASSWORD: '', ...opts.env },
    input: opts.input ?? '',
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('auth: user CLI', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds (password from THIDUA_PASSWORD or stdin), lists, disables, creates demo accounts, and refuses bad usage', () => {
    expect(user(['add', 'QuanTri', '--role', 'admin'], { env: { THIDUA_PASSWORD: 'MatKhau#2026' } })).toMatchObject({ code: 0 });
    expect(user(['add', 'vanphong2', '--role', 'office', '--name', 'Nguyễn Thị Bình'], { input: 'MatKhau#2026\n' })).toMatchObject({ code: 0 });
    const dup = user(['add', 'quantri', '--role', 'viewer'], { input: 'MatKhau#2026\n' });
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('đã tồn tại');
    expect(user(['add', 'x1', '--role', 'boss'], { input: 'MatKhau#2026\n' })).toMatchObject({ code: 2 });
    expect(user(['disable', 'vanphong2']).code).toBe(0);
    const demo = user(['demo']);
    expect(demo.code).toBe(0);
    expect(demo.out).toContain('ThiDua@2026');
    const list = JSON.parse(user(['list', '--json']).out) as { username: string; role: string; disabled: boolean; displayName: string | null }[];
    expect(list.map((u) => [u.username, u.role, u.disabled])).toEqual([
      ['lanhdao', 'viewer', false],
      ['quantri', 'admin', false],
      ['vanphong', 'office', false],
      ['vanphong2', 'office', true],
    ]);
    expect(list.find((u) => u.username === 'vanphong2')?.displayName).toBe('Nguyễn Thị Bình');
  }, 300_000);
});
