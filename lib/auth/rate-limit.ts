import { AUTH_POLICY } from './policy';

/**
 * Login throttling, kept in the server's memory: it needs no write to the store, so a failure
 * counts even while an import holds the DuckDB writer, and `admit()` records and checks in one
 * synchronous step, so a burst of parallel attempts cannot all pass before the first is counted.
 *
 * Three counters of failures in the last `rateWindowMs`:
 * - per account name and address: `maxFailuresPerAccount` failures and that pair waits until
 *   the oldest leaves the window (someone guessing from one machine);
 * - per account name from any address: from the `maxFailuresPerAccount`-th failure on, each
 *   further attempt waits an exponential backoff (30 s, 1 min, 2 min … at most the window);
 *   these failures are remembered for `backoffMemoryMs`, so a slow attack stays slow. Guessing
 *   from many addresses gets a few tries an hour, and an admin whose name is being guessed
 *   elsewhere can still log in within `rateWindowMs` — never locked out for good;
 * - per address across names: `maxFailuresPerAddress` failures and the address waits.
 * Names that do not exist are counted the same way, so the limit reveals nothing.
 * A restart clears the counters (the attempts are still in the audit log).
 */
interface RateDecision {
  allowed: boolean;
  /** Minutes until an attempt is allowed again (when not allowed). */
  retryAfterMinutes: number;
}

/** A reserved failure: confirmed as such unless `succeeded()` is called. */
interface Admission extends RateDecision {
  succeeded(): void;
  /** The password was not checked (server busy): the attempt does not count. */
  withdraw(): void;
}

const MAX_KEYS = 50_000;

export class LoginLimiter {
  /** key → failure times (ms), oldest first */
  private failures = new Map<string, number[]>();

  /** Failures of `key` in the last `windowMs`; older ones are dropped (none is kept longer than backoffMemoryMs). */
  private recent(key: string, now: number, windowMs = AUTH_POLICY.rateWindowMs): number[] {
    const list = this.failures.get(key);
    if (!list) return [];
    const since = now - windowMs;
    while (list.length && list[0] <= since) list.shift();
    if (!list.length) this.failures.delete(key);
    return list;
  }

  private push(key: string, t: number): void {
    const list = this.failures.get(key);
    if (list) list.push(t);
    else this.failures.set(key, [t]);
    if (this.failures.size > MAX_KEYS) this.prune(t);
  }

  /** Drops expired entries; if names are still too many (a flood of invented names), the oldest keys go. */
  private prune(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now, key.startsWith('a') ? AUTH_POLICY.backoffMemoryMs : AUTH_POLICY.rateWindowMs);
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_KEYS * 0.9) break;
      this.failures.delete(key);
    }
  }

  /** Earliest time (ms) the next attempt may be made, given the failures now counted. */
  private openAt(account: string, address: string, now: number): number {
    const w = AUTH_POLICY.rateWindowMs;
    let at = 0;
    const pair = this.recent(`p\u0000${account}\u0000${address}`, now);
    if (pair.length >= AUTH_POLICY.maxFailuresPerAccount) at = Math.max(at, pair[pair.length - AUTH_POLICY.maxFailuresPerAccount] + w);
    const acc = this.recent(`a\u0000${account}`, now, AUTH_POLICY.backoffMemoryMs);
    if (acc.length >= AUTH_POLICY.maxFailuresPerAccount) {
      const steps = acc.length - AUTH_POLICY.maxFailuresPerAccount;
      at = Math.max(at, acc[acc.length - 1] + Math.min(w, AUTH_POLICY.backoffBaseMs * 2 ** steps));
    }
    if (address !== '') {
      const addr = this.recent(`i\u0000${address}`, now);
      if (addr.length >= AUTH_POLICY.maxFailuresPerAddress) at = Math.max(at, addr[addr.length - AUTH_POLICY.maxFailuresPerAddress] + w);
    }
    return at;
  }

  /**
   * Checks and, when allowed, records the attempt as a failure at once (before the password is
   * verified); `succeeded()` then clears the account's failures.
   */
  admit(account: string, address: string | null, when: Date = new Date()): Admission {
    const now = when.getTime();
    const addr = address ?? '';
    const at = this.openAt(account, addr, now);
    if (at > now) {
      return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil((at - now) / 60_000)), succeeded: () => undefined, withdraw: () => undefined };
    }
    const keys = [`p\u0000${account}\u0000${addr}`, `a\u0000${account}`, ...(addr ? [`i\u0000${addr}`] : [])];
    for (const k of keys) this.push(k, now);
    const unrecord = (key: string) => {
      const list = this.failures.get(key);
      const i = list ? list.lastIndexOf(now) : -1;
      if (list && i >= 0) list.splice(i, 1);
    };
    return {
      allowed: true,
      retryAfterMinutes: 0,
      // A successful login clears the account's failures (a typo this morning does not count
      // against the afternoon); the address keeps its earlier failures.
      succeeded: () => {
        this.failures.delete(keys[0]);
        this.failures.delete(keys[1]);
        if (keys[2]) unrecord(keys[2]);
      },
      withdraw: () => keys.forEach(unrecord),
    };
  }
}

const globalLimiter = globalThis as unknown as { thiduaLoginLimiter?: LoginLimiter };

/** The server's limiter (one per process). */
export function loginLimiter(): LoginLimiter {
  globalLimiter.thiduaLoginLimiter ??= new LoginLimiter();
  return globalLimiter.thiduaLoginLimiter;
}
