import type { Db } from '@/lib/db/client';
import type { Role } from '@/lib/domain';
import { createUser, findUser } from './users';

/** Demo accounts the run command and the end-to-end tests create on the embedded database. */
export const DEMO_PASSWORD = 'ThiDua@2026';
export const DEMO_ACCOUNTS: { username: string; role: Role; displayName: string }[] = [
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
