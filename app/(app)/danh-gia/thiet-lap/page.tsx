import Link from 'next/link';
import type { Metadata } from 'next';
import { Notices } from '@/app/_components/notices';
import { PageTitle, Section } from '@/app/_components/section';
import { requireUser } from '@/lib/auth/dal';
import { readFlash } from '@/lib/flash';
import { getDb } from '@/lib/db/client';
import { SETTING_LABELS, SETTING_LEGAL, type SettingKey } from '@/lib/settings/definitions';
import { BLOC_ORGANISERS, BLOC_ORGANISER_LABELS } from '@/lib/bloc-organiser';
import { listBlocs } from '@/lib/review/blocs';
import { documentHeader, latestUnitsTitle, placeDateLine } from '@/lib/review/header';
import { readSettings } from '@/lib/settings/store';
import { routes } from '@/lib/routes';
import { saveBlocOrganisers, saveReviewSettings } from './actions';
import { COUNT_KEYS, RATIO_KEYS, TIER_KEYS } from './fields';

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
  const db = await getDb();
  const s = await readSettings(db);
  const label = (k: SettingKey) => <span className="block text-tremor-content-emphasis">{SETTING_LABELS[k]}</span>;
  const text = (k: SettingKey) => (
    <label key={k} className="block text-sm">
      {label(k)}
      <input name={k} defaultValue={String(s[k])} className={input} />
    </label>
  );
  const count = (k: (typeof COUNT_KEYS)[number]) => (
    <label key={k} className="block text-sm">
      {label(k)}
      <input name={k} type="number" min={0} max={50} step={1} defaultValue={s[k]} className={input} />
      <Legal k={k} />
    </label>
  );
  const ratio = (k: (typeof RATIO_KEYS)[number]) => (
    <label key={k} className="block text-sm">
      {label(k)} <span className="text-xs text-tremor-content">(%)</span>
      <input name={k} inputMode="decimal" defaultValue={pct(s[k])} className={input} />
      <Legal k={k} />
    </label>
  );
  const tier = (k: (typeof TIER_KEYS)[number]) => (
    <fieldset key={k} className="rounded-tremor-small border border-tremor-border p-2 text-sm">
      <legend className="px-1 text-tremor-content-emphasis">{SETTING_LABELS[k]}</legend>
      <div className="grid gap-2 sm:grid-cols-[1fr_6rem_1fr]">
        <label className="block">Hình thức<input name={`${k}.award`} defaultValue={s[k].award} className={input} /></label>
        <label className="block">Số đơn vị<input name={`${k}.count`} type="number" min={0} max={50} step={1} defaultValue={s[k].count} className={input} /></label>
        <label className="block">Cấp quyết định<input name={`${k}.grantor`} defaultValue={s[k].grantor} className={input} /></label>
      </div>
      <Legal k={k} />
    </fieldset>
  );
  const blocs = await listBlocs(db);
  const header = documentHeader(s, await latestUnitsTitle(db));
  const min = s['review.min_total'];
  return (
    <>
      <PageTitle title="Thiết lập quy tắc đánh giá khối" subtitle="Các quy tắc đề nghị khen thưởng, tỷ lệ và thông tin văn bản; thay đổi theo văn bản quy định hiện hành." />
      <p className="mt-2 text-sm"><Link href={routes.review} className="text-tremor-brand-emphasis underline">← Trang đánh giá</Link></p>
      {sp['da-luu'] && <Notices tone="info" items={['Đã lưu thiết lập.']} />}
      {error && <Notices items={[error]} />}
      <form action={saveReviewSettings} className="mt-4 space-y-4">
        <Section title="Đề nghị khen thưởng theo cơ quan tổ chức khối" subtitle="Chỉ xét khi tổng kết năm; Cờ thi đua chỉ cho khối do UBND tỉnh tổ chức (Luật Thi đua, khen thưởng 2022, Điều 26). Đơn vị dẫn đầu nhóm đầu, các đơn vị tiếp theo nhóm sau, theo thứ hạng.">
          <div className="grid gap-3">
            {TIER_KEYS.map(tier)}
            <fieldset className="text-sm">
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
        <Section title="Tỷ lệ và điều kiện khen thưởng" subtitle="Tỷ lệ Chiến sĩ thi đua cơ sở tính trên tổng số Lao động tiên tiến của cả cơ quan quyết định (Sở), không tính riêng từng phòng.">
          <div className="grid gap-3 sm:grid-cols-2">
            {ratio('quota.cstdcs_over_ldtt')}
            {ratio('quota.ttldxs_min_ldtt_share')}
            {count('quota.ttldxs_min_cstdcs')}
            {ratio('quota.ttldtt_min_ldtt_share')}
            {count('quota.cstd_tinh_consecutive_cstdcs')}
          </div>
        </Section>
        <Section
          title="Thông tin văn bản (Nghị định 30/2020/NĐ-CP)"
          subtitle={`Đang dùng: ${header.parent ?? '(chưa có cơ quan chủ quản)'} / ${header.issuer ?? '(chưa có cơ quan ban hành)'}; «${placeDateLine(header.place, new Date()).split(',')[0]}, ngày …». Ô để trống lấy theo tiêu đề tệp đơn vị nhập gần nhất.`}
        >
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
      <form action={saveBlocOrganisers} className="mt-6">
        <Section id="khoi" title="Cơ quan tổ chức từng khối" subtitle="Quyết định hình thức được đề nghị và cấp quyết định. Khi nhập tệp đơn vị, loại được đoán từ tên khối nếu rõ (ví dụ «Khối các phòng thuộc Sở», «Cụm thi đua …»).">
          {blocs.length === 0 ? (
            <p className="text-sm text-tremor-content">Chưa có khối thi đua: hãy nhập tệp đơn vị trước.</p>
          ) : (
            <div className="grid gap-3 sm:grid-cols-2">
              {blocs.map((b) => (
                <label key={b.blocId} className="block text-sm">
                  <span className="block text-tremor-content-emphasis">{b.name}</span>
                  <select name={`organiser.${b.blocId}`} defaultValue={b.organiser ?? ''} className={input} data-testid={`organiser-${b.blocId}`}>
                    <option value="">Chưa xác định</option>
                    {BLOC_ORGANISERS.map((o) => <option key={o} value={o}>{BLOC_ORGANISER_LABELS[o]}</option>)}
                  </select>
                  <span className="text-xs text-tremor-content">
                    {b.organiserSource === 'name' || b.organiserSource === 'import' ? 'Đoán từ tên khối' : b.organiserSource ? `Do ${b.organiserSource} chọn` : 'Chưa chọn'}
                  </span>
                </label>
              ))}
            </div>
          )}
          <button type="submit" data-testid="save-organisers" className="mt-3 rounded-tremor-small bg-tremor-brand px-4 py-2 text-sm font-semibold text-white hover:bg-tremor-brand-emphasis focus:outline-none focus:ring-2 focus:ring-tremor-brand">
            Lưu cơ quan tổ chức khối
          </button>
        </Section>
      </form>
    </>
  );
}

function Legal({ k }: { k: SettingKey }) {
  const text = SETTING_LEGAL[k];
  return text ? <span className="mt-0.5 block text-xs text-tremor-content">Căn cứ: {text}</span> : null;
}
