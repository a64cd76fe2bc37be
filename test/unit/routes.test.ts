import { describe, expect, it } from 'vitest';
import { api, NAV_AFTER_BLOCS, NAV_BEFORE_BLOCS, routes, toSearch, UPLOAD_TABS, withQuery } from '@/lib/routes';
import { sourceFiles } from './source-tree';

/**
 * lib/routes.ts names every page and route handler; this checks it against the folders under
 * app/ both ways, so a page cannot be renamed, added or removed without the module (and every
 * link built from it) following.
 */

/** A folder path under app/ → the URL path it serves: route groups `(app)` add no segment. */
function urlOf(file: string, fileName: string): string {
  const segments = file.split('/').slice(1, -1).filter((s) => !/^\(.*\)$/.test(s));
  expect(file.endsWith(`/${fileName}`)).toBe(true);
  return `/${segments.join('/')}`;
}

/** `[id]`, `[dataset]`… → `[]`, so a builder's argument name does not matter. */
const anyParam = (p: string) => p.replace(/\[[^\]]+\]/g, '[]');

/** The paths a table of routes names: strings as they are, builders called with a placeholder. */
function pathsOf(table: Record<string, string | ((id: string) => string)>): string[] {
  return Object.values(table).map((v) => anyParam(typeof v === 'function' ? v('[]') : v));
}

const sorted = (xs: string[]) => [...new Set(xs)].sort();

describe('routes', () => {
  it('names every page under app/, and only those', () => {
    const pages = sourceFiles(['app'], /^page\.tsx$/).map((f) => anyParam(urlOf(f, 'page.tsx')));
    expect(pages.length).toBeGreaterThan(10);
    expect(sorted(pathsOf(routes))).toEqual(sorted(pages));
  });

  it('names every route handler under app/api/, and only those', () => {
    const handlers = sourceFiles(['app/api'], /^route\.ts$/).map((f) => anyParam(urlOf(f, 'route.ts')));
    expect(sorted(pathsOf(api))).toEqual(sorted(handlers));
  });

  it('links the menus to pages only', () => {
    const pages = new Set(pathsOf(routes));
    for (const link of [...NAV_BEFORE_BLOCS, ...NAV_AFTER_BLOCS, ...UPLOAD_TABS]) expect(pages).toContain(link.href);
  });

  it('shows the upload pages to office staff and the admin pages to admins only', () => {
    const roleOf = (href: string) => [...NAV_BEFORE_BLOCS, ...NAV_AFTER_BLOCS].find((l) => l.href === href)?.minRole;
    expect(roleOf(routes.upload)).toBe('office');
    expect([routes.backups, routes.users, routes.audit].map(roleOf)).toEqual(['admin', 'admin', 'admin']);
    expect(roleOf(routes.overview)).toBe('viewer');
  });

  it('builds query strings in the given order, leaving out empty values', () => {
    expect(toSearch({})).toBe('');
    expect(withQuery(routes.bloc(4), { period: '2022-H1', unit: null, q: '', page: 2 })).toBe('/khoi/4?period=2022-H1&page=2');
    expect(withQuery(routes.login, { next: '/tai-len?x=1' })).toBe('/dang-nhap?next=%2Ftai-len%3Fx%3D1');
  });
});
