import type { NextRequest } from 'next/server';
import { getDb } from '@/lib/db/client';
import { AUTH_POLICY } from '@/lib/auth/policy';
import { clearSessionCookie, isSameOrigin, seeOther } from '@/lib/auth/request';
import { revokeSession } from '@/lib/auth/sessions';

export const dynamic = 'force-dynamic';

/** Logout form target: revokes the session server-side, clears the cookie, back to the login page. */
export async function POST(req: NextRequest) {
  if (!isSameOrigin(req)) return seeOther('/');
  const token = req.cookies.get(AUTH_POLICY.cookieName)?.value;
  if (token) await revokeSession(await getDb(), token);
  const res = seeOther('/dang-nhap?da=thoat');
  clearSessionCookie(res, req);
  return res;
}
