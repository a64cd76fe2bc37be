import { describe, expect, it } from 'vitest';
import { cookieValue, isCacheableRequest, pageKey, splitAt } from '@/lib/serve/page-cache';
import { PageStore, type Render, type RenderedPage } from '@/lib/serve/page-store';
import type { SessionUser } from '@/lib/auth/types';

function page(text: string, status = 200): RenderedPage {
  return { status, headers: {}, parts: [Buffer.from(text)], nonce: null, bytes: text.length };
}

function counting(text: string, keep = true) {
  let renders = 0;
  const render = async (): Promise<Render> => {
    renders += 1;
    await new Promise((r) => setTimeout(r, 5));
    return { page: page(`${text} #${renders}`), keep };
  };
  return { render, count: () => renders };
}

const body = (p: RenderedPage) => Buffer.concat(p.parts).toString();

describe('page store: rendered pages reused while the data stands', () => {
  it('renders once per key and version, shared by readers asking at once', async () => {
    const store = new PageStore(1 << 20);
    const r = counting('tổng quan');
    const first = await Promise.all([1, 2, 3].map(() => store.get(1, 'k', r.render)));
    expect(r.count()).toBe(1);
    expect(first.map((x) => body(x.page))).toEqual(['tổng quan #1', 'tổng quan #1', 'tổng quan #1']);
    expect((await store.get(1, 'k', r.render)).reused).toBe(true);
    expect(r.count()).toBe(1);
  });

  it('never serves a page after the data version moves on', async () => {
    const store = new PageStore(1 << 20);
    const r = counting('trang');
    await store.get(1, 'k', r.render);
    const after = await store.get(2, 'k', r.render);
    expect(after.reused).toBe(false);
    expect(body(after.page)).toBe('trang #2');
    expect(store.stats()).toMatchObject({ version: 2, pages: 1 });
  });

  it('does not keep a render that began before a write and ended after it', async () => {
    const store = new PageStore(1 << 20);
    let release!: () => void;
    const slow = () => new Promise<Render>((resolve) => (release = () => resolve({ page: page('cũ'), keep: true })));
    const pending = store.get(1, 'k', slow);
    const fresh = counting('mới');
    await store.get(2, 'other', fresh.render); // a write happened: version 2
    release();
    await pending;
    expect(store.stats().pages).toBe(1);
    const again = await store.get(2, 'k', fresh.render);
    expect(body(again.page)).toBe('mới #2');
  });

  it('keeps nothing that must not be reused (errors, redirects, cookies)', async () => {
    const store = new PageStore(1 << 20);
    const r = counting('lỗi', false);
    await store.get(1, 'k', r.render);
    await store.get(1, 'k', r.render);
    expect(r.count()).toBe(2);
    expect(store.stats().pages).toBe(0);
  });

  it('stays within its bytes (least recently used first) and its age', async () => {
    let now = 0;
    const store = new PageStore(100, 1000, () => now);
    const r = counting('x'.repeat(20));
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f']) await store.get(1, k, r.render);
    expect(store.stats().bytes).toBeLessThanOrEqual(100);
    expect((await store.get(1, 'a', r.render)).reused).toBe(false);
    expect((await store.get(1, 'f', r.render)).reused).toBe(true);
    now = 2000;
    expect((await store.get(1, 'f', r.render)).reused).toBe(false);
  });
});

describe('page cache: which requests, which key', () => {
  const user: SessionUser = { userId: 7, username: 'lanhdao', displayName: null, role: 'viewer', mustChangePassword: false };
  const req = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({ url, method, headers });

  it('takes only reads of the dashboard pages', () => {
    for (const url of ['/', '/?period=2024', '/hoat-dong?page=2', '/khen-thuong', '/khoi/3?period=2024-H1', '/don-vi/17', '/danh-gia?bloc=2', '/chat-luong-du-lieu']) {
      expect(isCacheableRequest(req(url)), url).toBe(true);
    }
    for (const url of ['/tai-len', '/tai-len/lich-su', '/quan-tri/nguoi-dung', '/dang-nhap', '/api/export/activities', '/khoi/abc', '/hoat-dong/', '/tai-khoan/mat-khau']) {
      expect(isCacheableRequest(req(url)), url).toBe(false);
    }
    expect(isCacheableRequest(req('/', {}, 'POST'))).toBe(false);
    expect(isCacheableRequest(req('/', { 'next-action': 'abc' }))).toBe(false);
  });

  it('keys on the user, the role, HTTPS, the day, the URL and the headers Next varies on', () => {
    const base = pageKey(req('/?period=2024'), user, false, '2026-12-2');
    expect(pageKey(req('/?period=2024'), user, false, '2026-12-2')).toBe(base);
    const others = [
      pageKey(req('/?period=2024'), { ...user, userId: 8 }, false, '2026-12-2'),
      pageKey(req('/?period=2024'), { ...user, role: 'admin' }, false, '2026-12-2'),
      pageKey(req('/?period=2024'), user, true, '2026-12-2'),
      pageKey(req('/?period=2024'), user, false, '2026-12-3'),
      pageKey(req('/?period=2023'), user, false, '2026-12-2'),
      pageKey(req('/?period=2024', { rsc: '1' }), user, false, '2026-12-2'),
      pageKey(req('/?period=2024', { 'next-router-state-tree': '%5B%5D' }), user, false, '2026-12-2'),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('reads the session cookie and cuts a page at its nonce', () => {
    expect(cookieValue('a=1; thidua_session=abc%3D; b=2', 'thidua_session')).toBe('abc=');
    expect(cookieValue('xthidua_session=1', 'thidua_session')).toBeNull();
    expect(cookieValue(undefined, 'thidua_session')).toBeNull();
    const parts = splitAt(Buffer.from('<script nonce="N1">a</script><b nonce="N1">'), Buffer.from('N1'));
    expect(parts.map(String)).toEqual(['<script nonce="', '">a</script><b nonce="', '">']);
    expect(splitAt(Buffer.from('none here'), Buffer.from('N1')).map(String)).toEqual(['none here']);
  });
});
