import { afterAll, describe, expect, inject, it } from 'vitest';
import { closeBrowser, login, newPage } from './browser';
import { DEMO_PASSWORD } from './global-setup';

/**
 * Accounts and the guard, through the running server: login cookies, generic failure message,
 * logout revocation, the viewer kept out of the upload pages, and refused writes that write nothing.
 */
const base = () => inject('baseUrl');

async function loginCookie(username: string, password = DEMO_PASSWORD, headers: Record<string, string> = {}): Promise<{ res: Response; cookie: string | null }> {
  const res = await fetch(`${base()}/api/auth/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base(), ...headers },
    body: new URLSearchParams({ username, password }).toString(),
  });
  const set = res.headers.get('set-cookie');
  const m = set ? /thidua_session=([^;]+)/.exec(set) : null;
  return { res, cookie: m && m[1] ? `thidua_session=${m[1]}` : null };
}

async function batchCount(adminCookie: string): Promise<number> {
  let total = 0;
  for (let page = 1; page < 50; page++) {
    const html = await (await fetch(`${base()}/tai-len/lich-su?trang=${page}`, { headers: { Cookie: adminCookie } })).text();
    const n = (html.match(/data-batch-id="/g) ?? []).length;
    total += n;
    if (n < 50) break;
  }
  return total;
}

describe('auth: sessions and access through the server', () => {
  afterAll(closeBrowser);

  it('sets an httpOnly, SameSite=Lax session cookie (Secure only over HTTPS) and redirects home', async () => {
    const { res, cookie } = await loginCookie('vanphong');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(cookie).toMatch(/^thidua_session=[\w-]{43}$/);
    const flags = res.headers.get('set-cookie')!;
    expect(flags).toMatch(/HttpOnly/i);
    expect(flags).toMatch(/SameSite=lax/i);
    expect(flags).not.toMatch(/Secure/i);
    const https = await loginCookie('vanphong', DEMO_PASSWORD, { 'X-Forwarded-Proto': 'https' });
    expect(https.res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });

  it('answers a wrong password and an unknown account with the same message', async () => {
    const wrong = await loginCookie('vanphong', 'sai-mat-khau');
    const unknown = await loginCookie('khongtontai', 'sai-mat-khau');
    expect(wrong.cookie).toBeNull();
    expect(wrong.res.headers.get('location')).toBe('/dang-nhap?loi=sai');
    expect(unknown.res.headers.get('location')).toBe(wrong.res.headers.get('location'));
    const html = await (await fetch(`${base()}/dang-nhap?loi=sai`)).text();
    expect(html).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  it('locks an account name after 5 failures in 15 minutes', async () => {
    for (let i = 0; i < 5; i++) await loginCookie('thu-khoa', `sai${i}`);
    const sixth = await loginCookie('thu-khoa', 'sai');
    expect(sixth.res.headers.get('location')).toMatch(/^\/dang-nhap\?loi=khoa&phut=1[45]$/);
  });

  it('refuses a login posted from another site', async () => {
    const { res, cookie } = await loginCookie('vanphong', DEMO_PASSWORD, { Origin: 'http://evil.example' });
    expect(cookie).toBeNull();
    expect(res.headers.get('location')).toBe('/dang-nhap?loi=nguon');
  });

  it('sends a browser without a session to the login page and back after login', async () => {
    const res = await fetch(`${base()}/tai-len/lich-su`, { redirect: 'manual' });
    expect([307, 308]).toContain(res.status);
    expect(new URL(res.headers.get('location')!, base()).pathname + new URL(res.headers.get('location')!, base()).search).toBe('/dang-nhap?next=%2Ftai-len%2Flich-su');
    const page = await newPage();
    await page.goto('/tai-len/lich-su');
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    await page.fill('input[name="username"]', 'vanphong');
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/tai-len/lich-su'), page.press('input[name="password"]', 'Enter')]);
    await page.screenshot({ path: '/tmp/h5-lich-su.png', fullPage: true });
    await page.context().close();
  });

  it('gives the viewer no upload page and no upload link', async () => {
    const page = await newPage();
    await login(page, 'viewer');
    expect(await page.locator('a[href="/tai-len"]').count()).toBe(0);
    for (const path of ['/tai-len', '/tai-len/lich-su', '/tai-len/don-vi', '/tai-len/lo/1/hoan-tac']) {
      await page.goto(path);
      // The redirect may come inside the streamed page (client-side), so wait for it.
      await page.waitForURL((u) => u.pathname === '/dang-nhap/khong-du-quyen', { timeout: 20_000 });
      await expect(page.locator('h1').textContent()).resolves.toBe('Bạn không có quyền mở trang này');
    }
    await page.screenshot({ path: '/tmp/h5-403.png', fullPage: true });
    await page.context().close();
  });

  it('refuses uploads without a session (401) or with a viewer session (403) and writes nothing', async () => {
    const admin = (await loginCookie('quantri')).cookie!;
    const viewer = (await loginCookie('lanhdao')).cookie!;
    const before = await batchCount(admin);
    expect(before).toBeGreaterThan(0);
    const body = Buffer.from('Ngày;Đơn vị;Hình thức;Nội dung;Số người tham gia\n01/01/2024;Văn phòng Sở;Hội nghị;X;1\n');
    const headers = { 'Content-Type': 'application/octet-stream', 'X-File-Name': 'x.csv', 'X-Content-Sha256': '0'.repeat(64), Origin: base() };

    const anon = await fetch(`${base()}/api/upload`, { method: 'POST', headers, body });
    expect(anon.status).toBe(401);
    expect((await anon.json()).error).toMatch(/đăng nhập/);
    const asViewer = await fetch(`${base()}/api/upload`, { method: 'POST', headers: { ...headers, Cookie: viewer }, body });
    expect(asViewer.status).toBe(403);
    expect((await asViewer.json()).error).toMatch(/không có quyền/);
    for (const path of ['/api/upload/abcdefghijklmnop/confirm', '/api/upload/batches/1/undo']) {
      expect((await fetch(`${base()}${path}`, { method: 'POST', headers: { Cookie: viewer, Origin: base() } })).status, path).toBe(403);
      expect((await fetch(`${base()}${path}`, { method: 'POST', redirect: 'manual', headers: { Origin: base() } })).status, path).toBe(401);
    }
    // An office session from another site is refused too (CSRF).
    const office = (await loginCookie('vanphong')).cookie!;
    const crossSite = await fetch(`${base()}/api/upload`, { method: 'POST', headers: { ...headers, Cookie: office, Origin: 'http://evil.example' }, body });
    expect(crossSite.status).toBe(403);
    expect(await batchCount(admin)).toBe(before);
  });

  it('revokes the session on logout', async () => {
    const { cookie } = await loginCookie('vanphong');
    expect((await fetch(`${base()}/api/upload/abcdefghijklmnop`, { headers: { Cookie: cookie! } })).status).toBe(404);
    const out = await fetch(`${base()}/api/auth/logout`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie!, Origin: base() } });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/dang-nhap?da=thoat');
    expect(out.headers.get('set-cookie')).toMatch(/thidua_session=;/);
    // The old token no longer works even if a copy of the cookie survives.
    expect((await fetch(`${base()}/api/upload/abcdefghijklmnop`, { headers: { Cookie: cookie! } })).status).toBe(401);
  });
});
