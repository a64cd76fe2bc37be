'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/dal';
import { changeOwnPassword, formFields, type FormState } from '@/lib/auth/accounts';
import { AUTH_POLICY } from '@/lib/auth/policy';
import { getDb } from '@/lib/db/client';

/** Every signed-in user changes their own password (also while it must be changed). */
export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser('viewer', { passwordChangePage: true });
  const state = await changeOwnPassword(await getDb(), user, formFields(form));
  if (state?.ok) {
    // The change ended every session of the account; drop the stale cookie too.
    const jar = await cookies();
    jar.delete(AUTH_POLICY.cookieName);
    jar.delete(AUTH_POLICY.secureCookieName);
    redirect('/dang-nhap?da=doi-mat-khau');
  }
  return state;
}
