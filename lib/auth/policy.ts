import type { Role } from '@/lib/domain';

const COOKIE_NAME = 'thidua_session';

/** Security settings of accounts and sessions, in one place so tests and docs state the same numbers. */
export const AUTH_POLICY = {
  /** A session ends after this long without a request… */
  sessionIdleMs: 12 * 60 * 60 * 1000,
  /** …and in any case this long after login. */
  sessionAbsoluteMs: 7 * 24 * 60 * 60 * 1000,
  /** last_seen_at is written at most this often, so page views do not all become writes. */
  sessionTouchMs: 5 * 60 * 1000,
  /** Failed logins counted over this window. */
  rateWindowMs: 15 * 60 * 1000,
  /**
   * Failures per account name (existing or not) from one address before that address must wait
   * for the window; from any address, the failures after which each attempt waits a backoff.
   */
  maxFailuresPerAccount: 5,
  /** First backoff of an account guessed from many addresses; doubles each failure, at most rateWindowMs. */
  backoffBaseMs: 30 * 1000,
  /** How long an account's failures count towards its backoff (the backoff resets after this much quiet). */
  backoffMemoryMs: 60 * 60 * 1000,
  /** Failures per client address (an office behind one NAT shares it, hence higher). */
  maxFailuresPerAddress: 20,
  minPasswordLength: 8,
  /** Password checks (scrypt, 32 MiB each) running at once; more wait their turn… */
  maxConcurrentHashes: 2,
  /** …and beyond this many waiting, a login is answered «busy» at once. */
  maxQueuedHashes: 32,
  /** Largest login form body, enforced while reading it. */
  maxLoginBodyBytes: 16 * 1024,
  /** Cookie name over plain HTTP; over HTTPS the `__Host-` form (Secure, Path=/, no Domain). */
  cookieName: COOKIE_NAME,
  secureCookieName: `__Host-${COOKIE_NAME}`,
} as const;

const ROLE_RANK: Record<Role, number> = { viewer: 0, office: 1, admin: 2 };

/** True when `role` may do what `minRole` is required for (admin ⊃ office ⊃ viewer). */
export function roleAllows(role: Role, minRole: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minRole];
}

/** Injectable clock, so expiry and rate limits are testable. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** A Date as a DuckDB TIMESTAMP literal in UTC ('2026-01-31 08:00:00.000'). */
export function toDbTimestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** A TIMESTAMP as DuckDB returns it (UTC, no zone) → Date. */
export function fromDbTimestamp(s: string): Date {
  return new Date(`${s.replace(' ', 'T')}Z`);
}
