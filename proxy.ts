import { NextResponse, type NextRequest } from 'next/server';
import { requestPeer } from '@/lib/auth/peer';
import { sessionCookieName } from '@/lib/auth/request';
import { newNonce, pageCsp, setPageHeaders } from '@/lib/security/headers';
import { routes, toSearch } from '@/lib/routes';

/**
 * Two jobs for page requests:
 * - security headers with a fresh CSP nonce (lib/security/headers.ts);
 * - convenience only: a browser without a session cookie is sent to the login page with the
 *   page to come back to. It is NOT the security boundary — every page, route handler and
 *   server action checks the session and role itself (lib/auth/dal.ts).
 * API routes, and above all /api/upload (the proxy would buffer and truncate large bodies), are
 * not matched; next.config.mjs gives them fixed headers.
 */
export function proxy(request: NextRequest) {
  const https = requestPeer(request.headers).https;
  const nonce = newNonce();
  const csp = pageCsp(nonce, { https, dev: process.env.NODE_ENV !== 'production' });
  const { pathname } = request.nextUrl;
  const loginPage = pathname === routes.login || pathname.startsWith(`${routes.login}/`);
  const hasCookie = request.cookies.has(sessionCookieName(https));

  let res: NextResponse;
  if (!hasCookie && !loginPage) {
    const url = request.nextUrl.clone();
    const next = `${url.pathname}${url.search}`;
    url.pathname = routes.login;
    url.search = toSearch({ next: next === routes.overview ? null : next });
    res = NextResponse.redirect(url);
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('Content-Security-Policy', csp);
    res = NextResponse.next({ request: { headers: requestHeaders } });
  }
  setPageHeaders(res.headers, csp, https);
  return res;
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|svg|ico|jpg|woff2?|css|js)$).*)'],
};
