'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/dal';
import { changeOwnPassword, formFields, type FormState } from '@/lib/auth/accounts';
import { sessionCookieName } from '@/lib/auth/request';
import { getDb } from '@/lib/db/client';
import { routes, withQuery } from '@/lib/routes';

/** Every signed-in user changes their own password (also while it must be changed). */
export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser('viewer', { passwordChangePage: true });
  const state = await changeOwnPassword(await getDb(), user, formFields(form));
  if (state?.ok) {
    // The change ended every session of the account; drop the stale cookie too, under either name.
    const jar = await cookies();
    for (const https of [false, true]) jar.delete(sessionCookieName(https));
    redirect(withQuery(routes.login, { da: 'doi-mat-khau' }));
  }
  return state;
}
