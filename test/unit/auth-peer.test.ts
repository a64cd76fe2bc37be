import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPeerStamp, normaliseAddress, parseTrustedProxies, PEER_HEADER, requestPeer, resolvePeer, stampRequest } from '@/lib/auth/peer';

/**
 * The client address comes from the socket; X-Forwarded-For / -Proto only from proxies listed
 * in THIDUA_TRUSTED_PROXIES (none by default).
 */
describe('auth: client address and protocol', () => {
  it('reads the trusted-proxy setting (addresses and IPv4 ranges), refusing what it cannot read', () => {
    const none = parseTrustedProxies(undefined);
    expect(none('127.0.0.1')).toBe(false);
    const t = parseTrustedProxies('127.0.0.1, 10.0.0.0/8, ::1');
    expect(t('127.0.0.1')).toBe(true);
    expect(t('::ffff:127.0.0.1')).toBe(true);
    expect(t('10.200.3.4')).toBe(true);
    expect(t('11.0.0.1')).toBe(false);
    expect(t('::1')).toBe(true);
    expect(t('nonsense')).toBe(false);
    expect(() => parseTrustedProxies('proxy.local')).toThrow(/THIDUA_TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies('10.0.0.0/40')).toThrow(/THIDUA_TRUSTED_PROXIES/);
    expect(normaliseAddress('[::1]')).toBe('::1');
    expect(normaliseAddress('10.0.0.1:5555')).toBe('10.0.0.1');
  });

  it('ignores forwarded headers from a client that is not a trusted proxy', () => {
    const none = parseTrustedProxies('');
    expect(resolvePeer({ socketAddress: '203.0.113.9', encrypted: false, forwardedFor: '10.9.9.9', forwardedProto: 'https' }, none)).toEqual({
      address: '203.0.113.9',
      https: false,
    });
  });

  it('behind a trusted proxy, takes the right-most address that is not a trusted proxy', () => {
    const t = parseTrustedProxies('127.0.0.1, 10.0.0.0/8');
    // The client wrote "1.2.3.4" itself; the proxy appended the real peer 198.51.100.7.
    expect(resolvePeer({ socketAddress: '127.0.0.1', encrypted: false, forwardedFor: '1.2.3.4, 198.51.100.7', forwardedProto: 'https' }, t)).toEqual({
      address: '198.51.100.7',
      https: true,
    });
    // Two trusted hops: skipped.
    expect(resolvePeer({ socketAddress: '127.0.0.1', encrypted: false, forwardedFor: '198.51.100.7, 10.0.0.5' }, t).address).toBe('198.51.100.7');
    // A proxy that forwarded nothing: the proxy itself.
    expect(resolvePeer({ socketAddress: '127.0.0.1', encrypted: false }, t)).toEqual({ address: '127.0.0.1', https: false });
    // Garbage left of the real peer stops the walk.
    expect(resolvePeer({ socketAddress: '127.0.0.1', encrypted: false, forwardedFor: 'xx, 198.51.100.7' }, t).address).toBe('198.51.100.7');
  });

  describe('through a real HTTP server', () => {
    let server: http.Server;
    let base: string;
    const seen: Record<string, string | undefined>[] = [];

    beforeAll(async () => {
      installPeerStamp('');
      server = http.createServer((req, res) => {
        const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
        seen.push({ ...requestPeer(headers), xff: req.headers['x-forwarded-for'] as string | undefined, proto: req.headers['x-forwarded-proto'] as string | undefined } as never);
        res.end('ok');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('stamps the socket address over a forged X-Forwarded-For, X-Forwarded-Proto and stamp header', async () => {
      await fetch(base, { headers: { 'X-Forwarded-For': '6.6.6.6', 'X-Forwarded-Proto': 'https', [PEER_HEADER]: 'x;6.6.6.6;https' } });
      for (let i = 0; i < 25; i++) await fetch(base, { headers: { 'X-Forwarded-For': `10.0.0.${i}` } });
      expect(seen[0]).toMatchObject({ address: '127.0.0.1', https: false, xff: '127.0.0.1', proto: 'http' });
      // 25 rotating forged addresses are all one client.
      expect(new Set(seen.map((s) => (s as { address: string }).address))).toEqual(new Set(['127.0.0.1']));
    });
  });

  it('trusts the forwarded headers of a listed proxy (stampRequest with the setting)', () => {
    const req = { headers: { 'x-forwarded-for': '9.9.9.9, 198.51.100.7', 'x-forwarded-proto': 'https' }, socket: { remoteAddress: '::ffff:127.0.0.1' } } as unknown as http.IncomingMessage;
    stampRequest(req, { secret: 's', trusted: parseTrustedProxies('127.0.0.1') });
    expect(req.headers[PEER_HEADER]).toBe('s;198.51.100.7;https');
    expect(req.headers['x-forwarded-for']).toBe('198.51.100.7');
  });
});
