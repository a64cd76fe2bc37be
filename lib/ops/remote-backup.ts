import fs from 'node:fs';
import path from 'node:path';
import { api, routes } from '@/lib/routes';
import { assertEmptyTarget, BackupError, readManifest, type BackupManifest } from './backup';

/**
 * A backup taken by the running server, for the CLI: while `next start` holds the store, no
 * other process may open it, so the CLI signs in as an admin, asks POST /api/ops/backup, copies
 * the directory the server wrote (same machine) into `dir`, and signs out. The password comes
 * from THIDUA_OPS_PASSWORD, never from the command line (it would show in the process list).
 */
export async function backupThroughServer(server: string, username: string, dir: string): Promise<BackupManifest> {
  const password = process.env.THIDUA_OPS_PASSWORD;
  if (!password) {
    throw new BackupError('Cần mật khẩu của tài khoản quản trị trong biến môi trường THIDUA_OPS_PASSWORD (không ghi mật khẩu trên dòng lệnh).');
  }
  const target = path.resolve(dir);
  assertEmptyTarget(target);
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    throw new BackupError(`Địa chỉ máy chủ «${server}» không hợp lệ. Ví dụ: --server http://127.0.0.1:3000`);
  }
  const login = await fetch(new URL(api.login, base), {
    method: 'POST',
    body: new URLSearchParams({ username, password, next: routes.overview }),
    redirect: 'manual',
  }).catch((err: Error) => {
    throw new BackupError(`Không kết nối được máy chủ ${base.origin}: ${err.message}. Máy chủ có đang chạy không?`);
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie) throw new BackupError(`Đăng nhập «${username}» vào ${base.origin} không thành công. Kiểm tra tên đăng nhập và THIDUA_OPS_PASSWORD.`);
  try {
    const res = await fetch(new URL(api.backup, base), { method: 'POST', headers: { cookie } });
    const body = (await res.json().catch(() => ({}))) as { dir?: string; error?: string };
    if (!res.ok || !body.dir) throw new BackupError(body.error ?? `Máy chủ trả lời ${res.status} khi sao lưu.`);
    fs.cpSync(body.dir, target, { recursive: true });
    return readManifest(target);
  } finally {
    await fetch(new URL(api.logout, base), { method: 'POST', headers: { cookie }, redirect: 'manual' }).catch(() => undefined);
  }
}
