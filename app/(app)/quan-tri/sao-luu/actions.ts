'use server';

import path from 'node:path';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { backupFailureMessage, takeServerBackup } from '@/etl/ops/server-backups';

/** «Sao lưu ngay»: a consistent backup by the running server, then back to the list. */
export async function backupNow(): Promise<void> {
  const user = await requireUser('admin');
  let name: string;
  try {
    const { dir } = await takeServerBackup(await getDb());
    console.info(`[ops] backup by ${user.username}: ${dir}`);
    name = path.basename(dir);
  } catch (err) {
    redirect(`/quan-tri/sao-luu?loi=${encodeURIComponent(backupFailureMessage(err))}`);
  }
  redirect(`/quan-tri/sao-luu?da-sao-luu=${encodeURIComponent(name)}`);
}
