import type { NextRequest } from 'next/server';
import { getDb } from '@/lib/db/client';
import { login } from '@/lib/auth/login';
import { AUTH_POLICY } from '@/lib/auth/policy';
import { BodyTooLargeError, clientAddress, isSameOrigin, readBodyCapped, safeNextPath, seeOther, setSessionCookie } from '@/lib/auth/request';
import { pruneSessions } from '@/lib/auth/sessions';
import { routes, withQuery } from '@/lib/routes';

export const dynamic = 'force-dynamic';

/** Login form target (works without JavaScript): 303 to the page asked for, or back to the form with an error code. */
export async function POST(req: NextRequest) {
  if (!isSameOrigin(req)) return seeOther(withQuery(routes.login, { loi: 'nguon' }));

  const missing = withQuery(routes.login, { loi: 'thieu' });
  // The body is read with a cap counted while it streams (a chunked body has no length to check first).
  let form: URLSearchParams;
  try {
    const type = req.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') return seeOther(missing);
    form = new URLSearchParams((await readBodyCapped(req, AUTH_POLICY.maxLoginBodyBytes)).toString('utf8'));
  } catch (err) {
    // Closing the connection stops the rest of an oversized body from being read at all.
    if (err instanceof BodyTooLargeError) return seeOther(missing, { Connection: 'close' });
    return seeOther(missing);
  }
  const username = form.get('username') ?? '';
  const password = form.get('password') ?? '';
  const next = safeNextPath(form.get('next'));
  const back = (code: string, minutes?: number) =>
    seeOther(withQuery(routes.login, { loi: code, phut: minutes, next: next === routes.overview ? null : next }));

  const db = await getDb();
  const outcome = await login(db, {
    username,
    password,
    address: clientAddress(req),
    userAgent: req.headers.get('user-agent'),
  });
  if (!outcome.ok) {
    if (outcome.reason === 'limited') return back('khoa', outcome.retryAfterMinutes);
    return back(outcome.reason === 'missing' ? 'thieu' : outcome.reason === 'busy' ? 'ban' : 'sai');
  }
  pruneSessions(db).catch(() => undefined);
  const res = seeOther(outcome.mustChangePassword ? routes.password : next);
  setSessionCookie(res, req, outcome.token, outcome.expiresAt);
  return res;
}
