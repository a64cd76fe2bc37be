import type { Metadata } from 'next';
import { PRODUCT_NAME } from '@/lib/domain';
import { redirect } from 'next/navigation';
import { getSessionUser } from '@/lib/auth/dal';
import { LOGIN_MESSAGES } from '@/lib/auth/login';
import { safeNextPath } from '@/lib/auth/request';
import { api, firstValue, type SearchParams } from '@/lib/routes';

export const metadata: Metadata = { title: 'Đăng nhập' };
export const dynamic = 'force-dynamic';

function errorText(code: string | undefined, minutes: string | undefined): string | null {
  switch (code) {
    case 'sai':
      return LOGIN_MESSAGES.invalid;
    case 'thieu':
      return LOGIN_MESSAGES.missing;
    case 'khoa':
      return LOGIN_MESSAGES.limited(Math.max(1, Math.min(60, Number(minutes) || 15)));
    case 'ban':
      return LOGIN_MESSAGES.busy;
    case 'nguon':
      return 'Yêu cầu đăng nhập không xuất phát từ trang này. Vui lòng thử lại.';
    default:
      return null;
  }
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const next = safeNextPath(firstValue(sp.next));
  if (await getSessionUser()) redirect(next);
  const error = errorText(firstValue(sp.loi), firstValue(sp.phut));
  const done = firstValue(sp.da);
  const notice = done === 'thoat' ? 'Bạn đã đăng xuất.' : done === 'doi-mat-khau' ? 'Đã đổi mật khẩu. Vui lòng đăng nhập lại bằng mật khẩu mới.' : null;

  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-tremor-default bg-white p-8 shadow-tremor-card ring-1 ring-tremor-ring">
        <h1 className="text-xl font-semibold text-tremor-content-strong">{PRODUCT_NAME}</h1>
        <p className="mt-1 text-sm text-tremor-content">Đăng nhập để xem kết quả thi đua và tải dữ liệu lên.</p>
        {error && (
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
            {error}
          </p>
        )}
        {notice && !error && (
          <p role="status" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
            {notice}
          </p>
        )}
        <form method="post" action={api.login} className="mt-6 space-y-4">
          <input type="hidden" name="next" value={next} />
          <div>
            <label htmlFor="username" className="block text-sm font-medium text-tremor-content-strong">
              Tên đăng nhập
            </label>
            <input
              id="username"
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              className="mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500"
            />
          </div>
          <div>
            <label htmlFor="password" className="block text-sm font-medium text-tremor-content-strong">
              Mật khẩu
            </label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              className="mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500"
            />
          </div>
          <button
            type="submit"
            className="w-full rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white hover:bg-blue-700 focus:outline-none focus:ring-2 focus:ring-blue-500 focus:ring-offset-2"
          >
            Đăng nhập
          </button>
        </form>
        <p className="mt-6 text-xs text-tremor-content">
          Quên mật khẩu hoặc tài khoản bị khóa? Liên hệ quản trị viên của Sở.
        </p>
      </div>
    </main>
  );
}
