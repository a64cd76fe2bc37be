import type { NextRequest } from 'next/server';
import { getDb } from '@/lib/db/client';
import { login } from '@/lib/auth/login';
import { clientAddress, isSameOrigin, safeNextPath, seeOther, setSessionCookie } from '@/lib/auth/request';
import { pruneSessions } from '@/lib/auth/sessions';

export const dynamic = 'force-dynamic';

/** Login form target (works without JavaScript): 303 to the page asked for, or back to the form with an error code. */
export async function POST(req: NextRequest) {
  if (!isSameOrigin(req)) return seeOther('/dang-nhap?loi=nguon');
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > 16 * 1024) return seeOther('/dang-nhap?loi=thieu');

  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return seeOther('/dang-nhap?loi=thieu');
  }
  const username = String(form.get('username') ?? '');
  const password = String(form.get('password') ?? '');
  const next = safeNextPath(form.get('next'));
  const back = (code: string, extra = '') =>
    seeOther(`/dang-nhap?loi=${code}${extra}${next !== '/' ? `&next=${encodeURIComponent(next)}` : ''}`);

  const db = await getDb();
  const outcome = await login(db, {
    username,
    password,
    address: clientAddress(req),
    userAgent: req.headers.get('user-agent'),
  });
  if (!outcome.ok) {
    if (outcome.reason === 'limited') return back('khoa', `&phut=${outcome.retryAfterMinutes}`);
    return back(outcome.reason === 'missing' ? 'thieu' : 'sai');
  }
  await pruneSessions(db).catch(() => undefined);
  const res = seeOther(next);
  setSessionCookie(res, req, outcome.token, outcome.expiresAt);
  return res;
}
