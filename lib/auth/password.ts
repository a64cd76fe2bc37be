import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AUTH_POLICY } from './policy';

/**
 * scrypt from node:crypto (memory-hard, no native package). Stored as
 * `scrypt$N$r$p$salt$hash` (base64url), so the cost can be raised later without breaking old hashes.
 */
const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/** Too many password checks are waiting: the caller answers «busy» instead of queueing more. */
export class HashBusyError extends Error {
  constructor() {
    super('Hệ thống đang bận kiểm tra mật khẩu, vui lòng thử lại sau ít phút.');
    this.name = 'HashBusyError';
  }
}

/**
 * At most `maxConcurrentHashes` scrypt runs at once (each takes 32 MiB and a libuv thread);
 * a flood of logins waits in a short queue and is then refused, instead of exhausting memory.
 */
export class Semaphore {
  private active = 0;
  private waiting: (() => void)[] = [];
  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number,
  ) {}

  get stats() {
    return { active: this.active, waiting: this.waiting.length };
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) throw new HashBusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const globalHash = globalThis as unknown as { thiduaHashSemaphore?: Semaphore };
export function hashSemaphore(): Semaphore {
  globalHash.thiduaHashSemaphore ??= new Semaphore(AUTH_POLICY.maxConcurrentHashes, AUTH_POLICY.maxQueuedHashes);
  return globalHash.thiduaHashSemaphore;
}

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  // maxmem must exceed 128·N·r (32 MiB at the default cost).
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return hashSemaphore().run(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
      }),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, DEFAULT_COST);
  const { N, r, p } = DEFAULT_COST;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Constant-time comparison; false (never an exception) for a malformed stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20) return false;
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, salt, { N, r, p });
  return timingSafeEqual(actual, expected);
}

/**
 * A hash of no one's password: logins for an unknown name verify against it, so they take as
 * long as logins for a real one and the response time does not tell whether the name exists.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex')).catch((err: unknown) => {
    dummyHash = undefined;
    throw err;
  });
  return dummyHash;
}
