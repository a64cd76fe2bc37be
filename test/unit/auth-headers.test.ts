import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import type { NextConfig } from 'next';
import { proxy } from '@/proxy';
import { installPeerStamp, PEER_HEADER } from '@/lib/auth/peer';
import { API_CSP, COMMON_HEADERS, pageCsp } from '@/lib/security/headers';

const stamp = installPeerStamp('');
const page = (path: string, proto: 'http' | 'https', cookie?: string) =>
  new NextRequest(`http://thidua.local${path}`, { headers: { [PEER_HEADER]: `${stamp.secret};10.0.0.1;${proto}`, ...(cookie ? { cookie } : {}) } });

describe('security headers', () => {
  it('pages: CSP with a fresh nonce and no inline script without it, no framing, no plugins', () => {
    const csp = pageCsp('abc', { https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(pageCsp('abc', { https: true })).toContain('upgrade-insecure-requests');
  });

  it('the proxy sets CSP (nonce also passed to the page), nosniff, referrer policy on every page; HSTS only over HTTPS', () => {
    const a = proxy(page('/dang-nhap', 'http'));
    const b = proxy(page('/dang-nhap', 'http'));
    const csp = a.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(nonce.length).toBeGreaterThanOrEqual(20);
    expect(b.headers.get('content-security-policy')).not.toContain(nonce);
    expect(a.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('referrer-policy')).toBe('same-origin');
    expect(a.headers.get('x-frame-options')).toBe('DENY');
    expect(a.headers.get('strict-transport-security')).toBeNull();
    expect(proxy(page('/dang-nhap', 'https')).headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    // Redirects to the login page carry them too.
    const redirect = proxy(page('/tai-len', 'http'));
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe('http://thidua.local/dang-nhap?next=%2Ftai-len');
    expect(redirect.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('over HTTPS only the __Host- cookie counts as signed in', () => {
    expect(proxy(page('/', 'https', 'thidua_session=x')).status).toBe(307);
    expect(proxy(page('/', 'https', '__Host-thidua_session=x')).status).toBe(200);
    expect(proxy(page('/', 'http', 'thidua_session=x')).status).toBe(200);
  });

  it('API routes and static files get the same fixed headers from next.config.mjs', async () => {
    // A plain .mjs without types: imported by a computed path so the type checker does not ask for declarations.
    const configPath = '../../next.config.mjs';
    const nextConfig = ((await import(/* @vite-ignore */ configPath)) as { default: NextConfig }).default;
    const rules = await nextConfig.headers!();
    const api = rules.find((r) => r.source === '/api/:path*')!;
    const got = Object.fromEntries(api.headers.map((h) => [h.key, h.value]));
    expect(got).toEqual({ ...COMMON_HEADERS, 'Content-Security-Policy': API_CSP });
    const stat = rules.find((r) => r.source === '/_next/static/:path*')!;
    expect(Object.fromEntries(stat.headers.map((h) => [h.key, h.value]))).toEqual(COMMON_HEADERS);
  });
});
