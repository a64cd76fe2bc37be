import type { Role } from '@/lib/domain';

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
  /** Failures per account name (existing or not) before further attempts are refused. */
  maxFailuresPerAccount: 5,
  /** Failures per client address (an office behind one NAT shares it, hence higher). */
  maxFailuresPerAddress: 20,
  minPasswordLength: 8,
  cookieName: 'thidua_session',
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
