import { z } from 'zod';
import { query, withWriteTransaction, type Db } from '@/lib/db/client';
import { ROLES, type Role } from '@/lib/domain';
import { hashPassword } from './password';
import { AUTH_POLICY, systemClock, toDbTimestamp, type Clock } from './policy';

/** Account names are compared in lower case; only plain ASCII letters, digits and . _ - */
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export function normaliseUsername(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

export function usernameProblem(name: string): string | null {
  return USERNAME_PATTERN.test(normaliseUsername(name))
    ? null
    : 'Tên đăng nhập phải dài 2–32 ký tự, chỉ gồm chữ cái không dấu, chữ số và . _ - (ví dụ: vanphong).';
}

export function passwordProblem(password: string): string | null {
  if (password.length < AUTH_POLICY.minPasswordLength) {
    return `Mật khẩu phải có ít nhất ${AUTH_POLICY.minPasswordLength} ký tự.`;
  }
  if (password.length > 256) return 'Mật khẩu quá dài (tối đa 256 ký tự).';
  return null;
}

/** SQL for "this account must change its password" (table password_change_required). */
const MUST_CHANGE = 'EXISTS (SELECT 1 FROM password_change_required p WHERE p.user_id = users.user_id)';

const UserRow = z.object({
  user_id: z.coerce.number(),
  username: z.string(),
  display_name: z.string().nullable(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  created_at: z.string(),
  must_change_password: z.boolean().nullable().transform((v) => v === true),
});
type UserRow = z.infer<typeof UserRow>;

export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountError';
  }
}

export async function findUser(db: Db, username: string): Promise<(UserRow & { password_hash: string }) | null> {
  const rows = await query(
    db,
    `SELECT user_id, username, display_name, role, disabled, created_at::VARCHAR AS created_at, ${MUST_CHANGE} AS must_change_password, password_hash FROM users WHERE username = $u`,
    { u: normaliseUsername(username) },
    UserRow.extend({ password_hash: z.string() }),
  );
  return rows[0] ?? null;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return query(
    db,
    `SELECT user_id, username, display_name, role, disabled, created_at::VARCHAR AS created_at, ${MUST_CHANGE} AS must_change_password FROM users ORDER BY username`,
    {},
    UserRow,
  );
}

export async function createUser(
  db: Db,
  input: { username: string; password: string; role: Role; displayName?: string | null; mustChangePassword?: boolean },
  clock: Clock = systemClock,
): Promise<UserRow> {
  const username = normaliseUsername(input.username);
  const problem = usernameProblem(username) ?? passwordProblem(input.password);
  if (problem) throw new AccountError(problem);
  if (!ROLES.includes(input.role)) throw new AccountError(`Vai trò phải là một trong: ${ROLES.join(', ')}.`);
  if (await findUser(db, username)) throw new AccountError(`Tài khoản "${username}" đã tồn tại.`);
  const hash = await hashPassword(input.password);
  const t = toDbTimestamp(clock());
  await withWriteTransaction(db, async (c) => {
    const [row] = (
      await c.runAndReadAll(
        `INSERT INTO users (username, display_name, role, password_hash, created_at, password_changed_at)
         VALUES ($u, $d, $r, $h, $t::TIMESTAMP, $t::TIMESTAMP) RETURNING user_id`,
        { u: username, d: input.displayName?.trim() || null, r: input.role, h: hash, t },
      )
    ).getRowObjectsJson();
    if (input.mustChangePassword) {
      await c.run('INSERT INTO password_change_required (user_id, since) VALUES ($id, $t::TIMESTAMP)', { id: Number(row.user_id), t });
    }
  });
  const created = await findUser(db, username);
  if (!created) throw new AccountError(`Không tạo được tài khoản "${username}".`);
  const { password_hash: _omit, ...row } = created;
  return row;
}

/**
 * Changes a password and ends every session of the account. `mustChange`: an admin's reset,
 * to be replaced by the user at the next login; a user's own change clears the flag.
 */
export async function setPassword(db: Db, username: string, password: string, clock: Clock = systemClock, mustChange = false): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(problem);
  const user = await findUser(db, username);
  if (!user) throw new AccountError(`Không có tài khoản "${normaliseUsername(username)}".`);
  const hash = await hashPassword(password);
  const t = toDbTimestamp(clock());
  await withWriteTransaction(db, async (c) => {
    await c.run('UPDATE users SET password_hash = $h, password_changed_at = $t::TIMESTAMP WHERE user_id = $id', { h: hash, t, id: user.user_id });
    await c.run('DELETE FROM password_change_required WHERE user_id = $id', { id: user.user_id });
    if (mustChange) await c.run('INSERT INTO password_change_required (user_id, since) VALUES ($id, $t::TIMESTAMP)', { id: user.user_id, t });
    await c.run('UPDATE sessions SET revoked_at = $t::TIMESTAMP WHERE user_id = $id AND revoked_at IS NULL', { t, id: user.user_id });
  });
}

/** Disables (or re-enables) an account; disabling ends its sessions at once. */
export async function setDisabled(db: Db, username: string, disabled: boolean, clock: Clock = systemClock): Promise<void> {
  const user = await findUser(db, username);
  if (!user) throw new AccountError(`Không có tài khoản "${normaliseUsername(username)}".`);
  const t = toDbTimestamp(clock());
  await withWriteTransaction(db, async (c) => {
    await c.run('UPDATE users SET disabled = $d WHERE user_id = $id', { d: disabled, id: user.user_id });
    if (disabled) {
      await c.run('UPDATE sessions SET revoked_at = $t::TIMESTAMP WHERE user_id = $id AND revoked_at IS NULL', { t, id: user.user_id });
    }
  });
}

/** Changes an account's role; its sessions go on with the new role at their next request. */
export async function setRole(db: Db, username: string, role: Role): Promise<void> {
  if (!ROLES.includes(role)) throw new AccountError(`Vai trò phải là một trong: ${ROLES.join(', ')}.`);
  const user = await findUser(db, username);
  if (!user) throw new AccountError(`Không có tài khoản "${normaliseUsername(username)}".`);
  await withWriteTransaction(db, (c) => c.run('UPDATE users SET role = $r WHERE user_id = $id', { r: role, id: user.user_id }));
}

/** Number of enabled admin accounts (an admin may not demote or disable the last one). */
export async function activeAdminCount(db: Db): Promise<number> {
  const [r] = await query(db, "SELECT count(*)::INTEGER AS n FROM users WHERE role = 'admin' AND NOT disabled", {}, z.object({ n: z.coerce.number() }));
  return r.n;
}
