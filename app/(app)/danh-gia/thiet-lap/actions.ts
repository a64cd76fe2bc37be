'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { recordAudit } from '@/lib/audit';
import { flash } from '@/lib/flash';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { isBlocOrganiser } from '@/lib/bloc-organiser';
import { listBlocs, setBlocOrganiser } from '@/lib/review/blocs';
import { SETTING_KEYS, type Settings } from '@/lib/settings/definitions';
import { SettingsError, writeSettings } from '@/lib/settings/store';
import { routes, withQuery } from '@/lib/routes';
import { COUNT_KEYS, RATIO_KEYS, TIER_KEYS } from './fields';

/** Form value → typed setting: numbers with a vi-VN comma, percentages as 15 (= 0.15), lines. */
function fromForm(form: FormData): Partial<Settings> {
  const out: Record<string, unknown> = {};
  const num = (key: string) => {
    const raw = String(form.get(key) ?? '').trim().replace(',', '.');
    return raw === '' ? Number.NaN : Number(raw);
  };
  const line = (key: string) => String(form.get(key) ?? '').normalize('NFC').trim();
  for (const key of SETTING_KEYS) {
    if (key === 'review.min_total') {
      const value = num('review.min_total.value');
      out[key] = form.get('review.min_total.kind') === 'points' ? { points: value } : { percent: value / 100 };
    } else if (key === 'document.recipients') {
      out[key] = String(form.get(key) ?? '').split(/\r?\n/).map((l) => l.normalize('NFC').trim()).filter(Boolean);
    } else if ((RATIO_KEYS as readonly string[]).includes(key)) {
      out[key] = num(key) / 100;
    } else if ((COUNT_KEYS as readonly string[]).includes(key)) {
      out[key] = num(key);
    } else if ((TIER_KEYS as readonly string[]).includes(key)) {
      out[key] = { award: line(`${key}.award`), count: num(`${key}.count`), grantor: line(`${key}.grantor`) };
    } else {
      out[key] = line(key);
    }
  }
  return out as Partial<Settings>;
}

export async function saveReviewSettings(form: FormData): Promise<void> {
  const user = await requireUser('admin');
  try {
    await writeSettings(await getDb(), fromForm(form), user.username);
  } catch (err) {
    if (err instanceof SettingsError) redirect(withQuery(routes.reviewSettings, { loi: flash(err.message, user.userId) }));
    throw err;
  }
  await recordAudit(await getDb(), user, 'settings.update', { target: 'review settings' });
  revalidatePath(routes.review);
  redirect(withQuery(routes.reviewSettings, { 'da-luu': 1 }));
}

/** Who organises each bloc: `organiser.<blocId>` = province | department | sector | '' (unknown). */
export async function saveBlocOrganisers(form: FormData): Promise<void> {
  const user = await requireUser('admin');
  const db = await getDb();
  for (const b of await listBlocs(db)) {
    const raw = form.get(`organiser.${b.blocId}`);
    if (raw === null) continue;
    const value = String(raw);
    const organiser = isBlocOrganiser(value) ? value : null;
    if (value !== '' && !organiser) redirect(withQuery(routes.reviewSettings, { loi: flash(`Loại cơ quan tổ chức «${value}» của khối «${b.name}» không hợp lệ.`, user.userId) }));
    if (organiser !== b.organiser || (organiser && b.organiserSource === 'name')) await setBlocOrganiser(db, b.blocId, organiser, user.username);
  }
  revalidatePath(routes.review);
  redirect(`${withQuery(routes.reviewSettings, { 'da-luu': 1 })}#khoi`);
}
