'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { recordAudit } from '@/lib/audit';
import { flash } from '@/lib/flash';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { SETTING_KEYS, type Settings } from '@/lib/settings/definitions';
import { SettingsError, writeSettings } from '@/lib/settings/store';
import { RATIO_KEYS } from './fields';

/** Form value → typed setting: numbers with a vi-VN comma, percentages as 15 (= 0.15), lines. */
function fromForm(form: FormData): Partial<Settings> {
  const out: Record<string, unknown> = {};
  const num = (key: string) => {
    const raw = String(form.get(key) ?? '').trim().replace(',', '.');
    return raw === '' ? Number.NaN : Number(raw);
  };
  for (const key of SETTING_KEYS) {
    if (key === 'review.min_total') {
      const value = num('review.min_total.value');
      out[key] = form.get('review.min_total.kind') === 'points' ? { points: value } : { percent: value / 100 };
    } else if (key === 'document.recipients') {
      out[key] = String(form.get(key) ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    } else if ((RATIO_KEYS as readonly string[]).includes(key)) {
      out[key] = num(key) / 100;
    } else if (key === 'review.flag_count' || key === 'review.certificate_count' || key === 'quota.ttldxs_min_cstdcs') {
      out[key] = num(key);
    } else {
      out[key] = String(form.get(key) ?? '').normalize('NFC').trim();
    }
  }
  return out as Partial<Settings>;
}

export async function saveReviewSettings(form: FormData): Promise<void> {
  const user = await requireUser('admin');
  try {
    await writeSettings(await getDb(), fromForm(form), user.username);
  } catch (err) {
    if (err instanceof SettingsError) redirect(`/danh-gia/thiet-lap?loi=${flash(err.message, user.userId)}`);
    throw err;
  }
  await recordAudit(await getDb(), user, 'settings.update', { target: 'review settings' });
  revalidatePath('/danh-gia');
  redirect('/danh-gia/thiet-lap?da-luu=1');
}

