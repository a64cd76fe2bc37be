import { NextResponse, type NextRequest } from 'next/server';

/**
 * Convenience only: a browser without a session cookie asking for a page is sent to the login
 * page with the page to come back to. It is NOT the security boundary — every page, route
 * handler and server action checks the session and role itself (lib/auth/dal.ts). API routes,
 * and above all /api/upload (the proxy would buffer and truncate large bodies), are not matched.
 */
const COOKIE = 'thidua_session';

export function proxy(request: NextRequest) {
  if (request.cookies.has(COOKIE)) return NextResponse.next();
  const url = request.nextUrl.clone();
  const next = `${url.pathname}${url.search}`;
  url.pathname = '/dang-nhap';
  url.search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|dang-nhap|.*\\.(?:png|svg|ico|jpg|woff2?|css|js)$).*)'],
};
