import { describe, expect, it } from 'vitest';
import { clientAddress, isHttps, isSameOrigin, safeNextPath } from '@/lib/auth/request';
import { roleAllows } from '@/lib/auth/policy';

const req = (headers: Record<string, string>, url = 'http://thidua.local/api/auth/login') => new Request(url, { method: 'POST', headers });

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

  it('knows when the browser used HTTPS', () => {
    expect(isHttps(req({}))).toBe(false);
    expect(isHttps(req({}, 'https://thidua.local/x'))).toBe(true);
    expect(isHttps(req({ 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(isHttps(req({ 'x-forwarded-proto': 'http' }, 'https://thidua.local/x'))).toBe(false);
  });

  it('returns only to local pages after login (no open redirect)', () => {
    expect(safeNextPath('/khoi/3?period=2022')).toBe('/khoi/3?period=2022');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '/dang-nhap', '/api/upload', null, 5]) {
      expect(safeNextPath(bad), String(bad)).toBe('/');
    }
  });

  it('takes the first forwarded address', () => {
    expect(clientAddress(req({ 'x-forwarded-for': '10.1.2.3, 127.0.0.1' }))).toBe('10.1.2.3');
    expect(clientAddress(req({}))).toBeNull();
  });

  it('orders roles admin ⊃ office ⊃ viewer', () => {
    expect(roleAllows('admin', 'office')).toBe(true);
    expect(roleAllows('office', 'office')).toBe(true);
    expect(roleAllows('viewer', 'office')).toBe(false);
    expect(roleAllows('office', 'admin')).toBe(false);
    expect(roleAllows('viewer', 'viewer')).toBe(true);
  });
});
