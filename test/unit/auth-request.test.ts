import { describe, expect, it } from 'vitest';
import { installPeerStamp, PEER_HEADER } from '@/lib/auth/peer';
import { BodyTooLargeError, clientAddress, isHttps, isSameOrigin, readBodyCapped, safeNextPath, sessionCookieName } from '@/lib/auth/request';
import { AUTH_POLICY, roleAllows } from '@/lib/auth/policy';

const req = (headers: Record<string, string>, url = 'http://thidua.local/api/auth/login') => new Request(url, { method: 'POST', headers });
const stamp = installPeerStamp('');
/** A request as the server's hook stamps it (lib/auth/peer.ts). */
const stamped = (address: string, proto: 'http' | 'https', headers: Record<string, string> = {}) =>
  req({ ...headers, [PEER_HEADER]: `${stamp.secret};${address};${proto}` });

describe('auth: request checks', () => {
  it('accepts same-origin posts and posts without Origin/Referer (scripts), refuses other sites', () => {
    expect(isSameOrigin(req({ host: 'thidua.local', origin: 'http://thidua.local' }))).toBe(true);
    expect(isSameOrigin(req({ host: 'thidua.local:3000', origin: 'http://thidua.local:3000' }))).toBe(true);
    expect(isSameOrigin(req({ host: 'thidua.local' }))).toBe(true);
    expect(isSameOrigin(req({ host: 'thidua.local', origin: 'http://evil.example' }))).toBe(false);
    expect(isSameOrigin(req({ host: 'thidua.local', origin: 'null' }))).toBe(false);
    expect(isSameOrigin(req({ host: 'thidua.local', referer: 'http://evil.example/form' }))).toBe(false);
    expect(isSameOrigin(req({ host: 'thidua.local', referer: 'http://thidua.local/dang-nhap' }))).toBe(true);
    // Behind a reverse proxy the public host arrives in X-Forwarded-Host.
    expect(isSameOrigin(req({ host: '127.0.0.1:3000', 'x-forwarded-host': 'thidua.sotc.gov.vn', origin: 'https://thidua.sotc.gov.vn' }))).toBe(true);
  });

  it('knows HTTPS only from the server\'s stamp, never from a header the client sent', () => {
    expect(isHttps(stamped('10.0.0.1', 'https'))).toBe(true);
    expect(isHttps(stamped('10.0.0.1', 'http', { 'x-forwarded-proto': 'https' }))).toBe(false);
    expect(isHttps(req({ 'x-forwarded-proto': 'https' }))).toBe(false);
    expect(isHttps(req({ [PEER_HEADER]: 'guessed-secret;10.0.0.1;https' }))).toBe(false);
    expect(sessionCookieName(true)).toBe('__Host-thidua_session');
    expect(sessionCookieName(false)).toBe(AUTH_POLICY.cookieName);
  });

  it('returns only to pages of this site after login (no open redirect)', () => {
    expect(safeNextPath('/khoi/3?period=2022')).toBe('/khoi/3?period=2022');
    expect(safeNextPath('/tai-len/lich-su?trang=2#lo-5')).toBe('/tai-len/lich-su?trang=2#lo-5');
    // What a browser strips (tabs, newlines, leading/trailing controls and spaces) and reads as "/" (a backslash).
    const bad = ['//evil.example', 'https://evil.example', '/\\evil.example', '\\\\evil.example', '/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example',
      ' //evil.example', '\u0000//evil.example', '/\\/evil.example', '\t//evil.example', 'javascript:alert(1)', 'http:evil.example', '/dang-nhap', '/dang-nhap?next=/x',
      '/api/upload', '/API/upload', null, 5, '', 'khoi/3'];
    for (const b of bad) expect(safeNextPath(b), JSON.stringify(b)).toBe('/');
    // Whatever comes back resolves to this site in a browser's URL parser.
    for (const b of ['/%09/evil.example', '/./evil.example', '/..//evil.example', '/%2F%2Fevil.example']) {
      const out = safeNextPath(b);
      expect(new URL(out, 'http://thidua.local').host, b).toBe('thidua.local');
    }
  });

  it('takes the address from the server\'s stamp; a forged X-Forwarded-For changes nothing', () => {
    expect(clientAddress(stamped('10.1.2.3', 'http', { 'x-forwarded-for': '1.1.1.1' }))).toBe('10.1.2.3');
    expect(clientAddress(req({ 'x-forwarded-for': '10.1.2.3' }))).toBeNull();
    expect(clientAddress(req({}))).toBeNull();
  });

  it('cuts a body off at the cap while it streams, without reading the rest', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(4096);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const chunked = new Request('http://thidua.local/api/auth/login', { method: 'POST', body: endless, duplex: 'half' } as RequestInit);
    await expect(readBodyCapped(chunked, AUTH_POLICY.maxLoginBodyBytes)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(pulled).toBeLessThan(1024 * 1024);
    expect(pulled).toBeLessThanOrEqual(AUTH_POLICY.maxLoginBodyBytes + 3 * chunk.byteLength);
    const declared = req({ 'content-length': String(10 * 1024 * 1024) });
    await expect(readBodyCapped(declared, AUTH_POLICY.maxLoginBodyBytes)).rejects.toBeInstanceOf(BodyTooLargeError);
    const small = new Request('http://thidua.local/x', { method: 'POST', body: 'username=a&password=b' });
    expect((await readBodyCapped(small, AUTH_POLICY.maxLoginBodyBytes)).toString()).toBe('username=a&password=b');
    expect(AUTH_POLICY.maxLoginBodyBytes).toBe(16 * 1024);
  });

  it('orders roles admin ⊃ office ⊃ viewer', () => {
    expect(roleAllows('admin', 'office')).toBe(true);
    expect(roleAllows('office', 'office')).toBe(true);
    expect(roleAllows('viewer', 'office')).toBe(false);
    expect(roleAllows('office', 'admin')).toBe(false);
    expect(roleAllows('viewer', 'viewer')).toBe(true);
  });
});
