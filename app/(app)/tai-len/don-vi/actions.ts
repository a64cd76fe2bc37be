'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { recordAudit } from '@/lib/audit';
import { flash } from '@/lib/flash';
import { addOfficeAlias, AliasError, removeOfficeAlias, updateOfficeAlias } from '@/lib/upload/aliases';

/** Each action checks the session and role itself (Next also checks the Origin of server actions). */
export async function addAliasAction(formData: FormData): Promise<void> {
  const user = await requireUser('office');
  const name = String(formData.get('name') ?? '');
  const unitId = Number(formData.get('unitId'));
  let target: string;
  try {
    const { attached, unitName } = await addOfficeAlias(await getDb(), { name, unitId }, user);
    const msg = `Đã ghi «${name.trim()}» là tên gọi khác của «${unitName}»${attached ? `; ${attached} dòng đã lưu được gắn vào đơn vị này` : ''}. Lần tải lên sau sẽ tự nhận ra.`;
    await recordAudit(await getDb(), user, 'alias.add', { target: name.trim(), details: { unitId, unitName, attached } });
    target = `/tai-len/don-vi?ok=${flash(msg, user.userId)}`;
  } catch (err) {
    if (!(err instanceof AliasError)) throw err;
    target = `/tai-len/don-vi?loi=${flash(err.message, user.userId)}`;
  }
  revalidatePath('/', 'layout');
  redirect(target);
}

export async function removeAliasAction(formData: FormData): Promise<void> {
  const user = await requireUser('office');
  await removeOfficeAlias(await getDb(), String(formData.get('aliasKey') ?? ''), user);
  await recordAudit(await getDb(), user, 'alias.remove', { target: String(formData.get('aliasKey') ?? '') });
  revalidatePath('/tai-len/don-vi');
  redirect(`/tai-len/don-vi?ok=${flash('Đã xóa tên gọi khác.', user.userId)}`);
}

export async function updateAliasAction(formData: FormData): Promise<void> {
  const user = await requireUser('office');
  const aliasKey = String(formData.get('aliasKey') ?? '');
  let target: string;
  try {
    const { unitName } = await updateOfficeAlias(await getDb(), { aliasKey, unitId: Number(formData.get('unitId')) }, user);
    await recordAudit(await getDb(), user, 'alias.update', { target: aliasKey, details: { unitName } });
    target = `/tai-len/don-vi?ok=${flash(`Đã sửa: tên gọi khác này nay là của «${unitName}».`, user.userId)}`;
  } catch (err) {
    if (!(err instanceof AliasError)) throw err;
    target = `/tai-len/don-vi?loi=${flash(err.message, user.userId)}`;
  }
  revalidatePath('/tai-len/don-vi');
  redirect(target);
}
