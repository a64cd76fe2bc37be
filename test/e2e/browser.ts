import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { DEMO_PASSWORD } from './global-setup';

/** Debian chromium through playwright-core; never a downloaded browser. */
let browser: Browser | undefined;

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DEMO_USERS = {
  viewer: 'lanhdao',
  office: 'vanphong',
  admin: 'quantri',
} as const;

export async function newPage(): Promise<Page> {
  browser ??= await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
  const context = await browser.newContext({ baseURL: inject('baseUrl'), locale: 'vi-VN', viewport: { width: 1366, height: 900 } });
  return context.newPage();
}

export async function login(page: Page, role: keyof typeof DEMO_USERS): Promise<void> {
  await page.goto('/dang-nhap');
  await page.fill('input[name="username"]', DEMO_USERS[role]);
  await page.fill('input[name="password"]', DEMO_PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap')), page.press('input[name="password"]', 'Enter')]);
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/** A session cookie of a demo account, through the login API (no browser). */
export async function sessionOf(username: string): Promise<string> {
  const base = inject('baseUrl');
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD }).toString(),
  });
  const m = /thidua_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '');
  if (!m) throw new Error(`login ${username}: HTTP ${res.status}`);
  return `thidua_session=${m[1]}`;
}
