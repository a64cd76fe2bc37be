import type { NextRequest } from 'next/server';
import { recordAudit } from '@/lib/audit';
import { getDb } from '@/lib/db/client';
import { clearSessionCookie, clientAddress, isHttps, isSameOrigin, seeOther, sessionTokenOf } from '@/lib/auth/request';
import { revokeSession, validateSession } from '@/lib/auth/sessions';
import { routes, withQuery } from '@/lib/routes';

export const dynamic = 'force-dynamic';

/** Logout form target: revokes the session server-side, clears the cookie, back to the login page. */
export async function POST(req: NextRequest) {
  if (!isSameOrigin(req)) return seeOther(routes.overview);
  const token = sessionTokenOf(req.cookies, isHttps(req));
  if (token) {
    const db = await getDb();
    const user = await validateSession(db, token);
    await revokeSession(db, token);
    if (user) await recordAudit(db, user, 'logout', { address: clientAddress(req) });
  }
  const res = seeOther(withQuery(routes.login, { da: 'thoat' }));
  clearSessionCookie(res, req);
  return res;
}
