import { NextResponse } from 'next/server';
import { API_ROOT, routes } from '@/lib/routes';
import { requestPeer } from './peer';
import { AUTH_POLICY } from './policy';

/** Helpers for route handlers: where a request comes from, and the session cookie. */

/**
 * The client address for rate limiting and the audit log: the socket's, or what a proxy listed
 * in THIDUA_TRUSTED_PROXIES reports (lib/auth/peer.ts). Never a header the client chose.
 */
export function clientAddress(req: Request): string | null {
  return requestPeer(req.headers).address;
}

/** True when the browser reached us over HTTPS (TLS on our socket, or a trusted proxy's X-Forwarded-Proto). */
export function isHttps(req: Request): boolean {
  return requestPeer(req.headers).https;
}

/** The session cookie's name: `__Host-` over HTTPS (the browser then insists on Secure, Path=/ and no Domain). */
export function sessionCookieName(https: boolean): string {
  return https ? AUTH_POLICY.secureCookieName : AUTH_POLICY.cookieName;
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

function sessionCookieOptions(req: Request, expires: Date) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: isHttps(req),
    path: '/',
    expires,
  };
}

/** A 303 redirect with a relative Location, so it works behind any host name or proxy. */
export function seeOther(location: string, extra: Record<string, string> = {}): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store', ...extra } });
}

export function setSessionCookie(res: NextResponse, req: Request, token: string, expires: Date): void {
  res.cookies.set(sessionCookieName(isHttps(req)), token, sessionCookieOptions(req, expires));
}

export function clearSessionCookie(res: NextResponse, req: Request): void {
  res.cookies.set(sessionCookieName(isHttps(req)), '', { ...sessionCookieOptions(req, new Date(0)), maxAge: 0 });
}

/** The session token of a request: over HTTPS only the `__Host-` cookie counts. */
export function sessionTokenOf(cookies: { get(name: string): { value: string } | undefined }, https: boolean): string | undefined {
  return cookies.get(sessionCookieName(https))?.value || undefined;
}

const SITE = 'http://thidua.invalid';
/** Never a page to return to: the login pages themselves, and the route handlers. */
const NOT_A_RETURN_PAGE = new RegExp(`^(?:${routes.login}|${API_ROOT})(?:/|$|\\?|#)`, 'i');

/**
 * Only paths of this site are accepted as the page to return to after login (no open redirect).
 * The value is read the way a browser reads a Location header: tabs and newlines anywhere and
 * leading/trailing C0 controls and spaces dropped, backslashes taken as slashes; then it is
 * resolved against our origin and must stay on it. The path, query and fragment are returned
 * re-serialised, so what the browser gets is exactly what was checked.
 */
export function safeNextPath(next: unknown): string {
  const home = routes.overview;
  if (typeof next !== 'string' || next.length > 2000) return home;
  // eslint-disable-next-line no-control-regex
  const cleaned = next.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/\\/g, '/');
  if (!cleaned.startsWith('/') || cleaned.startsWith('//')) return home;
  let url: URL;
  try {
    url = new URL(cleaned, SITE);
  } catch {
    return home;
  }
  if (url.origin !== SITE) return home;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith('//') || NOT_A_RETURN_PAGE.test(path)) return home;
  return path.length > 500 ? home : path;
}

/** A body larger than the cap: the reader stopped at the cap without reading further. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a request body up to `limit` bytes, counting while it streams: a chunked body without
 * Content-Length is cut off as soon as it passes the cap, not read to its end.
 */
export async function readBodyCapped(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
