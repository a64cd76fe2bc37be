import { NextResponse } from 'next/server';
import { AUTH_POLICY } from './policy';

/** Helpers for route handlers: where a request comes from, and the session cookie. */

/** The client address for rate limiting: first X-Forwarded-For entry (set by Next or the reverse proxy). */
export function clientAddress(req: Request): string | null {
  const xff = req.headers.get('x-forwarded-for');
  const first = xff?.split(',')[0]?.trim() || req.headers.get('x-real-ip')?.trim();
  return first ? first.slice(0, 64) : null;
}

/** True when the browser reached us over HTTPS (directly or through a TLS-terminating proxy). */
export function isHttps(req: Request): boolean {
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (proto) return proto === 'https';
  return new URL(req.url).protocol === 'https:';
}

/**
 * CSRF defence besides SameSite=Lax: a state-changing request that names an origin must name
 * ours. Browsers always send Origin on cross-site POSTs; requests without Origin or Referer come
 * from scripts and tools, which cannot ride on a victim's cookie.
 */
export function isSameOrigin(req: Request): boolean {
  let origin = req.headers.get('origin');
  if (!origin) {
    const referer = req.headers.get('referer');
    if (!referer) return true;
    try {
      origin = new URL(referer).origin;
    } catch {
      return false;
    }
  }
  if (origin === 'null') return false;
  const host = req.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || req.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function sessionCookieOptions(req: Request, expires: Date) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: isHttps(req),
    path: '/',
    expires,
  };
}

/** A 303 redirect with a relative Location, so it works behind any host name or proxy. */
export function seeOther(location: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } });
}

export function setSessionCookie(res: NextResponse, req: Request, token: string, expires: Date): void {
  res.cookies.set(AUTH_POLICY.cookieName, token, sessionCookieOptions(req, expires));
}

export function clearSessionCookie(res: NextResponse, req: Request): void {
  res.cookies.set(AUTH_POLICY.cookieName, '', { ...sessionCookieOptions(req, new Date(0)), maxAge: 0 });
}

/** Only local paths are accepted as the page to return to after login (no open redirect). */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/dang-nhap') || next.startsWith('/api/')) return '/';
  return next.slice(0, 500);
}
