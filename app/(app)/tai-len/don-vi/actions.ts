'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
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
    target = `/tai-len/don-vi?ok=${encodeURIComponent(msg)}`;
  } catch (err) {
    if (!(err instanceof AliasError)) throw err;
    target = `/tai-len/don-vi?loi=${encodeURIComponent(err.message)}`;
  }
  revalidatePath('/', 'layout');
  redirect(target);
}

export async function removeAliasAction(formData: FormData): Promise<void> {
  const user = await requireUser('office');
  await removeOfficeAlias(await getDb(), String(formData.get('aliasKey') ?? ''), user);
  revalidatePath('/tai-len/don-vi');
  redirect(`/tai-len/don-vi?ok=${encodeURIComponent('Đã xóa tên gọi khác.')}`);
}

export async function updateAliasAction(formData: FormData): Promise<void> {
  const user = await requireUser('office');
  let target: string;
  try {
    const { unitName } = await updateOfficeAlias(await getDb(), { aliasKey: String(formData.get('aliasKey') ?? ''), unitId: Number(formData.get('unitId')) }, user);
    target = `/tai-len/don-vi?ok=${encodeURIComponent(`Đã sửa: tên gọi khác này nay là của «${unitName}».`)}`;
  } catch (err) {
    if (!(err instanceof AliasError)) throw err;
    target = `/tai-len/don-vi?loi=${encodeURIComponent(err.message)}`;
  }
  revalidatePath('/tai-len/don-vi');
  redirect(target);
}
