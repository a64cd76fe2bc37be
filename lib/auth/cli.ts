/**
 * The `user` subcommand of the command-line program (scripts/cli/thidua.ts):
 *   npm run -s user -- add NAME --role viewer|office|admin [--name "Họ tên"] [--db PATH]
 *        password from THIDUA_PASSWORD or standard input
 *   npm run -s user -- list [--json]
 *   npm run -s user -- disable NAME | enable NAME
 *   npm run -s user -- passwd NAME          (new password as for add; ends the account's sessions)
 *   npm run -s user -- demo                 (creates lanhdao / vanphong / quantri if absent)
 * Exit 0 on success, 1 on a refused request, 2 on wrong usage (lib/command-line.ts).
 */
import { openDb, type Db } from '@/lib/db/client';
import { dbPath } from '@/lib/env';
import { ROLES, ROLE_LABELS, type Role } from '@/lib/domain';
import { DB_OPTION, EXIT, UsageError, defineCommand } from '@/lib/command-line';
import { DEMO_PASSWORD, ensureDemoAccounts } from './demo-accounts';
import { AccountError, createUser, listUsers, setDisabled, setPassword } from './users';

const USAGE = `  npm run -s user -- add TÊN --role viewer|office|admin [--name "Họ tên"]   (mật khẩu lấy từ THIDUA_PASSWORD hoặc đầu vào chuẩn)
  npm run -s user -- list [--json]
  npm run -s user -- disable TÊN | enable TÊN
  npm run -s user -- passwd TÊN
  npm run -s user -- demo`;

const VERBS = ['add', 'list', 'disable', 'enable', 'passwd', 'demo'];

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

export const command = defineCommand({
  usage: USAGE,
  options: { ...DB_OPTION, role: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } },
  refusals: [AccountError],
  async run(values, positionals) {
    const [verb, target] = positionals;
    if (!verb) throw new UsageError('');
    if (!VERBS.includes(verb)) throw new UsageError(`Lệnh không hợp lệ: ${verb}`);
    const needsName = ['add', 'disable', 'enable', 'passwd'].includes(verb);
    if (needsName && !target) throw new UsageError(`Thiếu tên tài khoản cho lệnh ${verb}.`);
    let role: Role | undefined;
    if (verb === 'add') {
      if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
        throw new UsageError(`Thiếu hoặc sai --role (một trong: ${ROLES.join(', ')}).`);
      }
      role = values.role as Role;
    }
    const password = verb === 'add' || verb === 'passwd' ? await readPassword() : '';
    const db: Db = await openDb(dbPath(values.db));
    try {
      await perform(db, verb, target, { role, password, displayName: values.name ?? null, json: values.json === true });
    } finally {
      db.closeSync();
    }
    return EXIT.ok;
  },
});

async function perform(db: Db, verb: string, target: string, o: { role?: Role; password: string; displayName: string | null; json: boolean }): Promise<void> {
  switch (verb) {
    case 'add': {
      const u = await createUser(db, { username: target, password: o.password, role: o.role!, displayName: o.displayName });
      console.log(`Đã tạo tài khoản ${u.username} (${ROLE_LABELS[u.role]}).`);
      break;
    }
    case 'passwd':
      await setPassword(db, target, o.password);
      console.log(`Đã đổi mật khẩu của ${target}; mọi phiên đăng nhập của tài khoản đã kết thúc.`);
      break;
    case 'disable':
    case 'enable':
      await setDisabled(db, target, verb === 'disable');
      console.log(verb === 'disable' ? `Đã khóa tài khoản ${target} và kết thúc mọi phiên đăng nhập.` : `Đã mở khóa tài khoản ${target}.`);
      break;
    case 'list': {
      const users = await listUsers(db);
      if (o.json) {
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
}
