/**
 * Backup and restore of the DuckDB store.
 *
 *   npm run -s ops -- backup DIR [--db PATH] [--server URL --user ADMIN]
 *   npm run -s ops -- restore DIR [--db PATH]
 *
 * While the server runs it holds the store: `backup --server` asks it to take the backup
 * (lib/ops/remote-backup.ts; the admin's password in THIDUA_OPS_PASSWORD).
 *
 * Exit 0 on success, 1 on failure (message in Vietnamese), 2 on wrong usage.
 */
import { dbPath } from '@/lib/env';
import { DatabaseLockedError, openDb } from '@/lib/db/client';
import { formatNumber } from '@/lib/format';
import { backupDatabase, restoreDatabase, type BackupManifest } from './backup';
import { backupThroughServer } from './remote-backup';

const USAGE = `Cách dùng:
  npm run -s ops -- backup THƯ_MỤC [--db ĐƯỜNG_DẪN]    sao lưu nhất quán vào một thư mục mới
  npm run -s ops -- backup THƯ_MỤC --server URL --user TÀI_KHOẢN
                                                    khi máy chủ đang chạy: máy chủ sao lưu, lệnh chép về
                                                    (mật khẩu quản trị trong biến THIDUA_OPS_PASSWORD)
  npm run -s ops -- restore THƯ_MỤC [--db ĐƯỜNG_DẪN]   khôi phục (tệp cũ được giữ lại bên cạnh)`;

function summary(m: BackupManifest): string {
  const total = Object.values(m.tables).reduce((s, t) => s + t.rows, 0);
  return `${Object.keys(m.tables).length} bảng, ${formatNumber(total)} dòng`;
}

async function main(argv: string[]): Promise<number> {
  const [command, dir, ...rest] = argv;
  let db: string | undefined;
  let server: string | undefined;
  let user: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--db' && rest[i + 1]) db = rest[++i];
    else if (rest[i] === '--server' && rest[i + 1]) server = rest[++i];
    else if (rest[i] === '--user' && rest[i + 1]) user = rest[++i];
    else {
      console.error(`Tham số không hợp lệ: ${rest[i]}\n${USAGE}`);
      return 2;
    }
  }
  if ((command !== 'backup' && command !== 'restore') || !dir) {
    console.error(USAGE);
    return 2;
  }
  const file = dbPath(db);
  if (command === 'backup' && server) {
    if (!user) {
      console.error(`Cần --user (tài khoản quản trị) đi cùng --server.\n${USAGE}`);
      return 2;
    }
    const m = await backupThroughServer(server, user, dir);
    console.log(`Máy chủ ${server} đã sao lưu vào ${dir}: ${summary(m)}.`);
    return 0;
  }
  if (command === 'backup') {
    const instance = await openDb(file);
    try {
      const m = await backupDatabase(instance, dir);
      console.log(`Đã sao lưu ${file} vào ${dir}: ${summary(m)}.`);
    } finally {
      instance.closeSync();
    }
    return 0;
  }
  const r = await restoreDatabase(dir, file);
  console.log(`Đã khôi phục ${file} từ ${dir}: ${summary(r.manifest)}.`);
  if (r.previous) console.log(`Tệp trước khi khôi phục được giữ tại ${r.previous}.`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof DatabaseLockedError) {
      console.error(
        `${err.message}\nKhi máy chủ đang chạy, hãy để máy chủ sao lưu: thêm --server URL --user TÀI_KHOẢN_QUẢN_TRỊ ` +
          '(mật khẩu trong biến THIDUA_OPS_PASSWORD). Muốn khôi phục thì dừng máy chủ trước.',
      );
    } else {
      console.error((err as Error).message ?? String(err));
    }
    process.exit(1);
  },
);
