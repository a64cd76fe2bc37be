import type { Db } from '@/lib/db/client';
import { dummyPasswordHash, verifyPassword } from './password';
import { checkLoginRate, recordLoginAttempt } from './rate-limit';
import { createSession } from './sessions';
import { normaliseUsername } from './users';
import { findUser } from './users';
import { systemClock, type Clock } from './policy';
import type { SessionUser } from './types';

export const LOGIN_MESSAGES = {
  invalid: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  limited: (minutes: number) =>
    `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút hoặc liên hệ quản trị viên.`,
  missing: 'Vui lòng nhập tên đăng nhập và mật khẩu.',
} as const;

export type LoginOutcome =
  | { ok: true; token: string; expiresAt: Date; user: SessionUser }
  | { ok: false; reason: 'invalid' | 'missing' }
  | { ok: false; reason: 'limited'; retryAfterMinutes: number };

/**
 * Checks a name and password and opens a session. Unknown names, wrong passwords and disabled
 * accounts all give the same 'invalid' outcome after the same scrypt work.
 */
export async function login(
  db: Db,
  input: { username: string; password: string; address?: string | null; userAgent?: string | null },
  clock: Clock = systemClock,
): Promise<LoginOutcome> {
  const key = normaliseUsername(input.username ?? '').slice(0, 64);
  if (!key || !input.password) return { ok: false, reason: 'missing' };
  const address = input.address ?? null;

  const rate = await checkLoginRate(db, key, address, clock);
  if (!rate.allowed) return { ok: false, reason: 'limited', retryAfterMinutes: rate.retryAfterMinutes };

  const user = await findUser(db, key);
  const passwordOk = await verifyPassword(input.password.slice(0, 256), user?.password_hash ?? (await dummyPasswordHash()));
  const ok = Boolean(user && passwordOk && !user.disabled);
  await recordLoginAttempt(db, key, address, ok, clock);
  if (!ok || !user) return { ok: false, reason: 'invalid' };

  const { token, expiresAt } = await createSession(db, user.user_id, { address, userAgent: input.userAgent }, clock);
  return {
    ok: true,
    token,
    expiresAt,
    user: { userId: user.user_id, username: user.username, displayName: user.display_name, role: user.role },
  };
}
