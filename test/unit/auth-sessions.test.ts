import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { AUTH_POLICY, type Clock } from '@/lib/auth/policy';
import { createSession, hashToken, pruneSessions, revokeSession, validateSession } from '@/lib/auth/sessions';
import { createUser, setDisabled, setPassword } from '@/lib/auth/users';

const HOUR = 60 * 60 * 1000;

function fakeClock(start = '2026-03-02T08:00:00Z') {
  let t = new Date(start).getTime();
  const clock: Clock = () => new Date(t);
  return { clock, advance: (ms: number) => void (t += ms) };
}

describe('auth: sessions', () => {
  let db: Db;
  let userId: number;
  let time: ReturnType<typeof fakeClock>;

  beforeEach(async () => {
    db = await openDb(':memory:');
    time = fakeClock();
    userId = (await createUser(db, { username: 'vanphong', password: 'ThiDua@2026', role: 'office' }, time.clock)).user_id;
  });

  it('stores only the sha256 of a random 32-byte token', async () => {
    const { token } = await createSession(db, userId, {}, time.clock);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = await query(db, 'SELECT token_hash FROM sessions');
    expect(rows).toEqual([{ token_hash: hashToken(token) }]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await validateSession(db, token, time.clock)).toMatchObject({ userId, username: 'vanphong', role: 'office' });
    expect(await validateSession(db, `${token}x`, time.clock)).toBeNull();
    expect(await validateSession(db, '', time.clock)).toBeNull();
  });

  it('expires after the idle limit without requests', async () => {
    const { token } = await createSession(db, userId, {}, time.clock);
    time.advance(AUTH_POLICY.sessionIdleMs - 60_000);
    expect(await validateSession(db, token, time.clock)).not.toBeNull();
    time.advance(2 * 60_000);
    // Still alive: the previous request touched it.
    expect(await validateSession(db, token, time.clock)).not.toBeNull();
    time.advance(AUTH_POLICY.sessionIdleMs + 1000);
    expect(await validateSession(db, token, time.clock)).toBeNull();
  });

  it('expires at the absolute limit even when used all the time', async () => {
    const { token, expiresAt } = await createSession(db, userId, {}, time.clock);
    expect(expiresAt.getTime() - time.clock().getTime()).toBe(AUTH_POLICY.sessionAbsoluteMs);
    for (let elapsed = 0; elapsed < AUTH_POLICY.sessionAbsoluteMs - 6 * HOUR; elapsed += 6 * HOUR) {
      time.advance(6 * HOUR);
      expect(await validateSession(db, token, time.clock)).not.toBeNull();
    }
    time.advance(6 * HOUR);
    expect(await validateSession(db, token, time.clock)).toBeNull();
  });

  it('is revoked by logout, leaving other sessions alive', async () => {
    const a = await createSession(db, userId, {}, time.clock);
    const b = await createSession(db, userId, {}, time.clock);
    await revokeSession(db, a.token, time.clock);
    expect(await validateSession(db, a.token, time.clock)).toBeNull();
    expect(await validateSession(db, b.token, time.clock)).not.toBeNull();
  });

  it('ends every session of an account that is disabled or gets a new password', async () => {
    const a = await createSession(db, userId, {}, time.clock);
    await setDisabled(db, 'vanphong', true, time.clock);
    expect(await validateSession(db, a.token, time.clock)).toBeNull();
    await setDisabled(db, 'vanphong', false, time.clock);
    // Re-enabling does not bring old sessions back.
    expect(await validateSession(db, a.token, time.clock)).toBeNull();
    const b = await createSession(db, userId, {}, time.clock);
    await setPassword(db, 'vanphong', 'MatKhauMoi#1', time.clock);
    expect(await validateSession(db, b.token, time.clock)).toBeNull();
  });

  it('a session found valid is remembered only until something could have ended it', async () => {
    const a = await createSession(db, userId, {}, time.clock);
    const b = await createSession(db, userId, {}, time.clock);
    // Both checked once: remembered from here on.
    expect(await validateSession(db, a.token, time.clock)).not.toBeNull();
    expect(await validateSession(db, b.token, time.clock)).not.toBeNull();
    // Revoked behind the memo's back (as restore or a direct edit would): believed for at most a minute.
    await query(db, 'UPDATE sessions SET revoked_at = now() WHERE token_hash = $h', { h: hashToken(b.token) });
    time.advance(61_000);
    expect(await validateSession(db, b.token, time.clock)).toBeNull();
    // Logout and account changes end a remembered session at once.
    expect(await validateSession(db, a.token, time.clock)).not.toBeNull();
    await revokeSession(db, a.token, time.clock);
    expect(await validateSession(db, a.token, time.clock)).toBeNull();
    const c = await createSession(db, userId, {}, time.clock);
    expect(await validateSession(db, c.token, time.clock)).toMatchObject({ role: 'office' });
    await setDisabled(db, 'vanphong', true, time.clock);
    expect(await validateSession(db, c.token, time.clock)).toBeNull();
  });

  it('prunes sessions that ended more than a day ago', async () => {
    const old = await createSession(db, userId, {}, time.clock);
    await revokeSession(db, old.token, time.clock);
    time.advance(25 * HOUR);
    const fresh = await createSession(db, userId, {}, time.clock);
    await pruneSessions(db, time.clock);
    expect(await query(db, 'SELECT token_hash FROM sessions')).toEqual([{ token_hash: hashToken(fresh.token) }]);
  });
});
