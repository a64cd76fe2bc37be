import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { ROLES, ROLE_LABELS, type Role } from '@/lib/domain';
import { recordAudit } from '@/lib/audit';
import { verifyPassword } from './password';
import { AUTH_POLICY } from './policy';
import type { SessionUser } from './types';
import { AccountError, activeAdminCount, createUser, findUser, normaliseUsername, passwordProblem, setDisabled, setPassword, setRole, usernameProblem } from './users';

/**
 * Account management on the web (admins) and the password change every user makes. Each
 * function takes the acting user, validates its input with zod (field errors for the form),
 * writes through the server's own connection and leaves a line in the audit log.
 */

export type FormState = { ok?: string; error?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> } | null;

const usernameField = z.string().refine((v) => usernameProblem(v) === null, { message: usernameProblem('') ?? '' });
const passwordField = z.string().superRefine((v, ctx) => {
  const problem = passwordProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const roleField = z.enum(ROLES, { message: `Hãy chọn vai trò: ${ROLES.map((r) => ROLE_LABELS[r]).join(', ')}.` });

const CreateAccountInput = z.object({
  username: usernameField,
  displayName: z.string().trim().max(100, 'Họ tên tối đa 100 ký tự.').optional(),
  role: roleField,
  password: passwordField,
});
const RoleInput = z.object({ username: z.string().min(1), role: roleField });
const TargetInput = z.object({ username: z.string().min(1) });
const ResetInput = z.object({ username: z.string().min(1), password: passwordField });
const OwnPasswordInput = z
  .object({ current: z.string().min(1, 'Hãy nhập mật khẩu hiện tại.'), password: passwordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'Hai lần nhập mật khẩu mới không giống nhau.' })
  .refine((v) => v.password !== v.current, { path: ['password'], message: 'Mật khẩu mới phải khác mật khẩu hiện tại.' });

/** FormData → plain object of its string fields. */
export function formFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Field errors, and the fields typed (never a password) so the form can show them again. */
function invalid(error: z.ZodError, fields: Record<string, string> = {}): FormState {
  const values = Object.fromEntries(Object.entries(fields).filter(([k]) => !/password|current|confirm/i.test(k)));
  return { error: 'Vui lòng sửa các ô được nêu dưới đây.', fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]>, values };
}

async function guarded(values: Record<string, string> | undefined, fn: () => Promise<FormState>): Promise<FormState> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AccountError) return values ? { error: err.message, values } : { error: err.message };
    throw err;
  }
}

/** Admin: a new account; its owner must choose a new password at the first login. */
export async function createAccount(db: Db, actor: SessionUser, fields: Record<string, string>): Promise<FormState> {
  const parsed = CreateAccountInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  const { username, displayName, role, password } = parsed.data;
  const keep = { username, displayName: displayName ?? '', role };
  return guarded(keep, async () => {
    const u = await createUser(db, { username, password, role, displayName: displayName || null, mustChangePassword: true });
    await recordAudit(db, actor, 'user.create', { target: u.username, details: { role } });
    return { ok: `Đã tạo tài khoản ${u.username} (${ROLE_LABELS[role]}). Người dùng đăng nhập bằng mật khẩu ban đầu và phải đổi mật khẩu ngay.` };
  });
}

/** The last enabled admin cannot lose the role or be disabled: someone must be able to manage accounts. */
async function assertNotLastAdmin(db: Db, username: string): Promise<void> {
  const target = await findUser(db, username);
  if (target?.role === 'admin' && !target.disabled && (await activeAdminCount(db)) <= 1) {
    throw new AccountError(`${target.username} là tài khoản quản trị duy nhất đang hoạt động; hãy tạo hoặc mở khóa một tài khoản quản trị khác trước.`);
  }
}

export async function changeRole(db: Db, actor: SessionUser, fields: Record<string, string>): Promise<FormState> {
  const parsed = RoleInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error);
  const { username, role } = parsed.data;
  return guarded(undefined, async () => {
    if (role !== 'admin') await assertNotLastAdmin(db, username);
    await setRole(db, username, role as Role);
    await recordAudit(db, actor, 'user.role', { target: normaliseUsername(username), details: { role } });
    return { ok: `Đã đổi vai trò của ${normaliseUsername(username)} thành «${ROLE_LABELS[role]}».` };
  });
}

export async function setAccountDisabled(db: Db, actor: SessionUser, fields: Record<string, string>, disabled: boolean): Promise<FormState> {
  const parsed = TargetInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error);
  const username = normaliseUsername(parsed.data.username);
  return guarded(undefined, async () => {
    if (disabled && username === actor.username) throw new AccountError('Bạn không thể tự khóa tài khoản của mình.');
    if (disabled) await assertNotLastAdmin(db, username);
    await setDisabled(db, username, disabled);
    await recordAudit(db, actor, disabled ? 'user.disable' : 'user.enable', { target: username });
    return { ok: disabled ? `Đã khóa tài khoản ${username} và kết thúc mọi phiên đăng nhập của tài khoản.` : `Đã mở khóa tài khoản ${username}.` };
  });
}

/** Admin: a temporary password the owner must replace at the next login; the account's sessions end. */
export async function resetPassword(db: Db, actor: SessionUser, fields: Record<string, string>): Promise<FormState> {
  const parsed = ResetInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error);
  const username = normaliseUsername(parsed.data.username);
  return guarded(undefined, async () => {
    await setPassword(db, username, parsed.data.password, undefined, username !== actor.username);
    await recordAudit(db, actor, 'user.reset-password', { target: username });
    return { ok: `Đã đặt lại mật khẩu của ${username}. Báo mật khẩu tạm cho người dùng; họ phải đổi mật khẩu khi đăng nhập.` };
  });
}

/** Every user: a new password, after giving the current one. Ends all sessions of the account. */
export async function changeOwnPassword(db: Db, actor: SessionUser, fields: Record<string, string>): Promise<FormState> {
  const parsed = OwnPasswordInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error);
  const user = await findUser(db, actor.username);
  if (!user || !(await verifyPassword(parsed.data.current.slice(0, 256), user.password_hash))) {
    return { error: 'Vui lòng sửa các ô được nêu dưới đây.', fieldErrors: { current: ['Mật khẩu hiện tại không đúng.'] } };
  }
  return guarded(undefined, async () => {
    await setPassword(db, actor.username, parsed.data.password);
    await recordAudit(db, actor, 'user.change-password', { target: actor.username });
    return { ok: 'Đã đổi mật khẩu. Vui lòng đăng nhập lại bằng mật khẩu mới.' };
  });
}

export const MIN_PASSWORD_LENGTH = AUTH_POLICY.minPasswordLength;
