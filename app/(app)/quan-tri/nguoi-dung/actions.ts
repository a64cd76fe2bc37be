'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/dal';
import { changeRole, createAccount, formFields, resetPassword, setAccountDisabled, type FormState } from '@/lib/auth/accounts';
import { getDb } from '@/lib/db/client';
import { routes } from '@/lib/routes';

/** Each action checks the admin role itself (Next also checks the Origin of server actions). */
async function run(form: FormData, fn: (db: Awaited<ReturnType<typeof getDb>>, actor: Awaited<ReturnType<typeof requireUser>>, fields: Record<string, string>) => Promise<FormState>): Promise<FormState> {
  const actor = await requireUser('admin');
  const state = await fn(await getDb(), actor, formFields(form));
  if (state?.ok) revalidatePath(routes.users);
  return state;
}

export async function createAccountAction(_prev: FormState, form: FormData): Promise<FormState> {
  return run(form, createAccount);
}

export async function changeRoleAction(_prev: FormState, form: FormData): Promise<FormState> {
  return run(form, changeRole);
}

export async function toggleDisabledAction(_prev: FormState, form: FormData): Promise<FormState> {
  return run(form, (db, actor, fields) => setAccountDisabled(db, actor, fields, fields.disable === '1'));
}

export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  return run(form, resetPassword);
}
