/**
 * The `ops` subcommand of the command-line program (scripts/cli/thidua.ts): backup and restore of the
 * DuckDB store.
 *
 *   npm run -s ops -- backup DIR [--db PATH] [--server URL --user ADMIN]
 *   npm run -s ops -- restore DIR [--db PATH]
 *
 * While the server runs it holds the store: `backup --server` asks it to take the backup
 * (lib/ops/remote-backup.ts; the admin's password in THIDUA_OPS_PASSWORD).
 *
 * Exit 0 on success, 1 on failure (message in Vietnamese), 2 on wrong usage (lib/command-line.ts).
 */
import { dbPath } from '@/lib/env';
import { openDb } from '@/lib/db/client';
import { formatNumber } from '@/lib/format';
import { DB_OPTION, EXIT, UsageError, defineCommand } from '@/lib/command-line';
import { BackupError, backupDatabase, restoreDatabase, type BackupManifest } from './backup';
import { backupThroughServer } from './remote-backup';

const USAGE = `  npm run -s ops -- backup THƯ_MỤC [--db ĐƯỜNG_DẪN]    sao lưu nhất quán vào một thư mục mới
  npm run -s ops -- backup THƯ_MỤC --server URL --user TÀI_KHOẢN
                                                    khi máy chủ đang chạy: máy chủ sao lưu, lệnh chép về
                                                    (mật khẩu quản trị trong biến THIDUA_OPS_PASSWORD)
  npm run -s ops -- restore THƯ_MỤC [--db ĐƯỜNG_DẪN]   khôi phục (tệp cũ được giữ lại bên cạnh)`;

function summary(m: BackupManifest): string {
  const total = Object.values(m.tables).reduce((s, t) => s + t.rows, 0);
  return `${Object.keys(m.tables).length} bảng, ${formatNumber(total)} dòng`;
}

export const command = defineCommand({
  usage: USAGE,
  options: { ...DB_OPTION, server: { type: 'string' }, user: { type: 'string' } },
  refusals: [BackupError],
  lockedAdvice:
    'Khi máy chủ đang chạy, hãy để máy chủ sao lưu: thêm --server URL --user TÀI_KHOẢN_QUẢN_TRỊ ' +
    '(mật khẩu trong biến THIDUA_OPS_PASSWORD). Muốn khôi phục thì dừng máy chủ trước.',
  async run(values, positionals) {
    const [verb, dir, ...extra] = positionals;
    if (extra.length) throw new UsageError(`Tham số không hợp lệ: ${extra[0]}`);
    if ((verb !== 'backup' && verb !== 'restore') || !dir) throw new UsageError('');
    if (values.server && verb === 'backup') {
      if (!values.user) throw new UsageError('Cần --user (tài khoản quản trị) đi cùng --server.');
      const m = await backupThroughServer(values.server, values.user, dir);
      console.log(`Máy chủ ${values.server} đã sao lưu vào ${dir}: ${summary(m)}.`);
      return EXIT.ok;
    }
    const file = dbPath(values.db);
    if (verb === 'backup') {
      const instance = await openDb(file);
      try {
        const m = await backupDatabase(instance, dir);
        console.log(`Đã sao lưu ${file} vào ${dir}: ${summary(m)}.`);
      } finally {
        instance.closeSync();
      }
      return EXIT.ok;
    }
    const r = await restoreDatabase(dir, file);
    console.log(`Đã khôi phục ${file} từ ${dir}: ${summary(r.manifest)}.`);
    if (r.previous) console.log(`Tệp trước khi khôi phục được giữ tại ${r.previous}.`);
    return EXIT.ok;
  },
});
