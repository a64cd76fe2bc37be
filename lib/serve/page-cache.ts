import type http from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { interceptRequests, isInnerRequest, PEER_HEADER, requestPeer } from '@/lib/auth/peer';
import { sessionCookieName } from '@/lib/auth/request';
import { validateSession } from '@/lib/auth/sessions';
import type { SessionUser } from '@/lib/auth/types';
import { dataVersion, getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { todayIso } from '@/lib/filters/today';
import { routes } from '@/lib/routes';
import { newNonce } from '@/lib/security/headers';
import { renderOverLoopback } from './loopback';
import { fill } from './page-body';
import { PageStore, type RenderedPage } from './page-store';

/**
 * Dashboard pages answered from memory while the data stands.
 *
 * Rendering a dashboard page costs the server ~100–200 ms of CPU even when every query result is
 * reused, and Node renders on one thread: twenty leaders reading at once would queue behind each
 * other. So a page, once rendered, is kept (lib/serve/page-store.ts) under a key of the data
 * version, the role (the navigation depends on it), HTTPS or not, the day the pages read
 * (`todayIso`, which a page's default period follows), the URL and the
 * headers Next varies on. It is rendered once for the whole role, with a placeholder where the
 * reader's name goes (lib/serve/shared-render.ts); should the page name its renderer anywhere
 * else, it is given to that user alone and the others are rendered their own. Every answer
 * still:
 * - checks the session itself (unknown, revoked, expired, a locked account or a password to
 *   change → Next answers as usual, with its redirects);
 * - carries a fresh CSP nonce and the reader's own name, filled into the kept page;
 * - is compressed here when the browser accepts gzip.
 * A miss is rendered by this same server over loopback (lib/serve/loopback.ts). Only the
 * read-only dashboard pages below are kept; uploads, administration and login never.
 */

/** The pages whose content depends only on the data, the role, the user's name and the URL. */
const READ_ONLY_PAGES = new Set<string>([routes.overview, routes.activities, routes.awards, routes.review, routes.dataQuality]);
const READ_ONLY_PAGES_BY_ID = [routes.bloc(''), routes.unit('')];

/** Query parameters that carry a message for one user (lib/flash.ts): such a page is that user's. */
const PERSONAL_PARAMS = /[?&](loi|ok)=/;

/** Request headers Next answers differently for (its Vary), part of the key. */
const VARY_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-url', 'host'];

const gzip = promisify(zlib.gzip);

/** Whether a request may be answered from the store at all (before looking at its session). */
export function isCacheableRequest(req: Pick<http.IncomingMessage, 'method' | 'url' | 'headers'>): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.headers['next-action'] || !req.url) return false;
  const pathname = req.url.split('?')[0];
  return READ_ONLY_PAGES.has(pathname) || READ_ONLY_PAGES_BY_ID.some((prefix) => pathname.startsWith(prefix) && /^\d+$/.test(pathname.slice(prefix.length)));
}

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Whether the page is rendered once for the user's whole role (else for the user alone). */
export function isSharedByRole(url: string): boolean {
  return !PERSONAL_PARAMS.test(url);
}

/** The key of a page: everything that can change what the server would render for this request. */
export function pageKey(req: Pick<http.IncomingMessage, 'url' | 'headers'>, user: SessionUser, https: boolean, day: string): string {
  const vary = VARY_HEADERS.map((h) => req.headers[h] ?? null);
  const who = isSharedByRole(req.url ?? '') ? ['role'] : ['user', user.userId, user.username];
  return JSON.stringify([...who, user.role, https, day, req.url, vary]);
}

function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = String(header ?? '').toLowerCase();
  return /(^|,)\s*gzip\s*(,|$|;(?!\s*q=0(\.0+)?\s*(,|$)))/.test(value);
}

async function send(req: http.IncomingMessage, res: http.ServerResponse, page: RenderedPage, user: SessionUser, reused: boolean): Promise<void> {
  const nonce = newNonce();
  let body = fill(page.body, { nonce, user: user.username });
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(page.headers)) {
    headers[name] = page.nonce && typeof value === 'string' ? value.replaceAll(page.nonce, nonce) : value;
  }
  if (body.length > 1024 && acceptsGzip(req.headers['accept-encoding'])) {
    body = await gzip(body);
    headers['content-encoding'] = 'gzip';
  }
  const vary = String(headers.vary ?? '');
  if (!/accept-encoding/i.test(vary)) headers.vary = vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding';
  headers['content-length'] = String(body.length);
  headers['x-thidua-cache'] = reused ? 'hit' : 'miss';
  res.writeHead(page.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function answer(store: PageStore, req: http.IncomingMessage, res: http.ServerResponse, forward: () => void): Promise<void> {
  const peer = req.headers[PEER_HEADER];
  const https = requestPeer(new Headers(typeof peer === 'string' ? { [PEER_HEADER]: peer } : {})).https;
  const token = cookieValue(typeof req.headers.cookie === 'string' ? req.headers.cookie : undefined, sessionCookieName(https));
  if (!token) return forward();
  const db = await getDb();
  const user = await validateSession(db, token);
  // Next answers these itself: the login redirect, the password page.
  if (!user || user.mustChangePassword) return forward();
  const shared = isSharedByRole(req.url ?? '');
  const { page, reused } = await store.get(dataVersion(db), pageKey(req, user, https, todayIso()), () => renderOverLoopback(req, shared, user.username));
  // A page that turned out to be its renderer's alone: Next renders this reader's own.
  if (page.onlyFor !== null && page.onlyFor !== user.username) return forward();
  await send(req, res, page, user, reused);
}

const INSTALLED = Symbol.for('thidua.pageCache');
const globalInstalled = globalThis as unknown as { [INSTALLED]?: PageStore };

/**
 * Installs the page cache on this server (instrumentation.ts, production only; after the peer
 * stamp). THIDUA_PAGE_CACHE_MB=0 turns it off. Returns the store (tests).
 */
export function installPageCache(maxMb: number = env().THIDUA_PAGE_CACHE_MB): PageStore | null {
  if (globalInstalled[INSTALLED]) return globalInstalled[INSTALLED];
  if (maxMb <= 0) return null;
  const store = new PageStore(maxMb * 1024 * 1024);
  globalInstalled[INSTALLED] = store;
  interceptRequests((req, res, forward) => {
    if (isInnerRequest(req) || !isCacheableRequest(req) || (req.socket as { encrypted?: boolean }).encrypted) return false;
    answer(store, req, res, forward).catch((err: unknown) => {
      console.error('[trang lưu sẵn] trả lời trực tiếp thay vì từ bộ nhớ', err);
      if (!res.headersSent) forward();
      else res.destroy();
    });
    return true;
  });
  return store;
}
