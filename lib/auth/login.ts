import type { Db } from '@/lib/db/client';
import { recordAudit } from '@/lib/audit';
import { dummyPasswordHash, HashBusyError, verifyPassword } from './password';
import { loginLimiter, type LoginLimiter } from './rate-limit';
import { createSession } from './sessions';
import { findUser, normaliseUsername } from './users';
import { systemClock, type Clock } from './policy';
import type { SessionUser } from './types';

export const LOGIN_MESSAGES = {
  invalid: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  limited: (minutes: number) =>
    `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút hoặc liên hệ quản trị viên.`,
  missing: 'Vui lòng nhập tên đăng nhập và mật khẩu.',
  busy: 'Hệ thống đang bận kiểm tra đăng nhập. Vui lòng thử lại sau ít phút.',
} as const;

type LoginOutcome =
  | { ok: true; token: string; expiresAt: Date; user: SessionUser; mustChangePassword: boolean }
  | { ok: false; reason: 'invalid' | 'missing' | 'busy' }
  | { ok: false; reason: 'limited'; retryAfterMinutes: number };

/**
 * Checks a name and password and opens a session. Unknown names, wrong passwords and disabled
 * accounts all give the same 'invalid' outcome after the same scrypt work. The attempt is
 * counted by the limiter before the password is checked (lib/auth/rate-limit.ts).
 */
export async function login(
  db: Db,
  input: { username: string; password: string; address?: string | null; userAgent?: string | null },
  clock: Clock = systemClock,
  limiter: LoginLimiter = loginLimiter(),
): Promise<LoginOutcome> {
  const key = normaliseUsername(input.username ?? '').slice(0, 64);
  if (!key || !input.password) return { ok: false, reason: 'missing' };
  const address = input.address ?? null;

  const admission = limiter.admit(key, address, clock());
  // Refused attempts are not written anywhere: a flood of them must cost no writes.
  if (!admission.allowed) {
    return { ok: false, reason: 'limited', retryAfterMinutes: admission.retryAfterMinutes };
  }

  let ok = false;
  let user: Awaited<ReturnType<typeof findUser>> = null;
  try {
    user = await findUser(db, key);
    const passwordOk = await verifyPassword(input.password.slice(0, 256), user?.password_hash ?? (await dummyPasswordHash()));
    ok = Boolean(user && passwordOk && !user.disabled);
  } catch (err) {
    if (err instanceof HashBusyError) {
      admission.withdraw();
      return { ok: false, reason: 'busy' };
    }
    throw err;
  }
  if (!ok || !user) {
    void recordAudit(db, { username: key }, 'login.failed', { address }, clock());
    return { ok: false, reason: 'invalid' };
  }
  admission.succeeded();
  const { token, expiresAt } = await createSession(db, user.user_id, { address, userAgent: input.userAgent }, clock);
  void recordAudit(db, { userId: user.user_id, username: user.username }, 'login.ok', { address }, clock());
  return {
    ok: true,
    token,
    expiresAt,
    user: { userId: user.user_id, username: user.username, displayName: user.display_name, role: user.role },
    mustChangePassword: user.must_change_password,
  };
}
