import Link from 'next/link';
import { headers } from 'next/headers';
import { LinkPending } from '@/app/_components/link-pending';
import { requireUser } from '@/lib/auth/dal';
import { accountsWithDemoPassword } from '@/lib/auth/demo-accounts';
import { roleAllows } from '@/lib/auth/policy';
import { getDb } from '@/lib/db/client';
import { ROLE_LABELS, PRODUCT_NAME, type Role } from '@/lib/domain';
import { shownUsername } from '@/lib/serve/shared-render';
import { blocMenu, type Option } from '@/lib/queries/options';
import { api, NAV_AFTER_BLOCS, NAV_BEFORE_BLOCS, routes, type NavLink } from '@/lib/routes';

const linkCls =
  'rounded-tremor-small px-2.5 py-1.5 text-sm text-tremor-content-emphasis hover:bg-tremor-background-subtle focus:outline-none focus:ring-2 focus:ring-tremor-brand';

/** The menu links the user's role may see. */
function NavLinks({ links, role }: { links: readonly NavLink[]; role: Role }) {
  return links
    .filter((l) => roleAllows(role, l.minRole))
    .map((l) => (
      <Link key={l.href} href={l.href} className={linkCls}>
        {l.label}
        <LinkPending />
      </Link>
    ));
}

/** The app shell: navigation, the signed-in user, logout. Every page below also checks the session itself. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // The password page itself must render for an account that has to change its password;
  // every other page redirects there through its own requireUser().
  const user = await requireUser('viewer', { passwordChangePage: true });
  // A page the cache renders once for the whole role shows a placeholder the cache fills per reader.
  const username = shownUsername(await headers(), user.username);
  let demoAccounts: string[] = [];
  if (user.role === 'admin') {
    demoAccounts = await accountsWithDemoPassword(await getDb()).catch((err: unknown) => {
      console.error('[layout] demo password check unavailable', err);
      return [];
    });
  }
  let blocs: Option[] = [];
  try {
    blocs = await blocMenu(await getDb());
  } catch (err) {
    console.error('[layout] bloc menu unavailable', err);
  }
  return (
    <>
      <a href="#noi-dung" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Bỏ qua điều hướng
      </a>
      <header className="no-print border-b border-tremor-border bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-3 py-2 sm:px-6">
          <Link href={routes.overview} className="mr-2 font-semibold text-tremor-content-strong">
            {PRODUCT_NAME}
            <LinkPending />
          </Link>
          <nav aria-label="Điều hướng chính" className="order-last flex w-full flex-wrap items-center gap-1 text-sm sm:order-none sm:w-auto sm:flex-1 sm:text-base">
            <NavLinks links={NAV_BEFORE_BLOCS} role={user.role} />
            <details className="relative">
              <summary className={`${linkCls} cursor-pointer list-none`}>Khối thi đua ▾</summary>
              <ul className="absolute left-0 z-20 mt-1 max-h-96 w-72 overflow-auto rounded-tremor-default border border-tremor-border bg-white p-1 shadow-tremor-dropdown">
                {blocs.length === 0 && <li className="px-3 py-2 text-sm text-tremor-content">Chưa có khối thi đua</li>}
                {blocs.map((b) => (
                  <li key={b.id}>
                    <Link href={routes.bloc(b.id)} className="block rounded px-3 py-1.5 text-sm hover:bg-tremor-background-subtle focus:bg-tremor-background-subtle focus:outline-none">
                      {b.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </details>
            <NavLinks links={NAV_AFTER_BLOCS} role={user.role} />
          </nav>
          <div className="flex items-center gap-2 text-sm">
            <Link href={routes.password} className="text-tremor-content hover:underline" title={`${ROLE_LABELS[user.role]} — đổi mật khẩu`} data-testid="current-user">
              {username}
            </Link>
            <form action={api.logout} method="post">
              <button type="submit" className="rounded-tremor-small border border-tremor-border px-2.5 py-1 hover:bg-tremor-background-subtle focus:outline-none focus:ring-2 focus:ring-tremor-brand">
                Đăng xuất
              </button>
            </form>
          </div>
        </div>
      </header>
      {demoAccounts.length > 0 && (
        <div role="alert" className="no-print border-b border-red-300 bg-red-50 px-3 py-2 text-center text-sm text-red-900 sm:px-6" data-testid="demo-password-banner">
          Cảnh báo bảo mật: {demoAccounts.length === 1 ? 'tài khoản' : 'các tài khoản'} <strong>{demoAccounts.join(', ')}</strong> vẫn dùng mật khẩu demo đã công bố.
          Hãy đặt lại mật khẩu hoặc khóa {demoAccounts.length === 1 ? 'tài khoản này' : 'các tài khoản này'} tại{' '}
          <Link href={routes.users} className="underline">
            trang Người dùng
          </Link>
          .
        </div>
      )}
      <main id="noi-dung" className="mx-auto max-w-7xl px-3 py-4 sm:px-6 sm:py-6">
        {children}
      </main>
    </>
  );
}
