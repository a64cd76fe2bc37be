import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';

/**
 * Who is on the other end of the connection, and whether the browser used HTTPS.
 *
 * A route handler in Next sees only headers. `next start` fills X-Forwarded-For with the socket
 * address only when the request has none (`??=`), so a client that sends its own header
 * replaces its address with anything it likes. The socket address is therefore taken here, in
 * the Node HTTP server itself, before Next sees the request: `installPeerStamp()` (called from
 * instrumentation.ts) wraps `Server.prototype.emit('request')` and writes the resolved peer
 * into a header carrying a secret of this process, overwriting whatever the client sent. A
 * request without a valid stamp (one that arrived before the hook was installed, or a process
 * without it) has an unknown address and is treated as plain HTTP.
 *
 * X-Forwarded-For / X-Forwarded-Proto are believed only from the proxies listed in
 * THIDUA_TRUSTED_PROXIES (comma-separated addresses or IPv4 CIDR ranges; empty by default).
 */

export const PEER_HEADER = 'x-thidua-peer';

export interface Peer {
  /** The client's address (socket, or as reported by a trusted proxy); null when unknown. */
  address: string | null;
  https: boolean;
}

/** '::ffff:10.0.0.1' → '10.0.0.1', brackets and zone ids dropped, lower case. */
export function normaliseAddress(raw: string): string | null {
  let a = raw.trim().toLowerCase();
  if (a.startsWith('[')) a = a.slice(1, a.indexOf(']') > 0 ? a.indexOf(']') : undefined);
  a = a.replace(/%.*$/, '');
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/.test(a)) a = a.slice(7);
  // "1.2.3.4:5678" (some proxies add the port)
  const v4port = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(a);
  if (v4port) a = v4port[1];
  return isIP(a) ? a : null;
}

function ipv4ToInt(a: string): number {
  return a.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

export type TrustedProxies = (address: string) => boolean;

/** Parses THIDUA_TRUSTED_PROXIES ("127.0.0.1, 10.0.0.0/8, ::1"); throws on an entry it cannot read. */
export function parseTrustedProxies(setting: string | undefined): TrustedProxies {
  const exact = new Set<string>();
  const ranges: { base: number; mask: number }[] = [];
  for (const entry of (setting ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [ip, bits] = entry.split('/');
    const addr = normaliseAddress(ip);
    if (!addr) throw new Error(`THIDUA_TRUSTED_PROXIES: "${entry}" không phải địa chỉ IP hoặc dải IPv4 (ví dụ 10.0.0.0/8).`);
    if (bits === undefined) {
      exact.add(addr);
      continue;
    }
    const n = Number(bits);
    if (isIP(addr) !== 4 || !Number.isInteger(n) || n < 0 || n > 32) {
      throw new Error(`THIDUA_TRUSTED_PROXIES: dải "${entry}" không hợp lệ (chỉ hỗ trợ dải IPv4 dạng a.b.c.d/n).`);
    }
    const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
    ranges.push({ base: ipv4ToInt(addr) & mask, mask });
  }
  return (address) => {
    const a = normaliseAddress(address);
    if (!a) return false;
    if (exact.has(a)) return true;
    return isIP(a) === 4 && ranges.some((r) => ((ipv4ToInt(a) & r.mask) >>> 0) === r.base);
  };
}

/**
 * The client behind a connection: the socket address, unless it is a trusted proxy, in which
 * case X-Forwarded-For is read from the right, skipping trusted proxies, and the first
 * untrusted address is the client (entries further left are the client's own claims).
 */
export function resolvePeer(
  input: { socketAddress: string | undefined; encrypted: boolean; forwardedFor?: string | null; forwardedProto?: string | null },
  trusted: TrustedProxies,
): Peer {
  const socket = input.socketAddress ? normaliseAddress(input.socketAddress) : null;
  if (!socket) return { address: null, https: input.encrypted };
  if (!trusted(socket)) return { address: socket, https: input.encrypted };
  const chain = (input.forwardedFor ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  let address = socket;
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(chain[i]);
    if (!hop) break; // garbage from further left: stop at the last address we could read
    address = hop;
    if (!trusted(hop)) break;
  }
  const proto = input.forwardedProto?.split(',')[0]?.trim().toLowerCase();
  return { address, https: input.encrypted || proto === 'https' };
}

type Stamp = { secret: string; trusted: TrustedProxies };
const STAMP_KEY = Symbol.for('thidua.peerStamp');
const globalStamp = globalThis as unknown as { [STAMP_KEY]?: Stamp };

/** Stamps a request's headers in place (exported for tests; the hook below calls it). */
export function stampRequest(req: http.IncomingMessage, stamp: Stamp): void {
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(',') : (v ?? null);
  };
  const socket = req.socket as (typeof req.socket & { encrypted?: boolean }) | undefined;
  const peer = resolvePeer(
    {
      socketAddress: socket?.remoteAddress,
      encrypted: Boolean(socket?.encrypted),
      forwardedFor: header('x-forwarded-for'),
      forwardedProto: header('x-forwarded-proto'),
    },
    stamp.trusted,
  );
  req.headers[PEER_HEADER] = `${stamp.secret};${peer.address ?? ''};${peer.https ? 'https' : 'http'}`;
  // Next derives request.url's protocol and its own X-Forwarded-* from these; make them agree
  // with what we believe instead of what an untrusted client claimed.
  req.headers['x-forwarded-proto'] = peer.https ? 'https' : 'http';
  if (peer.address) req.headers['x-forwarded-for'] = peer.address;
  else delete req.headers['x-forwarded-for'];
}

/**
 * Who may answer a request before Next does (lib/serve/page-cache.ts): called after the stamp;
 * returns true when it took the request over. Kept in a list on globalThis, like the stamp.
 */
export type RequestInterceptor = (req: http.IncomingMessage, res: http.ServerResponse, forward: () => void) => boolean;
const INTERCEPTORS_KEY = Symbol.for('thidua.requestInterceptors');
const globalInterceptors = globalThis as unknown as { [INTERCEPTORS_KEY]?: RequestInterceptor[] };
const interceptors = (globalInterceptors[INTERCEPTORS_KEY] ??= []);

/** Adds an interceptor (once: the same function twice is kept once). */
export function interceptRequests(fn: RequestInterceptor): void {
  if (!interceptors.includes(fn)) interceptors.push(fn);
}

/**
 * A request this process sends to itself (a page rendered for the page cache) carries this
 * header with the stamp's secret and the stamp of the request it renders for: it keeps that
 * stamp instead of being stamped as coming from the loopback address.
 */
export const INNER_HEADER = 'x-thidua-inner';

/**
 * Set by the page cache on a loopback render meant for every user of a role: the page shows a
 * placeholder where the user's name goes (lib/serve/shared-render.ts). Removed from every
 * request that is not such a render, so no client can ask for it.
 */
export const SHARED_RENDER_HEADER = 'x-thidua-shared-render';

function isInner(req: http.IncomingMessage, stamp: Stamp): boolean {
  const inner = req.headers[INNER_HEADER];
  const peer = req.headers[PEER_HEADER];
  return inner === stamp.secret && typeof peer === 'string' && peer.startsWith(`${stamp.secret};`);
}

/**
 * Headers that make a request this process sends to itself count as the original's (see
 * INNER_HEADER); the caller copies the original's other headers (X-Forwarded-*, Host) as they are.
 */
export function innerRequestHeaders(original: http.IncomingHttpHeaders): Record<string, string> {
  const stamp = globalStamp[STAMP_KEY];
  const peer = original[PEER_HEADER];
  if (!stamp || typeof peer !== 'string') return {};
  return { [INNER_HEADER]: stamp.secret, [PEER_HEADER]: peer };
}

const innerRequests = new WeakSet<http.IncomingMessage>();

/** True for a request this process sent to itself (the page cache's renders). */
export function isInnerRequest(req: http.IncomingMessage): boolean {
  return innerRequests.has(req);
}

/** Installs the hook once per process. Returns the stamp (tests use the secret). */
export function installPeerStamp(setting: string | undefined = process.env.THIDUA_TRUSTED_PROXIES): Stamp {
  const existing = globalStamp[STAMP_KEY];
  if (existing) return existing;
  const stamp: Stamp = { secret: randomBytes(18).toString('base64url'), trusted: parseTrustedProxies(setting) };
  for (const Server of [http.Server, https.Server]) {
    const original = Server.prototype.emit;
    Server.prototype.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === 'request' && args[0] instanceof http.IncomingMessage) {
        const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
        const inner = isInner(req, stamp);
        if (inner) innerRequests.add(req);
        else {
          stampRequest(req, stamp);
          delete req.headers[SHARED_RENDER_HEADER];
        }
        delete req.headers[INNER_HEADER];
        const forward = () => original.apply(this, [event, ...args] as unknown as Parameters<typeof original>);
        for (const intercept of interceptors) if (intercept(req, res, forward)) return true;
        return forward();
      }
      return original.apply(this, [event, ...args] as Parameters<typeof original>);
    } as typeof original;
  }
  globalStamp[STAMP_KEY] = stamp;
  return stamp;
}

/** The peer of a request as stamped by the server; unknown address and plain HTTP without a valid stamp. */
export function requestPeer(headers: Headers): Peer {
  const stamp = globalStamp[STAMP_KEY];
  const value = headers.get(PEER_HEADER);
  if (!stamp || !value) return { address: null, https: false };
  const [secret, address, proto] = value.split(';');
  if (secret !== stamp.secret) return { address: null, https: false };
  return { address: address || null, https: proto === 'https' };
}
