'use server';

import path from 'node:path';
import { redirect } from 'next/navigation';
import { recordAudit } from '@/lib/audit';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { BackupError } from '@/lib/ops/backup';
import { backupFailureMessage, takeServerBackup } from '@/lib/ops/server-backups';
import { routes, withQuery } from '@/lib/routes';

/** «Sao lưu ngay»: a consistent backup by the running server, then back to the list. */
export async function backupNow(): Promise<void> {
  const user = await requireUser('admin');
  let name: string;
  try {
    const { dir } = await takeServerBackup(await getDb());
    console.info(`[ops] backup by ${user.username}: ${dir}`);
    await recordAudit(await getDb(), user, 'backup.create', { target: path.basename(dir) });
    name = path.basename(dir);
  } catch (err) {
    backupFailureMessage(err); // logs the cause; the page shows the message for this code
    redirect(withQuery(routes.backups, { loi: err instanceof BackupError ? 'sao-luu' : 'loi-may-chu' }));
  }
  redirect(withQuery(routes.backups, { 'da-sao-luu': name }));
}
