import type { Metadata } from 'next';
import { readFlash } from '@/lib/flash';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { formatNumber } from '@/lib/format';
import { listAliases, listRecentReadings, listUnitOptions, listUnresolvedNames } from '@/lib/upload/aliases';
import { RecentReadings } from './_parts/readings';
import { AliasList } from './_parts/alias-list';
import { UnitSelect } from './_parts/unit-select';
import { UnitPickForm, UnitTable } from './_parts/unit-table';
import { UploadTabs } from '../_components/sub-nav';
import { addAliasAction } from './actions';

export const metadata: Metadata = { title: 'Tên đơn vị chưa nhận ra' };
export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function UnitAliasesPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser('office');
  const sp = await searchParams;
  const db = await getDb();
  const [unresolved, units, aliases, readings] = await Promise.all([listUnresolvedNames(db), listUnitOptions(db), listAliases(db), listRecentReadings(db)]);
  const ok = readFlash(one(sp.ok), user.userId);
  const error = readFlash(one(sp.loi), user.userId);

  return (
    <div>
      <h1 className="text-2xl font-semibold text-tremor-content-strong">Tên đơn vị chưa nhận ra</h1>
      <p className="mt-1 max-w-3xl text-sm text-tremor-content">
        Các tên đơn vị trong tệp đã tải lên mà hệ thống chưa khớp được với danh mục. Chọn đơn vị mà tên đó muốn nói; hệ thống ghi nhớ
        tên này là tên gọi khác, và từ lần tải lên sau sẽ tự nhận ra.
      </p>
      <UploadTabs current="/tai-len/don-vi" />
      {ok && (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200">
          {ok}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      )}

      {units.length === 0 ? (
        <p className="mt-6 rounded-tremor-default bg-white p-6 text-sm ring-1 ring-tremor-ring">
          Chưa có danh mục đơn vị. Hãy tải tệp danh mục đơn vị và khối thi đua lên trước.
        </p>
      ) : (
        <>
          <section className="mt-6">
            <h2 className="font-semibold text-tremor-content-strong">Cần xác định ({formatNumber(unresolved.length)})</h2>
            {unresolved.length === 0 ? (
              <p className="mt-2 text-sm text-tremor-content">Không có tên đơn vị nào chưa nhận ra.</p>
            ) : (
              <UnitTable testId="unresolved-table" headers={['Tên trong tệp', 'Xuất hiện', 'Là đơn vị', '']}>
                {unresolved.map((u, i) => (
                  <tr key={u.name}>
                    <td className="px-3 py-2 font-medium">{u.name}</td>
                    <td className="px-3 py-2 text-tremor-content">
                      {u.storedRows > 0 && <span className="block">{formatNumber(u.storedRows)} dòng đã lưu chưa gắn đơn vị</span>}
                      {u.rejectedMentions > 0 && <span className="block">{formatNumber(u.rejectedMentions)} lỗi trong tệp bị từ chối</span>}
                      {u.lastFile && <span className="block text-xs">Tệp: {u.lastFile}</span>}
                    </td>
                    <td className="min-w-64 px-3 py-2" colSpan={2}>
                      <UnitPickForm
                        action={addAliasAction}
                        field={{ name: 'name', value: u.name }}
                        name={u.name}
                        id={`unit-${i}`}
                        units={units}
                        suggestions={u.suggestions}
                        button="Lưu"
                      />
                    </td>
                  </tr>
                ))}
              </UnitTable>
            )}
          </section>

          <section className="mt-8 max-w-2xl rounded-tremor-default bg-white p-5 ring-1 ring-tremor-ring">
            <h2 className="font-semibold text-tremor-content-strong">Thêm tên gọi khác</h2>
            <p className="mt-1 text-sm text-tremor-content">Ví dụ một tên viết tắt hay dùng: «P. NS», «Văn phòng Sở».</p>
            <form action={addAliasAction} className="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
              <label className="text-sm">
                <span className="text-tremor-content">Tên gọi khác</span>
                <input name="name" required maxLength={200} className="mt-1 block w-full rounded-md border-gray-300 py-1.5 text-sm" />
              </label>
              <label className="text-sm">
                <span className="text-tremor-content">Là đơn vị</span>
                <UnitSelect id="unit-free" units={units} suggestions={[]} />
              </label>
              <button type="submit" className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700">
                Lưu
              </button>
            </form>
          </section>

          <RecentReadings readings={readings} units={units} />
          <AliasList aliases={aliases} units={units} />
        </>
      )}
    </div>
  );
}
