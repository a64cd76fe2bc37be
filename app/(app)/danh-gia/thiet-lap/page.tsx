import Link from 'next/link';
import type { Metadata } from 'next';
import { Notices } from '@/app/_components/notices';
import { PageTitle, Section } from '@/app/_components/section';
import { requireUser } from '@/lib/auth/dal';
import { readFlash } from '@/lib/flash';
import { getDb } from '@/lib/db/client';
import { SETTING_LABELS, type SettingKey } from '@/lib/settings/definitions';
import { readSettings } from '@/lib/settings/store';
import { saveReviewSettings } from './actions';
import { RATIO_KEYS } from './fields';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Thiết lập quy tắc đánh giá' };

const input = 'mt-1 w-full rounded-tremor-small border-tremor-border text-sm';

function pct(n: number): string {
  return String(Math.round(n * 10000) / 100).replace('.', ',');
}

/** Admins edit the review rules and the document header; stored in the `settings` table. */
export default async function ReviewSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser('admin');
  const sp = await searchParams;
  const error = readFlash(sp.loi, user.userId);
  const s = await readSettings(await getDb());
  const label = (k: SettingKey) => <span className="block text-tremor-content-emphasis">{SETTING_LABELS[k]}</span>;
  const text = (k: SettingKey) => (
    <label key={k} className="block text-sm">
      {label(k)}
      <input name={k} defaultValue={String(s[k])} className={input} />
    </label>
  );
  const count = (k: 'review.flag_count' | 'review.certificate_count' | 'quota.ttldxs_min_cstdcs') => (
    <label key={k} className="block text-sm">
      {label(k)}
      <input name={k} type="number" min={0} max={50} step={1} defaultValue={s[k]} className={input} />
    </label>
  );
  const ratio = (k: (typeof RATIO_KEYS)[number]) => (
    <label key={k} className="block text-sm">
      {label(k)} <span className="text-xs text-tremor-content">(%)</span>
      <input name={k} inputMode="decimal" defaultValue={pct(s[k])} className={input} />
    </label>
  );
  const min = s['review.min_total'];
  return (
    <>
      <PageTitle title="Thiết lập quy tắc đánh giá khối" subtitle="Các quy tắc đề nghị khen thưởng, tỷ lệ và thông tin văn bản; thay đổi theo văn bản quy định hiện hành." />
      <p className="mt-2 text-sm"><Link href="/danh-gia" className="text-tremor-brand-emphasis underline">← Trang đánh giá</Link></p>
      {sp['da-luu'] && <Notices tone="info" items={['Đã lưu thiết lập.']} />}
      {error && <Notices items={[error]} />}
      <form action={saveReviewSettings} className="mt-4 space-y-4">
        <Section title="Đề nghị khen thưởng">
          <div className="grid gap-3 sm:grid-cols-2">
            {count('review.flag_count')}
            {count('review.certificate_count')}
            {text('review.flag_award')}
            {text('review.certificate_award')}
            <fieldset className="text-sm sm:col-span-2">
              <legend className="text-tremor-content-emphasis">{SETTING_LABELS['review.min_total']}</legend>
              <div className="mt-1 flex gap-2">
                <input name="review.min_total.value" inputMode="decimal" defaultValue={'points' in min ? String(min.points).replace('.', ',') : pct(min.percent)} className="w-32 rounded-tremor-small border-tremor-border text-sm" aria-label="Giá trị" />
                <select name="review.min_total.kind" defaultValue={'points' in min ? 'points' : 'percent'} className="rounded-tremor-small border-tremor-border text-sm" aria-label="Đơn vị">
                  <option value="percent">% điểm tối đa của khối</option>
                  <option value="points">điểm</option>
                </select>
              </div>
            </fieldset>
          </div>
        </Section>
        <Section title="Tỷ lệ khen thưởng">
          <div className="grid gap-3 sm:grid-cols-2">
            {ratio('quota.cstdcs_over_ldtt')}
            {ratio('quota.ttldxs_min_ldtt_share')}
            {count('quota.ttldxs_min_cstdcs')}
          </div>
        </Section>
        <Section title="Thông tin văn bản (Nghị định 30/2020/NĐ-CP)">
          <div className="grid gap-3 sm:grid-cols-2">
            {text('document.issuer_parent')}
            {text('document.issuer')}
            {text('document.number_suffix')}
            {text('document.place')}
            {text('document.signer_authority')}
            {text('document.signer_title')}
            {text('document.signer_name')}
            <label className="block text-sm sm:col-span-2">
              {label('document.recipients')}
              <textarea name="document.recipients" rows={5} defaultValue={s['document.recipients'].join('\n')} className={input} />
            </label>
          </div>
        </Section>
        <button type="submit" data-testid="save-settings" className="rounded-tremor-small bg-tremor-brand px-4 py-2 text-sm font-semibold text-white hover:bg-tremor-brand-emphasis focus:outline-none focus:ring-2 focus:ring-tremor-brand">
          Lưu thiết lập
        </button>
      </form>
    </>
  );
}
