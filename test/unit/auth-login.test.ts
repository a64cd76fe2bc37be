import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, query, withWriteTransaction, type Db } from '@/lib/db/client';
import { HashBusyError, hashSemaphore, Semaphore } from '@/lib/auth/password';
import { LoginLimiter } from '@/lib/auth/rate-limit';
import { LOGIN_MESSAGES, login } from '@/lib/auth/login';
import { AUTH_POLICY, type Clock } from '@/lib/auth/policy';
import { validateSession } from '@/lib/auth/sessions';
import { AccountError, createUser, listUsers, setDisabled } from '@/lib/auth/users';
import { ensureDemoAccounts, DEMO_PASSWORD } from '@/lib/auth/demo-accounts';

function fakeClock(start = '2026-03-02T08:00:00Z') {
  let t = new Date(start).getTime();
  const clock: Clock = () => new Date(t);
  return {
    clock,
    advance: (ms: number) => void (t += ms),
    advanceAndClock: (ms: number): Clock => {
      t += ms;
      return clock;
    },
  };
}

describe('auth: login and rate limits', () => {
  let db: Db;
  let time: ReturnType<typeof fakeClock>;
  let limiter: LoginLimiter;

  beforeEach(async () => {
    db = await openDb(':memory:');
    time = fakeClock();
    limiter = new LoginLimiter();
    await createUser(db, { username: 'VanPhong', password: 'ThiDua@2026', role: 'office', displayName: 'Văn phòng' }, time.clock);
  });

  it('logs in with the right password (name case-insensitive) and opens a valid session', async () => {
    const out = await login(db, { username: ' vanphong ', password: 'ThiDua@2026', address: '10.0.0.1' }, time.clock, limiter);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.user).toMatchObject({ username: 'vanphong', role: 'office', displayName: 'Văn phòng' });
    expect(await validateSession(db, out.token, time.clock)).toMatchObject({ username: 'vanphong' });
  });

  it('gives the same outcome for an unknown account, a wrong password and a disabled account', async () => {
    const unknown = await login(db, { username: 'khongco', password: 'ThiDua@2026' }, time.clock, limiter);
    const wrong = await login(db, { username: 'vanphong', password: 'sai-mat-khau' }, time.clock, limiter);
    await setDisabled(db, 'vanphong', true, time.clock);
    const disabled = await login(db, { username: 'vanphong', password: 'ThiDua@2026' }, time.clock, limiter);
    expect(unknown).toEqual({ ok: false, reason: 'invalid' });
    expect(wrong).toEqual(unknown);
    expect(disabled).toEqual(unknown);
    expect(LOGIN_MESSAGES.invalid).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(await login(db, { username: '', password: 'x' }, time.clock, limiter)).toEqual({ ok: false, reason: 'missing' });
  });

  it('makes one address wait 15 minutes after 5 failures on an account, while the owner elsewhere still logs in', async () => {
    for (let i = 0; i < AUTH_POLICY.maxFailuresPerAccount; i++) {
      expect(await login(db, { username: 'vanphong', password: `sai${i}`, address: '10.0.0.66' }, time.clock, limiter)).toMatchObject({ reason: 'invalid' });
    }
    // Even the right password is refused from the guessing address…
    expect(await login(db, { username: 'vanphong', password: 'ThiDua@2026', address: '10.0.0.66' }, time.clock, limiter)).toEqual({
      ok: false,
      reason: 'limited',
      retryAfterMinutes: 15,
    });
    // …but the account is only slowed (30 s backoff), not locked: its owner at another address gets in after it.
    expect(await login(db, { username: 'vanphong', password: 'ThiDua@2026', address: '10.0.0.7' }, time.clock, limiter)).toMatchObject({ reason: 'limited', retryAfterMinutes: 1 });
    time.advance(31_000);
    expect(await login(db, { username: 'vanphong', password: 'ThiDua@2026', address: '10.0.0.7' }, time.clock, limiter)).toMatchObject({ ok: true });
    // The limit applies to names that do not exist too, so it does not reveal which exist.
    for (let i = 0; i < AUTH_POLICY.maxFailuresPerAccount; i++) await login(db, { username: 'khongco', password: 'x', address: '10.0.0.66' }, time.clock, limiter);
    expect(await login(db, { username: 'khongco', password: 'x', address: '10.0.0.66' }, time.clock, limiter)).toMatchObject({ reason: 'limited' });
  });

  it('slows guessing from many addresses with a doubling backoff, never beyond 15 minutes', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      let out = await login(db, { username: 'vanphong', password: `sai${i}`, address: `10.1.0.${i}` }, time.clock, limiter);
      let waited = 0;
      while (!out.ok && out.reason === 'limited') {
        time.advance(10_000);
        waited += 10_000;
        out = await login(db, { username: 'vanphong', password: `sai${i}`, address: `10.1.0.${i}` }, time.clock, limiter);
      }
      expect(out).toMatchObject({ reason: 'invalid' });
      waits.push(waited);
    }
    // Free for the first 5, then 30 s, 1, 2, 4, 8 min, then capped at 15 min (10 s steps).
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits.slice(5)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000]);
    // The owner gets in once the current backoff has passed; success clears the account's count.
    time.advance(AUTH_POLICY.rateWindowMs);
    expect(await login(db, { username: 'vanphong', password: 'ThiDua@2026', address: '10.9.9.9' }, time.clock, limiter)).toMatchObject({ ok: true });
    expect(await login(db, { username: 'vanphong', password: 'sai', address: '10.9.9.9' }, time.clock, limiter)).toMatchObject({ reason: 'invalid' });
  });

  it('records before it checks: a burst of 30 parallel guesses gets exactly 5 password checks', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(db, { username: 'vanphong', password: `sai${i}`, address: '10.2.0.1' }, time.clock, limiter)),
    );
    expect(outcomes.filter((o) => !o.ok && o.reason === 'invalid')).toHaveLength(AUTH_POLICY.maxFailuresPerAccount);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'limited')).toHaveLength(30 - AUTH_POLICY.maxFailuresPerAccount);
  });

  it('counts failures while an import holds the writer, and logs in without waiting for it', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const writer = withWriteTransaction(db, () => held);
    for (let i = 0; i < AUTH_POLICY.maxFailuresPerAccount; i++) await login(db, { username: 'vanphong', password: 'x', address: '10.3.0.1' }, time.clock, limiter);
    expect(await login(db, { username: 'vanphong', password: 'x', address: '10.3.0.1' }, time.clock, limiter)).toMatchObject({ reason: 'limited' });
    expect(await login(db, { username: 'vanphong', password: 'ThiDua@2026', address: '10.3.0.2' }, time.advanceAndClock(60_000), limiter)).toMatchObject({ ok: true });
    release();
    await writer;
  });

  it('refuses an address after 20 failures across accounts, but not other addresses', async () => {
    for (let i = 0; i < AUTH_POLICY.maxFailuresPerAddress; i++) {
      await login(db, { username: `ten${i}`, password: 'x', address: '192.168.1.5' }, time.clock, limiter);
    }
    expect(await login(db, { username: 'vanphong', password: 'ThiDua@2026', address: '192.168.1.5' }, time.clock, limiter)).toMatchObject({ reason: 'limited' });
    expect(await login(db, { username: 'vanphong', password: 'ThiDua@2026', address: '192.168.1.6' }, time.clock, limiter)).toMatchObject({ ok: true });
  });

  it('clears the account failures after a successful login', async () => {
    for (let i = 0; i < AUTH_POLICY.maxFailuresPerAccount - 1; i++) await login(db, { username: 'vanphong', password: 'x' }, time.clock, limiter);
    expect(await login(db, { username: 'vanphong', password: 'ThiDua@2026' }, time.clock, limiter)).toMatchObject({ ok: true });
    for (let i = 0; i < AUTH_POLICY.maxFailuresPerAccount - 1; i++) await login(db, { username: 'vanphong', password: 'x' }, time.clock, limiter);
    expect(await login(db, { username: 'vanphong', password: 'ThiDua@2026' }, time.clock, limiter)).toMatchObject({ ok: true });
  });

  it('records logins and failures in the audit log with the address', async () => {
    await login(db, { username: 'vanphong', password: 'ThiDua@2026', address: '10.4.0.1' }, time.clock, limiter);
    await login(db, { username: 'vanphong', password: 'sai', address: '10.4.0.2' }, time.clock, limiter);
    await new Promise((r) => setTimeout(r, 50)); // failures are recorded without being awaited
    const rows = await query(db, 'SELECT username, action, address FROM audit_log ORDER BY action');
    expect(rows).toEqual([
      { username: 'vanphong', action: 'login.failed', address: '10.4.0.2' },
      { username: 'vanphong', action: 'login.ok', address: '10.4.0.1' },
    ]);
  });
});

describe('auth: password checks at once', () => {
  it('runs at most 2 scrypt at a time and answers «busy» beyond the queue', async () => {
    const sem = new Semaphore(2, 3);
    let running = 0;
    let peak = 0;
    const task = () =>
      sem.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        return true;
      });
    const results = await Promise.allSettled(Array.from({ length: 8 }, task));
    expect(peak).toBe(2);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof HashBusyError)).toHaveLength(3);
    expect(sem.stats).toEqual({ active: 0, waiting: 0 });
    expect(AUTH_POLICY.maxConcurrentHashes).toBe(2);
    expect(hashSemaphore()).toBe(hashSemaphore());
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
