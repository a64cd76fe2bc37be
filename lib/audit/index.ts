import { z } from 'zod';
import { query, type Db } from '@/lib/db/client';
import { fromDbTimestamp, toDbTimestamp } from '@/lib/auth/policy';

/**
 * The audit trail: who did what, when. One call per event at the place it happens
 * (`await recordAudit(db, user, 'batch.undo', { target: 'lần nhập 12' })`).
 *
 * Written with a plain auto-commit INSERT, not through the serialised writer queue, so a login
 * or an alias edit is recorded at once even while a long import holds the queue. Recording
 * never throws: a failed write goes to the server log and the action itself stands.
 */
export const AUDIT_ACTIONS = {
  'login.ok': 'Đăng nhập',
  'login.failed': 'Đăng nhập sai',
  'logout': 'Đăng xuất',
  'user.create': 'Tạo tài khoản',
  'user.role': 'Đổi vai trò',
  'user.disable': 'Khóa tài khoản',
  'user.enable': 'Mở khóa tài khoản',
  'user.reset-password': 'Đặt lại mật khẩu',
  'user.change-password': 'Tự đổi mật khẩu',
  'upload.confirm': 'Nhập dữ liệu',
  'upload.reimport': 'Nhập lại tệp gốc',
  'batch.undo': 'Hủy lần nhập',
  'alias.add': 'Thêm tên gọi khác',
  'alias.remove': 'Xóa tên gọi khác',
  'alias.update': 'Sửa tên gọi khác',
  'settings.update': 'Sửa thiết lập',
  'backup.create': 'Sao lưu',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

interface AuditActor {
  userId?: number | null;
  username?: string | null;
}

interface AuditEntry {
  target?: string | null;
  details?: Record<string, unknown> | null;
  address?: string | null;
}

export async function recordAudit(db: Db, actor: AuditActor | null, action: AuditAction, entry: AuditEntry = {}, at: Date = new Date()): Promise<void> {
  try {
    await query(
      db,
      `INSERT INTO audit_log (occurred_at, user_id, username, action, target, details, address)
       VALUES ($at::TIMESTAMP, $uid, $uname, $action, $target, $details, $address)`,
      {
        at: toDbTimestamp(at),
        uid: actor?.userId ?? null,
        uname: actor?.username ?? null,
        action,
        target: entry.target?.slice(0, 500) ?? null,
        details: entry.details ? JSON.stringify(entry.details).slice(0, 4000) : null,
        address: entry.address?.slice(0, 64) ?? null,
      },
    );
  } catch (err) {
    console.error(`[audit] could not record ${action}`, err);
  }
}

const AuditRow = z.object({
  audit_id: z.coerce.number(),
  at: z.string(),
  username: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.string().nullable(),
  address: z.string().nullable(),
});
type AuditRow = Omit<z.infer<typeof AuditRow>, 'at'> & { at: Date };

export const AUDIT_PAGE_SIZE = 100;

/** One page of the trail, newest first, optionally only one kind of action ('user.' matches every user.* action). */
export async function listAudit(db: Db, opts: { page?: number; actionPrefix?: string | null; username?: string | null } = {}): Promise<{ rows: AuditRow[]; total: number }> {
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const params = { prefix: opts.actionPrefix ? `${opts.actionPrefix}%` : null, uname: opts.username || null };
  const where = `($prefix IS NULL OR action LIKE $prefix) AND ($uname IS NULL OR username = $uname)`;
  const [count] = await query(db, `SELECT count(*)::INTEGER AS n FROM audit_log WHERE ${where}`, params, z.object({ n: z.coerce.number() }));
  const rows = await query(
    db,
    `SELECT audit_id, occurred_at::VARCHAR AS at, username, action, target, details, address FROM audit_log
     WHERE ${where} ORDER BY occurred_at DESC, audit_id DESC LIMIT ${AUDIT_PAGE_SIZE} OFFSET $offset`,
    { ...params, offset: (page - 1) * AUDIT_PAGE_SIZE },
    AuditRow,
  );
  return { rows: rows.map((r) => ({ ...r, at: fromDbTimestamp(r.at) })), total: count.n };
}
