import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { dataVersion, query, withWriteTransaction, type Db } from '@/lib/db/client';
import { ROLES } from '@/lib/domain';
import { AUTH_POLICY, fromDbTimestamp, systemClock, toDbTimestamp, type Clock } from './policy';
import type { SessionUser } from './types';

/** Only this hash is stored: the token itself lives in the user's cookie and nowhere else. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A random 32-byte token (base64url) for a new session of `userId`. */
export async function createSession(
  db: Db,
  userId: number,
  meta: { address?: string | null; userAgent?: string | null } = {},
  clock: Clock = systemClock,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = clock();
  const expiresAt = new Date(now.getTime() + AUTH_POLICY.sessionAbsoluteMs);
  // One auto-commit INSERT, not the serialised writer queue: a login must not wait behind an import.
  await query(
    db,
    `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, address, user_agent)
     VALUES ($h, $u, $now::TIMESTAMP, $now::TIMESTAMP, $exp::TIMESTAMP, $a, $ua)`,
    {
      h: hashToken(token),
      u: userId,
      now: toDbTimestamp(now),
      exp: toDbTimestamp(expiresAt),
      a: meta.address ?? null,
      ua: meta.userAgent?.slice(0, 300) ?? null,
    },
  );
  return { token, expiresAt };
}

const SessionRow = z.object({
  user_id: z.coerce.number(),
  username: z.string(),
  display_name: z.string().nullable(),
  role: z.enum(ROLES),
  last_seen_at: z.string(),
  expires_at: z.string(),
  must_change_password: z.boolean().nullable(),
});

/**
 * Sessions recently found valid, so that a page answered from memory (lib/serve/page-cache.ts)
 * does not pay a database round trip for its session. An entry is believed only while nothing
 * that could end it has happened: the data version is the same (every change of accounts,
 * passwords and roles is a write transaction that bumps it), no session was revoked since
 * (`revokeSession` moves the epoch), its absolute and idle deadlines have not passed, and for
 * at most a minute. On globalThis like the store: one memo per server, whatever the bundle.
 */
interface Remembered {
  user: SessionUser;
  version: number;
  epoch: number;
  lastSeen: number;
  until: number;
}
const MEMO_MS = 60_000;
const MEMO_MAX = 5_000;
const memoShared = globalThis as unknown as { thiduaSessionMemo?: { epoch: number; byDb: WeakMap<Db, Map<string, Remembered>> } };
const memo = (memoShared.thiduaSessionMemo ??= { epoch: 0, byDb: new WeakMap() });

function remembered(db: Db, hash: string, now: number): Remembered | null {
  const m = memo.byDb.get(db)?.get(hash);
  return m && m.version === dataVersion(db) && m.epoch === memo.epoch && now < m.until ? m : null;
}

function remember(db: Db, hash: string, entry: Remembered): void {
  let entries = memo.byDb.get(db);
  if (!entries) memo.byDb.set(db, (entries = new Map()));
  entries.delete(hash);
  entries.set(hash, entry);
  if (entries.size > MEMO_MAX) entries.delete(entries.keys().next().value as string);
}

/** Records a page view on the session (at most every few minutes): plain auto-commit write, never queued. */
async function touch(db: Db, hash: string, now: Date): Promise<void> {
  // Not the serialised writer queue: a page view must not wait behind a long import; losing a
  // touch only shortens the idle window a little.
  await query(db, 'UPDATE sessions SET last_seen_at = $now::TIMESTAMP WHERE token_hash = $h', { now: toDbTimestamp(now), h: hash }).catch(() => undefined);
}

/**
 * The user behind a session token, or null when the token is unknown, revoked, past its
 * absolute or idle expiry, or its account is disabled.
 */
export async function validateSession(db: Db, token: string | undefined | null, clock: Clock = systemClock): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const now = clock();
  const hash = hashToken(token);
  const known = remembered(db, hash, now.getTime());
  if (known) {
    if (now.getTime() - known.lastSeen > AUTH_POLICY.sessionTouchMs) {
      // `until` stays: it is never later than a minute after the entry was made.
      known.lastSeen = now.getTime();
      await touch(db, hash, now);
    }
    return known.user;
  }
  const version = dataVersion(db);
  const epoch = memo.epoch;
  const rows = await query(
    db,
    `SELECT s.user_id, u.username, u.display_name, u.role, s.last_seen_at::VARCHAR AS last_seen_at, s.expires_at::VARCHAR AS expires_at,
            EXISTS (SELECT 1 FROM password_change_required p WHERE p.user_id = u.user_id) AS must_change_password
     FROM sessions s JOIN users u ON u.user_id = s.user_id
     WHERE s.token_hash = $h AND s.revoked_at IS NULL AND NOT u.disabled
       AND s.expires_at > $now::TIMESTAMP AND s.last_seen_at > $idle::TIMESTAMP`,
    {
      h: hash,
      now: toDbTimestamp(now),
      idle: toDbTimestamp(new Date(now.getTime() - AUTH_POLICY.sessionIdleMs)),
    },
    SessionRow,
  );
  const row = rows[0];
  if (!row) return null;
  let lastSeen = fromDbTimestamp(row.last_seen_at).getTime();
  if (now.getTime() - lastSeen > AUTH_POLICY.sessionTouchMs) {
    await touch(db, hash, now);
    lastSeen = now.getTime();
  }
  const user: SessionUser = {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    mustChangePassword: row.must_change_password === true,
  };
  const until = Math.min(fromDbTimestamp(row.expires_at).getTime(), lastSeen + AUTH_POLICY.sessionIdleMs, now.getTime() + MEMO_MS);
  // Remembered only when nothing changed while the query ran.
  if (dataVersion(db) === version && memo.epoch === epoch) remember(db, hash, { user, version, epoch, lastSeen, until });
  return user;
}

export async function revokeSession(db: Db, token: string, clock: Clock = systemClock): Promise<void> {
  // Auto-commit, like createSession: logging out must not wait behind an import.
  try {
    await query(db, 'UPDATE sessions SET revoked_at = $t::TIMESTAMP WHERE token_hash = $h AND revoked_at IS NULL', {
      t: toDbTimestamp(clock()),
      h: hashToken(token),
    });
  } finally {
    // After the write: a check that read the session before it is not remembered either.
    memo.epoch += 1;
  }
}

/** Deletes sessions that ended more than a day ago and login attempts older than 30 days (housekeeping at login). */
export async function pruneSessions(db: Db, clock: Clock = systemClock): Promise<void> {
  const cutoff = clock().getTime() - 24 * 60 * 60 * 1000;
  await withWriteTransaction(db, async (c) => {
    await c.run(
      'DELETE FROM sessions WHERE expires_at < $c::TIMESTAMP OR revoked_at < $c::TIMESTAMP OR last_seen_at < $idle::TIMESTAMP',
      { c: toDbTimestamp(new Date(cutoff)), idle: toDbTimestamp(new Date(cutoff - AUTH_POLICY.sessionIdleMs)) },
    );
    await c.run('DELETE FROM login_attempts WHERE attempted_at < $old::TIMESTAMP', { old: toDbTimestamp(new Date(cutoff - 29 * 24 * 60 * 60 * 1000)) });
    // Housekeeping of sessions only: no page's data changes, so readers keep their results.
  }, undefined, { sessionsOnly: true });
}
