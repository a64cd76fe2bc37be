import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { innerRequestHeaders, interceptRequests, isInnerRequest, PEER_HEADER, requestPeer } from '@/lib/auth/peer';
import { sessionCookieName } from '@/lib/auth/request';
import { validateSession } from '@/lib/auth/sessions';
import type { SessionUser } from '@/lib/auth/types';
import { dataVersion, getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { routes } from '@/lib/routes';
import { newNonce } from '@/lib/security/headers';
import { PageStore, type Render, type RenderedPage } from './page-store';

/**
 * Dashboard pages answered from memory while the data stands.
 *
 * Rendering a dashboard page costs the server ~100–200 ms of CPU even when every query result is
 * reused, and Node renders on one thread; twenty leaders reading at once would queue behind each
 * other. So a page, once rendered for a user, is kept (lib/serve/page-store.ts) under a key of
 * the data version, the user (id, name, role — the header shows them and the navigation depends
 * on the role), HTTPS or not, the URL and the headers Next varies on. Every answer still:
 * - checks the session itself (revoked, expired, locked account or a password to change → Next
 *   answers as usual, with its redirects);
 * - carries a fresh CSP nonce: the page is kept cut at its nonce and joined with a new one;
 * - is compressed here when the browser accepts gzip.
 * A miss is rendered by asking this same server for the page over loopback, marked so that it
 * keeps the original request's peer stamp (lib/auth/peer.ts) and is not intercepted again.
 * Only the read-only dashboard pages below are kept; uploads, administration and login never.
 */

/** The pages whose content depends only on the data, the user and the URL. */
const READ_ONLY_PAGES = new Set<string>([routes.overview, routes.activities, routes.awards, routes.review, routes.dataQuality]);
const READ_ONLY_PAGES_BY_ID = [routes.bloc(''), routes.unit('')];

/** Request headers Next answers differently for (its Vary), part of the key. */
const VARY_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-url', 'host'];

/** Headers of this hop only: never passed on to the loopback render nor kept with a page. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'expect', 'content-length', 'content-encoding', 'accept-encoding', 'date', 'proxy-connection']);

const RENDER_ID_HEADER = 'x-thidua-render-id';
const MAX_PAGE_BYTES = 16 * 1024 * 1024;
const RENDER_TIMEOUT_MS = 120_000;

const gzip = promisify(zlib.gzip);
const loopback = new http.Agent({ keepAlive: true, maxSockets: 16 });

/**
 * Loopback renders under way, by id, and whether one failed inside (an error boundary shown
 * with status 200): noted by instrumentation's onRequestError. Only ids issued here count.
 */
const renders = new Map<string, { failed: boolean }>();

/** Called for every server rendering error: a loopback render that failed is not kept. */
export function noteRenderError(headers: Record<string, string | string[] | undefined> | undefined): void {
  const id = headers?.[RENDER_ID_HEADER];
  const render = typeof id === 'string' ? renders.get(id) : undefined;
  if (render) render.failed = true;
}

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

/** The key of a page: everything that can change what the server would render for this request. */
export function pageKey(req: Pick<http.IncomingMessage, 'url' | 'headers'>, user: SessionUser, https: boolean, day: string): string {
  const vary = VARY_HEADERS.map((h) => req.headers[h] ?? null);
  return JSON.stringify([user.userId, user.username, user.role, https, day, req.url, vary]);
}

/** Today's date on the server (a page's default period may follow the calendar). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

function asHeaders(raw: http.IncomingHttpHeaders): Headers {
  const h = new Headers();
  const peer = raw[PEER_HEADER];
  if (typeof peer === 'string') h.set(PEER_HEADER, peer);
  return h;
}

/** Asks this server for the page over loopback and reads it whole. */
function renderOverLoopback(req: http.IncomingMessage): Promise<Render> {
  const id = randomBytes(12).toString('base64url');
  renders.set(id, { failed: false });
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_HEADERS.has(name) || name.startsWith('x-thidua-')) continue;
    headers[name] = value;
  }
  Object.assign(headers, innerRequestHeaders(req.headers), { [RENDER_ID_HEADER]: id });
  const socket = req.socket;
  return new Promise<Render>((resolve, reject) => {
    const inner = http.request(
      { host: socket.localAddress, port: socket.localPort, method: 'GET', path: req.url, headers, agent: loopback, timeout: RENDER_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_PAGE_BYTES) res.destroy(new Error('page too large to keep'));
          else chunks.push(c);
        });
        res.on('error', reject);
        res.on('end', () => setImmediate(() => resolve(toRender(res, Buffer.concat(chunks), id))));
      },
    );
    inner.on('timeout', () => inner.destroy(new Error('loopback render timed out')));
    inner.on('error', reject);
    inner.end();
  }).finally(() => renders.delete(id));
}

function toRender(res: http.IncomingMessage, body: Buffer, id: string): Render {
  const failed = renders.get(id)?.failed ?? true;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined && !HOP_HEADERS.has(name)) headers[name] = value;
  }
  const csp = typeof headers['content-security-policy'] === 'string' ? headers['content-security-policy'] : '';
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? null;
  const type = String(headers['content-type'] ?? '');
  const keep = res.statusCode === 200 && !failed && !headers['set-cookie'] && /^text\/(html|x-component)/.test(type);
  return {
    page: { status: res.statusCode ?? 502, headers, parts: nonce ? splitAt(body, Buffer.from(nonce)) : [body], nonce, bytes: body.length },
    keep,
  };
}

/** `body` cut at every occurrence of `mark` (which is left out). */
export function splitAt(body: Buffer, mark: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(mark); at !== -1; at = body.indexOf(mark, from)) {
    parts.push(body.subarray(from, at));
    from = at + mark.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = String(header ?? '').toLowerCase();
  return /(^|,)\s*gzip\s*(,|$|;(?!\s*q=0(\.0+)?\s*(,|$)))/.test(value);
}

function joinWith(parts: Buffer[], nonce: string | null): Buffer {
  if (parts.length === 1) return parts[0];
  const mark = Buffer.from(nonce ?? '');
  return Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [mark, p])));
}

async function send(req: http.IncomingMessage, res: http.ServerResponse, page: RenderedPage, reused: boolean): Promise<void> {
  const nonce = page.nonce ? newNonce() : null;
  let body: Buffer = joinWith(page.parts, nonce);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(page.headers)) {
    headers[name] = nonce && typeof value === 'string' ? value.replaceAll(page.nonce!, nonce) : value;
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
  const https = requestPeer(asHeaders(req.headers)).https;
  const token = cookieValue(typeof req.headers.cookie === 'string' ? req.headers.cookie : undefined, sessionCookieName(https));
  if (!token) return forward();
  const db = await getDb();
  const user = await validateSession(db, token);
  // Next answers these itself: the login redirect, the password page.
  if (!user || user.mustChangePassword) return forward();
  const { page, reused } = await store.get(dataVersion(db), pageKey(req, user, https, today()), () => renderOverLoopback(req));
  await send(req, res, page, reused);
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
