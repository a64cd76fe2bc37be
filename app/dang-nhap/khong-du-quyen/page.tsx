import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getSessionUser } from '@/lib/auth/dal';
import { ROLE_LABELS } from '@/lib/domain';
import { api, routes } from '@/lib/routes';

export const metadata: Metadata = { title: 'Không đủ quyền' };
export const dynamic = 'force-dynamic';

/** Where requireUser sends a signed-in user whose role is too low for the page asked for. */
export default async function ForbiddenPage() {
  const user = await getSessionUser();
  if (!user) redirect(routes.login);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-tremor-default bg-white p-8 shadow-tremor-card ring-1 ring-tremor-ring">
        <p className="text-sm font-medium text-red-700">Lỗi 403 — Không đủ quyền</p>
        <h1 className="mt-2 text-xl font-semibold text-tremor-content-strong">Bạn không có quyền mở trang này</h1>
        <p className="mt-2 text-sm text-tremor-content">
          Tài khoản <strong>{user.username}</strong> có vai trò «{ROLE_LABELS[user.role]}». Trang bạn vừa mở dành cho
          Văn phòng hoặc Quản trị. Nếu bạn cần quyền này, hãy liên hệ quản trị viên.
        </p>
        <div className="mt-6 flex gap-3">
          <Link href={routes.overview} className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white hover:bg-blue-700">
            Về trang tổng quan
          </Link>
          <form method="post" action={api.logout}>
            <button type="submit" className="rounded-md px-4 py-2 text-sm font-medium text-tremor-content ring-1 ring-tremor-ring hover:bg-gray-50">
              Đăng nhập tài khoản khác
            </button>
          </form>
        </div>
      </div>
    </main>
  );
}
