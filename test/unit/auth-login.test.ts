import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { LOGIN_MESSAGES, login } from '@/lib/auth/login';
import { AUTH_POLICY, type Clock } from '@/lib/auth/policy';
import { validateSession } from '@/lib/auth/sessions';
import { AccountError, createUser, listUsers, setDisabled } from '@/lib/auth/users';
import { ensureDemoAccounts, DEMO_PASSWORD } from '@/lib/auth/demo-accounts';

function fakeClock(start = '2026-03-02T08:00:00Z') {
  let t = new Date(start).getTime();
  const clock: Clock = () => new Date(t);
  return { clock, advance: (ms: number) => void (t += ms) };
}

describe('auth: login and rate limits', () => {
  let db: Db;
  let time: ReturnType<typeof fakeClock>;

  beforeEach(async () => {
    db = await openDb(':memory:');
    time = fakeClock();
    await createUser(db, { username: 'VanPhong', password: 'ThiDua@2026', role: 'office', displayName: 'Văn phòng' }, time.clock);
  });

  it('logs in with the right password (name case-insensitive) and opens a valid session', async () => {
    const out = await login(db, { username: ' vanphong ', password: 'ThiDua@2026', address: '10.0.0.1' }, time.clock);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.user).toMatchObject({ username: 'vanphong', role: 'office', displayName: 'Văn phòng' });
    expect(await validateSession(db, out.token, time.clock)).toMatchObject({ username: 'vanphong' });
  });

  it('gives the same outcome for an unknown account, a wrong password and a disabled account', async () => {
    const unknown = await login(db, { username: 'khongco', password: 'ThiDua@2026' }, time.clock);
    const wrong = await login(db, { username: 'vanphong', password: 'sai-mat-khau' }, time.clock);
    await setDisabled(db, 'vanphong', true, time.clock);
    const disabled = await login(db, { username: 'vanphong', password: 'ThiDua@2026' }, time.clock);
    expect(unknown).toEqual({ ok: false, reason: 'invalid' });
    expect(wrong).toEqual(unknown);
    expect(disabled).toEqual(unknown);
    expect(LOGIN_MESSAGES.invalid).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(await login(db, { username: '', password: 'x' }, time.clock)).toEqual({ ok: false, reason: 'missing' });
  });

  it('refuses an account after 5 failures in 15 minutes, even with the right password, then lets it in again', async () => {
    for (let i = 0; i < AUTH_POLICY.maxFailuresPerAccount; i++) {
      expect(await login(db, { username: 'vanphong', password: `sai${i}`, address: `10.0.0.${i}` }, time.clock)).toMatchObject({ reason: 'invalid' });
      time.advance(60_000);
    }
    const blocked = await login(db, { username: 'vanphong', password: 'ThiDua@2026', address: '10.0.0.99' }, time.clock);
    expect(blocked).toEqual({ ok: false, reason: 'limited', retryAfterMinutes: 10 });
    // The limit applies to names that do not exist too, so it does not reveal which exist.
    for (let i = 0; i < AUTH_POLICY.maxFailuresPerAccount; i++) await login(db, { username: 'khongco', password: 'x' }, time.clock);
    expect(await login(db, { username: 'khongco', password: 'x' }, time.clock)).toMatchObject({ reason: 'limited' });
    time.advance(11 * 60_000);
    expect(await login(db, { username: 'vanphong', password: 'ThiDua@2026', address: '10.0.0.99' }, time.clock)).toMatchObject({ ok: true });
  });

  it('refuses an address after 20 failures across accounts, but not other addresses', async () => {
    for (let i = 0; i < AUTH_POLICY.maxFailuresPerAddress; i++) {
      await login(db, { username: `ten${i}`, password: 'x', address: '192.168.1.5' }, time.clock);
    }
    expect(await login(db, { username: 'vanphong', password: 'ThiDua@2026', address: '192.168.1.5' }, time.clock)).toMatchObject({ reason: 'limited' });
    expect(await login(db, { username: 'vanphong', password: 'ThiDua@2026', address: '192.168.1.6' }, time.clock)).toMatchObject({ ok: true });
  });

  it('clears the account failures after a successful login', async () => {
    for (let i = 0; i < AUTH_POLICY.maxFailuresPerAccount - 1; i++) await login(db, { username: 'vanphong', password: 'x' }, time.clock);
    expect(await login(db, { username: 'vanphong', password: 'ThiDua@2026' }, time.clock)).toMatchObject({ ok: true });
    for (let i = 0; i < AUTH_POLICY.maxFailuresPerAccount - 1; i++) await login(db, { username: 'vanphong', password: 'x' }, time.clock);
    expect(await login(db, { username: 'vanphong', password: 'ThiDua@2026' }, time.clock)).toMatchObject({ ok: true });
  });
});

describe('auth: accounts', () => {
  it('validates names and passwords, refuses duplicates, and creates the demo accounts once', async () => {
    const db = await openDb(':memory:');
    await expect(createUser(db, { username: 'có dấu', password: 'abcdefgh', role: 'viewer' })).rejects.toThrow(AccountError);
    await expect(createUser(db, { username: 'ngan', password: 'short', role: 'viewer' })).rejects.toThrow(/ít nhất 8 ký tự/);
    const first = await ensureDemoAccounts(db);
    expect(first.map((a) => [a.username, a.role, a.created])).toEqual([
      ['lanhdao', 'viewer', true],
      ['vanphong', 'office', true],
      ['quantri', 'admin', true],
    ]);
    expect((await ensureDemoAccounts(db)).every((a) => !a.created)).toBe(true);
    await expect(createUser(db, { username: 'VANPHONG', password: 'abcdefgh', role: 'viewer' })).rejects.toThrow(/đã tồn tại/);
    expect((await listUsers(db)).map((u) => u.username)).toEqual(['lanhdao', 'quantri', 'vanphong']);
    expect(await login(db, { username: 'quantri', password: DEMO_PASSWORD })).toMatchObject({ ok: true, user: { role: 'admin' } });
    const hashes = await query(db, 'SELECT password_hash FROM users');
    expect(hashes.every((h) => String(h.password_hash).startsWith('scrypt$') && !String(h.password_hash).includes(DEMO_PASSWORD))).toBe(true);
  });
});
