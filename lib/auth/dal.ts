import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/domain';
import { routes } from '@/lib/routes';
import { roleAllows } from './policy';
import { requestPeer } from './peer';
import { isSameOrigin, sessionTokenOf } from './request';
import { validateSession } from './sessions';
import type { SessionUser } from './types';

export type { SessionUser } from './types';

/**
 * Data-access layer guard. Every page, server action, route handler and data function that
 * touches data calls `requireUser(role)` first; the proxy's redirect is a convenience only.
 */

/** The signed-in user of this request, or null. Memoised per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const https = requestPeer(await headers()).https;
  const token = sessionTokenOf(await cookies(), https);
  if (!token) return null;
  return validateSession(await getDb(), token);
});

/**
 * For pages and server actions: the user, or a redirect to the login page (no session) or to
 * the "no permission" page (role below `minRole`).
 */
export async function requireUser(minRole: Role = 'viewer', opts: { passwordChangePage?: boolean } = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(routes.login);
  // An account an admin created or reset does nothing before its owner picks a password.
  if (user.mustChangePassword && !opts.passwordChangePage) redirect(routes.password);
  if (!roleAllows(user.role, minRole)) redirect(routes.forbidden);
  return user;
}

const AUTH_ERRORS = {
  unauthenticated: 'Bạn cần đăng nhập để thực hiện thao tác này.',
  forbidden: 'Tài khoản của bạn không có quyền thực hiện thao tác này.',
  crossSite: 'Yêu cầu bị từ chối vì không xuất phát từ trang của hệ thống.',
  mustChangePassword: `Bạn cần đổi mật khẩu (trang ${routes.password}) trước khi thực hiện thao tác này.`,
} as const;

/**
 * For route handlers: the user, or a ready JSON response — 401 without a session, 403 for a
 * lower role or for a state-changing request from another origin. Checked before the body is read.
 */
export async function requireApiUser(
  req: Request,
  minRole: Role = 'viewer',
): Promise<{ user: SessionUser; response?: undefined } | { user?: undefined; response: NextResponse }> {
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method.toUpperCase());
  if (unsafe && !isSameOrigin(req)) {
    return { response: NextResponse.json({ error: AUTH_ERRORS.crossSite }, { status: 403 }) };
  }
  const user = await getSessionUser();
  if (!user) return { response: NextResponse.json({ error: AUTH_ERRORS.unauthenticated }, { status: 401 }) };
  if (user.mustChangePassword) return { response: NextResponse.json({ error: AUTH_ERRORS.mustChangePassword }, { status: 403 }) };
  if (!roleAllows(user.role, minRole)) {
    return { response: NextResponse.json({ error: AUTH_ERRORS.forbidden }, { status: 403 }) };
  }
  return { user };
}
