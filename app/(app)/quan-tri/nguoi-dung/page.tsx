import type { Metadata } from 'next';
import { ActionForm, FieldError, KeptInput, KeptSelect } from '@/app/_components/action-form';
import { PageTitle, Section } from '@/app/_components/section';
import { requireUser } from '@/lib/auth/dal';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/accounts';
import { fromDbTimestamp } from '@/lib/auth/policy';
import { listUsers } from '@/lib/auth/users';
import { getDb } from '@/lib/db/client';
import { ROLES, ROLE_LABELS } from '@/lib/domain';
import { formatDateTime } from '@/lib/format';
import { AdminTable, PRIMARY_BUTTON } from '../_components/admin-ui';
import { changeRoleAction, createAccountAction, resetPasswordAction, toggleDisabledAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Người dùng' };

const input = 'rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500';
const subtle = 'rounded-tremor-small border border-tremor-border px-2.5 py-1 text-sm hover:bg-tremor-background-subtle focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand';

/** Admins manage accounts while the server runs: create, change role, lock/unlock, reset password. */
export default async function UsersPage() {
  const me = await requireUser('admin');
  const users = await listUsers(await getDb());
  return (
    <>
      <PageTitle title="Người dùng" subtitle="Tạo tài khoản, đổi vai trò, khóa hoặc mở khóa, đặt lại mật khẩu. Thay đổi có hiệu lực ngay, không cần dừng máy chủ." />
      <div className="mt-4 space-y-4">
        <Section title="Tạo tài khoản" subtitle={`Mật khẩu ban đầu ít nhất ${MIN_PASSWORD_LENGTH} ký tự; người dùng phải đổi mật khẩu ở lần đăng nhập đầu tiên.`}>
          <ActionForm action={createAccountAction} className="flex flex-wrap items-start gap-3" testId="create-user">
            <label className="text-sm">
              Tên đăng nhập
              <KeptInput name="username" required autoComplete="off" spellCheck={false} className={`mt-1 block w-44 ${input}`} />
              <FieldError name="username" />
            </label>
            <label className="text-sm">
              Họ tên
              <KeptInput name="displayName" autoComplete="off" className={`mt-1 block w-56 ${input}`} />
              <FieldError name="displayName" />
            </label>
            <label className="text-sm">
              Vai trò
              <KeptSelect name="role" defaultValue="viewer" className={`mt-1 block ${input}`}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </KeptSelect>
              <FieldError name="role" />
            </label>
            <label className="text-sm">
              Mật khẩu ban đầu
              <input name="password" type="password" required autoComplete="new-password" className={`mt-1 block w-44 ${input}`} />
              <FieldError name="password" />
            </label>
            <button type="submit" className={`${PRIMARY_BUTTON} mt-6`}>
              Tạo tài khoản
            </button>
          </ActionForm>
        </Section>
        <Section title="Các tài khoản" subtitle={`${users.length} tài khoản`}>
          <AdminTable testId="users" minWidth="min-w-[56rem]" headers={['Tài khoản', 'Vai trò', 'Trạng thái', 'Đặt lại mật khẩu', 'Tạo lúc']}>
            {users.map((u) => (
              <tr key={u.user_id} className="border-b border-tremor-border/60 align-top" data-username={u.username}>
                <td className="py-2 pr-3">
                  <span className="font-medium">{u.username}</span>
                  {u.display_name && <span className="block text-xs text-tremor-content">{u.display_name}</span>}
                  {u.must_change_password && <span className="block text-xs text-amber-700">chưa đổi mật khẩu ban đầu</span>}
                </td>
                <AccountForm action={changeRoleAction} username={u.username}>
                  <select name="role" defaultValue={u.role} aria-label={`Vai trò của ${u.username}`} className={input}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className={subtle}>
                    Đổi
                  </button>
                </AccountForm>
                <AccountForm action={toggleDisabledAction} username={u.username}>
                  <input type="hidden" name="disable" value={u.disabled ? '0' : '1'} />
                  <span className={u.disabled ? 'text-red-700' : 'text-emerald-700'}>{u.disabled ? 'Đã khóa' : 'Hoạt động'}</span>
                  {u.username !== me.username && (
                    <button type="submit" className={subtle}>
                      {u.disabled ? 'Mở khóa' : 'Khóa'}
                    </button>
                  )}
                </AccountForm>
                <AccountForm action={resetPasswordAction} username={u.username} alignTop>
                  <div>
                    <input name="password" type="password" required autoComplete="new-password" placeholder="Mật khẩu tạm" aria-label={`Mật khẩu tạm cho ${u.username}`} className={`w-40 ${input}`} />
                    <FieldError name="password" />
                  </div>
                  <button type="submit" className={subtle}>
                    Đặt lại
                  </button>
                </AccountForm>
                <td className="py-2 tabular-nums">{formatDateTime(fromDbTimestamp(u.created_at))}</td>
              </tr>
            ))}
          </AdminTable>
        </Section>
      </div>
    </>
  );
}

/** A cell with a form acting on one account: the action receives the username with the form's fields. */
function AccountForm(props: { action: Parameters<typeof ActionForm>[0]['action']; username: string; alignTop?: boolean; children: React.ReactNode }) {
  return (
    <td className="py-2 pr-3">
      <ActionForm action={props.action} className={`flex flex-wrap ${props.alignTop ? 'items-start' : 'items-center'} gap-2`}>
        <input type="hidden" name="username" value={props.username} />
        {props.children}
      </ActionForm>
    </td>
  );
}
