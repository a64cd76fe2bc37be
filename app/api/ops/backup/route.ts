import { NextResponse } from 'next/server';
import { recordAudit } from '@/lib/audit';
import { requireApiUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { backupFailureMessage, takeServerBackup } from '@/lib/ops/server-backups';

export const dynamic = 'force-dynamic';

/**
 * POST /api/ops/backup — a consistent backup taken by the running server (only one process may
 * open the store read-write, so `npm run ops -- backup --server …` asks it here). Admins only.
 * The backup goes into a new directory under THIDUA_BACKUP_DIR; the answer names it.
 */
export async function POST(req: Request) {
  const auth = await requireApiUser(req, 'admin');
  if (auth.response) return auth.response;
  try {
    const { dir, manifest } = await takeServerBackup(await getDb());
    console.info(`[ops] backup by ${auth.user.username}: ${dir}`);
    await recordAudit(await getDb(), auth.user, 'backup.create', { target: dir });
    return NextResponse.json({ dir, manifest }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    return NextResponse.json({ error: backupFailureMessage(err) }, { status: 500 });
  }
}
