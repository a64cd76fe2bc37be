import { z } from 'zod';
import { query, withWriteTransaction, type Db } from '@/lib/db/client';
import { AUTH_POLICY, fromDbTimestamp, systemClock, toDbTimestamp, type Clock } from './policy';

/**
 * Login throttling from the login_attempts table: failures are counted per account name
 * (whether or not the account exists, so the limit reveals nothing) and per client address.
 */
export interface RateDecision {
  allowed: boolean;
  /** Minutes until the oldest counted failure leaves the window (when not allowed). */
  retryAfterMinutes: number;
}

const Counts = z.object({
  by_account: z.coerce.number(),
  by_address: z.coerce.number(),
  oldest_account: z.string().nullable(),
  oldest_address: z.string().nullable(),
});

export async function checkLoginRate(
  db: Db,
  usernameKey: string,
  address: string | null,
  clock: Clock = systemClock,
): Promise<RateDecision> {
  const now = clock();
  const since = new Date(now.getTime() - AUTH_POLICY.rateWindowMs);
  const [c] = await query(
    db,
    `SELECT count(*) FILTER (WHERE username_key = $k)::INTEGER AS by_account,
            count(*) FILTER (WHERE $a IS NOT NULL AND address = $a)::INTEGER AS by_address,
            min(attempted_at) FILTER (WHERE username_key = $k)::VARCHAR AS oldest_account,
            min(attempted_at) FILTER (WHERE $a IS NOT NULL AND address = $a)::VARCHAR AS oldest_address
     FROM login_attempts WHERE NOT success AND attempted_at > $since::TIMESTAMP`,
    { k: usernameKey, a: address, since: toDbTimestamp(since) },
    Counts,
  );
  const blockedSince: string[] = [];
  if (c.by_account >= AUTH_POLICY.maxFailuresPerAccount && c.oldest_account) blockedSince.push(c.oldest_account);
  if (c.by_address >= AUTH_POLICY.maxFailuresPerAddress && c.oldest_address) blockedSince.push(c.oldest_address);
  if (blockedSince.length === 0) return { allowed: true, retryAfterMinutes: 0 };
  const until = Math.max(...blockedSince.map((s) => fromDbTimestamp(s).getTime() + AUTH_POLICY.rateWindowMs));
  return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil((until - now.getTime()) / 60_000)) };
}

export async function recordLoginAttempt(
  db: Db,
  usernameKey: string,
  address: string | null,
  success: boolean,
  clock: Clock = systemClock,
): Promise<void> {
  await withWriteTransaction(db, async (c) => {
    await c.run('INSERT INTO login_attempts (username_key, address, attempted_at, success) VALUES ($k, $a, $t::TIMESTAMP, $s)', {
      k: usernameKey,
      a: address,
      t: toDbTimestamp(clock()),
      s: success,
    });
    // A successful login clears the account's failures, so a typo this morning does not
    // count against the afternoon.
    if (success) await c.run('DELETE FROM login_attempts WHERE username_key = $k AND NOT success', { k: usernameKey });
  });
}
