import type { Metadata } from 'next';
import { ActionForm, FieldError } from '@/app/_components/action-form';
import { Notices } from '@/app/_components/notices';
import { PageTitle, Section } from '@/app/_components/section';
import { requireUser } from '@/lib/auth/dal';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/accounts';
import { routes } from '@/lib/routes';
import { changePasswordAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Đổi mật khẩu' };

const input = 'mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500';

/** Each user's own password. An account an admin created or reset lands here first. */
export default async function PasswordPage() {
  const user = await requireUser('viewer', { passwordChangePage: true });
  return (
    <>
      <PageTitle title="Đổi mật khẩu" subtitle={`Tài khoản ${user.username}. Sau khi đổi, mọi phiên đăng nhập của tài khoản kết thúc; hãy đăng nhập lại.`} />
      {user.mustChangePassword && <Notices items={['Mật khẩu của bạn do quản trị viên đặt. Hãy đổi sang mật khẩu của riêng bạn trước khi tiếp tục.']} />}
      <div className="mt-4 max-w-md">
        <Section title="Mật khẩu mới" subtitle={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự, khác mật khẩu hiện tại.`}>
          <ActionForm action={changePasswordAction} className="space-y-3" testId="change-password">
            <label className="block text-sm">
              Mật khẩu hiện tại
              <input name="current" type="password" required autoComplete="current-password" className={input} />
              <FieldError name="current" />
            </label>
            <label className="block text-sm">
              Mật khẩu mới
              <input name="password" type="password" required autoComplete="new-password" className={input} />
              <FieldError name="password" />
            </label>
            <label className="block text-sm">
              Nhập lại mật khẩu mới
              <input name="confirm" type="password" required autoComplete="new-password" className={input} />
              <FieldError name="confirm" />
            </label>
            <button type="submit" className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white hover:bg-blue-700 focus:outline-none focus:ring-2 focus:ring-blue-500">
              Đổi mật khẩu
            </button>
          </ActionForm>
          <p className="mt-3 text-sm">
            <a href={routes.login} className="text-blue-700 underline">
              Đến trang đăng nhập
            </a>
          </p>
        </Section>
      </div>
    </>
  );
}
