/**
 * Backup and restore of the DuckDB store.
 *
 *   npm run -s ops -- backup DIR [--db PATH]
 *   npm run -s ops -- restore DIR [--db PATH]
 *
 * Exit 0 on success, 1 on failure (message in Vietnamese), 2 on wrong usage.
 */
import { dbPath } from '@/lib/env';
import { DatabaseLockedError, openDb } from '@/lib/db/client';
import { formatNumber } from '@/lib/format';
import { backupDatabase, restoreDatabase, type BackupManifest } from './backup';

const USAGE = `Cách dùng:
  npm run -s ops -- backup THƯ_MỤC [--db ĐƯỜNG_DẪN]    sao lưu nhất quán vào một thư mục mới
  npm run -s ops -- restore THƯ_MỤC [--db ĐƯỜNG_DẪN]   khôi phục (tệp cũ được giữ lại bên cạnh)`;

function summary(m: BackupManifest): string {
  const total = Object.values(m.tables).reduce((s, t) => s + t.rows, 0);
  return `${Object.keys(m.tables).length} bảng, ${formatNumber(total)} dòng`;
}

async function main(argv: string[]): Promise<number> {
  const [command, dir, ...rest] = argv;
  let db: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--db' && rest[i + 1]) db = rest[++i];
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
        `${err.message}\nKhi máy chủ đang chạy, bản sao lưu phải do chính máy chủ tạo (hàm backupDatabase trong etl/ops/backup.ts); ` +
          'muốn khôi phục thì dừng máy chủ trước.',
      );
    } else {
      console.error((err as Error).message ?? String(err));
    }
    process.exit(1);
  },
);
