/**
 * Accounts CLI (DESIGN.md):
 *   npm run -s user -- add NAME --role viewer|office|admin [--name "Họ tên"] [--db PATH]
 *        password from THIDUA_PASSWORD or standard input
 *   npm run -s user -- list [--json]
 *   npm run -s user -- disable NAME | enable NAME
 *   npm run -s user -- passwd NAME          (new password as for add; ends the account's sessions)
 *   npm run -s user -- demo                 (creates lanhdao / vanphong / quantri if absent)
 * Exit 0 on success, 1 on a refused request, 2 on wrong usage.
 */
import { parseArgs } from 'node:util';
import { openDb, type Db } from '@/lib/db/client';
import { dbPath } from '@/lib/env';
import { ROLES, ROLE_LABELS, type Role } from '@/lib/domain';
import { DEMO_PASSWORD, ensureDemoAccounts } from './demo-accounts';
import { createUser, listUsers, setDisabled, setPassword } from './users';

const USAGE = `Cách dùng:
  user add TÊN --role viewer|office|admin [--name "Họ tên"]   (mật khẩu lấy từ THIDUA_PASSWORD hoặc đầu vào chuẩn)
  user list [--json]
  user disable TÊN | user enable TÊN
  user passwd TÊN
  user demo
Tùy chọn chung: --db ĐƯỜNG_DẪN (mặc định THIDUA_DB hoặc data/thidua.duckdb)`;

class UsageError extends Error {}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.THIDUA_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) {
    throw new UsageError('Hãy đặt mật khẩu trong biến môi trường THIDUA_PASSWORD hoặc truyền qua đầu vào chuẩn (echo … | npm run -s user -- add …).');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Only the first line counts: `echo pass |` adds a newline that is not part of the password.
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, target] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const needsName = ['add', 'disable', 'enable', 'passwd'].includes(command);
  if (!['add', 'list', 'disable', 'enable', 'passwd', 'demo'].includes(command)) throw new UsageError(`Lệnh không hợp lệ: ${command}`);
  if (needsName && !target) throw new UsageError(`Thiếu tên tài khoản cho lệnh ${command}.`);

  let role: Role | undefined;
  if (command === 'add') {
    if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
      throw new UsageError(`Thiếu hoặc sai --role (một trong: ${ROLES.join(', ')}).`);
    }
    role = values.role as Role;
  }
  const password = command === 'add' || command === 'passwd' ? await readPassword() : '';

  const db: Db = await openDb(dbPath(values.db));
  try {
    switch (command) {
      case 'add': {
        const u = await createUser(db, { username: target, password, role: role!, displayName: values.name ?? null });
        console.log(`Đã tạo tài khoản ${u.username} (${ROLE_LABELS[u.role]}).`);
        break;
      }
      case 'passwd':
        await setPassword(db, target, password);
        console.log(`Đã đổi mật khẩu của ${target}; mọi phiên đăng nhập của tài khoản đã kết thúc.`);
        break;
      case 'disable':
      case 'enable':
        await setDisabled(db, target, command === 'disable');
        console.log(command === 'disable' ? `Đã khóa tài khoản ${target} và kết thúc mọi phiên đăng nhập.` : `Đã mở khóa tài khoản ${target}.`);
        break;
      case 'list': {
        const users = await listUsers(db);
        if (values.json) {
          console.log(JSON.stringify(users.map(({ username, display_name, role, disabled, created_at }) => ({ username, displayName: display_name, role, disabled, createdAt: created_at }))));
        } else if (users.length === 0) {
          console.log('Chưa có tài khoản nào. Tạo tài khoản quản trị đầu tiên: THIDUA_PASSWORD=… npm run -s user -- add quantri --role admin');
        } else {
          for (const u of users) {
            console.log(`${u.username.padEnd(20)} ${u.role.padEnd(7)} ${u.disabled ? 'đã khóa ' : 'hoạt động'}  ${u.display_name ?? ''}`);
          }
        }
        break;
      }
      case 'demo': {
        const created = await ensureDemoAccounts(db);
        console.log('Tài khoản demo (mật khẩu chung: ' + DEMO_PASSWORD + '):');
        for (const a of created) console.log(`  ${a.username.padEnd(10)} ${ROLE_LABELS[a.role]}${a.created ? '' : ' — đã có sẵn'}`);
        break;
      }
    }
  } finally {
    db.closeSync();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError || (err as { code?: string })?.code?.startsWith?.('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error((err as Error)?.message ?? String(err));
    process.exit(1);
  },
);
