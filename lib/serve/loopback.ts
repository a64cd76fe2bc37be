import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { innerRequestHeaders, SHARED_RENDER_HEADER } from '@/lib/auth/peer';
import { cutAt } from './page-body';
import type { Render } from './page-store';
import { userPlaceholder } from './shared-render';

/**
 * A page rendered for the page cache: this same server is asked for it over loopback, the
 * request marked (lib/auth/peer.ts) so that it keeps the original request's peer stamp and is
 * not intercepted again, and read whole.
 */

/** Headers of this hop only: never passed on to the render nor kept with a page. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'expect', 'content-length', 'content-encoding', 'accept-encoding', 'date', 'proxy-connection']);

const RENDER_ID_HEADER = 'x-thidua-render-id';
const MAX_PAGE_BYTES = 16 * 1024 * 1024;
const RENDER_TIMEOUT_MS = 120_000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/**
 * Renders under way, by id, and whether one failed inside (an error boundary shown with status
 * 200), as instrumentation's onRequestError reports. Only ids issued here count.
 */
const renders = new Map<string, { failed: boolean }>();

/** Called for every server rendering error: a render of ours that failed is not kept. */
export function noteRenderError(headers: Record<string, string | string[] | undefined> | undefined): void {
  const id = headers?.[RENDER_ID_HEADER];
  const render = typeof id === 'string' ? renders.get(id) : undefined;
  if (render) render.failed = true;
}

/** Renders the page `req` asks for; `shared`: once for every user of the role of `username`. */
export function renderOverLoopback(req: http.IncomingMessage, shared: boolean, username: string): Promise<Render> {
  const id = randomBytes(12).toString('base64url');
  renders.set(id, { failed: false });
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_HEADERS.has(name) || name.startsWith('x-thidua-')) continue;
    headers[name] = value;
  }
  Object.assign(headers, innerRequestHeaders(req.headers), { [RENDER_ID_HEADER]: id }, shared ? { [SHARED_RENDER_HEADER]: '1' } : {});
  const socket = req.socket;
  return new Promise<Render>((resolve, reject) => {
    const inner = http.request(
      { host: socket.localAddress, port: socket.localPort, method: 'GET', path: req.url, headers, agent, timeout: RENDER_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_PAGE_BYTES) res.destroy(new Error('page too large to keep'));
          else chunks.push(c);
        });
        res.on('error', reject);
        // onRequestError may report a failure just after the last byte.
        res.on('end', () => setImmediate(() => resolve(toRender(res, Buffer.concat(chunks), renders.get(id)?.failed ?? true, shared ? username : null))));
      },
    );
    inner.on('timeout', () => inner.destroy(new Error('loopback render timed out')));
    inner.on('error', reject);
    inner.end();
  }).finally(() => renders.delete(id));
}

function toRender(res: http.IncomingMessage, body: Buffer, failed: boolean, sharedBy: string | null): Render {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined && !HOP_HEADERS.has(name)) headers[name] = value;
  }
  const csp = typeof headers['content-security-policy'] === 'string' ? headers['content-security-policy'] : '';
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? null;
  const type = String(headers['content-type'] ?? '');
  // A page meant for the whole role that still names its renderer somewhere is that user's alone.
  const onlyFor = sharedBy !== null && body.includes(sharedBy) ? sharedBy : null;
  const keep = res.statusCode === 200 && !failed && onlyFor === null && !headers['set-cookie'] && /^text\/(html|x-component)/.test(type);
  return {
    page: { status: res.statusCode ?? 502, headers, body: cutAt(body, { nonce, user: sharedBy !== null ? userPlaceholder() : null }), nonce, onlyFor, bytes: body.length },
    keep,
  };
}
