import crypto from 'node:crypto';
import path from 'node:path';
import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { backupDatabase, BackupError } from '@/etl/ops/backup';

export const dynamic = 'force-dynamic';

/**
 * POST /api/ops/backup — a consistent backup taken by the running server (only one process may
 * open the store read-write, so `npm run ops -- backup --server …` asks it here). Admins only.
 * The backup goes into a new directory under THIDUA_BACKUP_DIR; the answer names it.
 */
export async function POST(req: Request) {
  const auth = await requireApiUser(req, 'admin');
  if (auth.response) return auth.response;
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const dir = path.resolve(env().THIDUA_BACKUP_DIR, `sao-luu-${stamp}-${crypto.randomBytes(3).toString('hex')}`);
  try {
    const manifest = await backupDatabase(await getDb(), dir);
    console.info(`[ops] backup by ${auth.user.username}: ${dir}`);
    return NextResponse.json({ dir, manifest }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    console.error('[ops] backup failed', err);
    const message = err instanceof BackupError ? err.message : 'Không sao lưu được cơ sở dữ liệu. Xem nhật ký máy chủ để biết chi tiết.';
    return NextResponse.json({ error: message }, { status: 500 });
  }
}
