import { z } from 'zod';
import { query, type Db } from '@/lib/db/client';
import { verifyPassword } from './password';
import type { Role } from '@/lib/domain';
import { createUser, findUser } from './users';

/**
 * Demo accounts: created only by `npm run -s user -- demo` (which `npm run demo` and the
 * end-to-end tests call), never by a migration or at server start.
 */
export const DEMO_PASSWORD = 'ThiDua@2026';
const DEMO_ACCOUNTS: { username: string; role: Role; displayName: string }[] = [
  { username: 'lanhdao', role: 'viewer', displayName: 'Lãnh đạo Sở (demo)' },
  { username: 'vanphong', role: 'office', displayName: 'Văn phòng Sở (demo)' },
  { username: 'quantri', role: 'admin', displayName: 'Quản trị hệ thống (demo)' },
];

/** Creates the demo accounts that do not exist yet; returns which were created. */
export async function ensureDemoAccounts(db: Db): Promise<{ username: string; role: Role; created: boolean }[]> {
  const out: { username: string; role: Role; created: boolean }[] = [];
  for (const a of DEMO_ACCOUNTS) {
    if (await findUser(db, a.username)) {
      out.push({ username: a.username, role: a.role, created: false });
      continue;
    }
    await createUser(db, { username: a.username, password: DEMO_PASSWORD, role: a.role, displayName: a.displayName });
    out.push({ username: a.username, role: a.role, created: true });
  }
  return out;
}

const globalDemo = globalThis as unknown as { thiduaDemoCheck?: Map<string, boolean> };

/**
 * Enabled accounts whose password is the published demo password. Each stored hash is checked
 * once (scrypt is slow) and the answer remembered until the hash changes.
 */
export async function accountsWithDemoPassword(db: Db): Promise<string[]> {
  const seen = (globalDemo.thiduaDemoCheck ??= new Map());
  const rows = await query(
    db,
    'SELECT username, password_hash FROM users WHERE NOT disabled ORDER BY username',
    {},
    z.object({ username: z.string(), password_hash: z.string() }),
  );
  const out: string[] = [];
  for (const r of rows) {
    let hit = seen.get(r.password_hash);
    if (hit === undefined) {
      hit = await verifyPassword(DEMO_PASSWORD, r.password_hash);
      seen.set(r.password_hash, hit);
    }
    if (hit) out.push(r.username);
  }
  return out;
}
