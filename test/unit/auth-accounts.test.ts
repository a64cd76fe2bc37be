import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { changeOwnPassword, changeRole, createAccount, resetPassword, setAccountDisabled } from '@/lib/auth/accounts';
import { accountsWithDemoPassword, DEMO_PASSWORD, ensureDemoAccounts } from '@/lib/auth/demo-accounts';
import { login } from '@/lib/auth/login';
import { LoginLimiter } from '@/lib/auth/rate-limit';
import { validateSession } from '@/lib/auth/sessions';
import type { SessionUser } from '@/lib/auth/types';
import { createUser, findUser } from '@/lib/auth/users';
import { listAudit } from '@/lib/audit';

/** Account management on the web: what an admin can do while the server runs, and each user's password. */
describe('auth: accounts on the web', () => {
  let db: Db;
  let admin: SessionUser;
  const tryLogin = (username: string, password: string) => login(db, { username, password }, undefined, new LoginLimiter());

  beforeEach(async () => {
    db = await openDb(':memory:');
    const u = await createUser(db, { username: 'quantri', password: 'Quan-tri-2026', role: 'admin' });
    admin = { userId: u.user_id, username: u.username, role: 'admin' };
  });

  it('creates an account that logs in at once and must change its password first', async () => {
    const state = await createAccount(db, admin, { username: 'NguyenVanA', displayName: 'Nguyễn Văn A', role: 'office', password: 'Tam-thoi-123' });
    expect(state?.ok).toMatch(/Đã tạo tài khoản nguyenvana/);
    const out = await tryLogin('nguyenvana', 'Tam-thoi-123');
    expect(out).toMatchObject({ ok: true, mustChangePassword: true, user: { role: 'office' } });
    if (!out.ok) return;
    const session = (await validateSession(db, out.token))!;
    expect(session.mustChangePassword).toBe(true);
    // Their own change clears the flag and ends the session (log in again with the new one).
    expect(await changeOwnPassword(db, session, { current: 'Tam-thoi-123', password: 'Cua-rieng-toi-1', confirm: 'Cua-rieng-toi-1' })).toMatchObject({ ok: expect.any(String) });
    expect(await validateSession(db, out.token)).toBeNull();
    expect(await tryLogin('nguyenvana', 'Cua-rieng-toi-1')).toMatchObject({ ok: true, mustChangePassword: false });
  });

  it('answers bad input with errors per field', async () => {
    const state = await createAccount(db, admin, { username: 'có dấu', role: 'boss', password: 'ngan' });
    expect(state?.fieldErrors).toMatchObject({
      username: [expect.stringMatching(/2–32 ký tự/)],
      role: [expect.stringMatching(/vai trò/)],
      password: [expect.stringMatching(/ít nhất 8/)],
    });
    expect(state?.values).toEqual({ username: 'có dấu', role: 'boss' }); // typed fields come back, the password never
    expect(await createAccount(db, admin, { username: 'quantri', role: 'viewer', password: 'abcdefgh1' })).toMatchObject({ error: expect.stringMatching(/đã tồn tại/) });
    const mismatch = await changeOwnPassword(db, admin, { current: 'Quan-tri-2026', password: 'Moi-moi-2026', confirm: 'Khac-khac-2026' });
    expect(mismatch?.fieldErrors?.confirm).toEqual(['Hai lần nhập mật khẩu mới không giống nhau.']);
    const wrongCurrent = await changeOwnPassword(db, admin, { current: 'sai', password: 'Moi-moi-2026', confirm: 'Moi-moi-2026' });
    expect(wrongCurrent?.fieldErrors?.current).toEqual(['Mật khẩu hiện tại không đúng.']);
  });

  it('changes roles, disables and re-enables, resets passwords — and keeps one working admin', async () => {
    await createAccount(db, admin, { username: 'canbo', role: 'viewer', password: 'Tam-thoi-123' });
    expect(await changeRole(db, admin, { username: 'canbo', role: 'office' })).toMatchObject({ ok: expect.any(String) });
    expect((await findUser(db, 'canbo'))?.role).toBe('office');
    expect(await changeRole(db, admin, { username: 'quantri', role: 'viewer' })).toEqual({ error: expect.stringMatching(/quản trị duy nhất/) });
    expect(await setAccountDisabled(db, admin, { username: 'quantri' }, true)).toEqual({ error: expect.stringMatching(/tự khóa/) });

    const session = await tryLogin('canbo', 'Tam-thoi-123');
    expect(await setAccountDisabled(db, admin, { username: 'canbo' }, true)).toMatchObject({ ok: expect.any(String) });
    if (session.ok) expect(await validateSession(db, session.token)).toBeNull();
    expect(await tryLogin('canbo', 'Tam-thoi-123')).toMatchObject({ ok: false, reason: 'invalid' });
    await setAccountDisabled(db, admin, { username: 'canbo' }, false);
    expect(await resetPassword(db, admin, { username: 'canbo', password: 'Dat-lai-2026' })).toMatchObject({ ok: expect.any(String) });
    expect(await tryLogin('canbo', 'Tam-thoi-123')).toMatchObject({ ok: false });
    expect(await tryLogin('canbo', 'Dat-lai-2026')).toMatchObject({ ok: true, mustChangePassword: true });

    const { rows } = await listAudit(db, { actionPrefix: 'user.' });
    expect(rows.map((r) => [r.username, r.action, r.target]).reverse()).toEqual([
      ['quantri', 'user.create', 'canbo'],
      ['quantri', 'user.role', 'canbo'],
      ['quantri', 'user.disable', 'canbo'],
      ['quantri', 'user.enable', 'canbo'],
      ['quantri', 'user.reset-password', 'canbo'],
    ]);
  });

  it('finds accounts that still have the published demo password; demo accounts exist only after the demo command', async () => {
    expect(await query(db, "SELECT username FROM users WHERE username IN ('lanhdao', 'vanphong')")).toEqual([]);
    expect(await accountsWithDemoPassword(db)).toEqual([]);
    await ensureDemoAccounts(db);
    // quantri already existed with its own password, so the demo command left it alone.
    expect(await accountsWithDemoPassword(db)).toEqual(['lanhdao', 'vanphong']);
    // Demo accounts are not forced to change their password (the end-to-end tests log in with it).
    expect(await tryLogin('vanphong', DEMO_PASSWORD)).toMatchObject({ ok: true, mustChangePassword: false });
    await resetPassword(db, admin, { username: 'vanphong', password: 'Khong-con-demo-1' });
    expect(await accountsWithDemoPassword(db)).toEqual(['lanhdao']);
  });
});
