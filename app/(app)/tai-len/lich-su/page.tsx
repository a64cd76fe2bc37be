import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { DATASET_LABELS } from '@/lib/domain';
import { formatDateTime, formatNumber } from '@/lib/format';
import { countBatches, listBatchHistory } from '@/lib/upload/batches';
import { Pagination } from '@/app/_components/pagination';
import { firstValue, routes, type SearchParams, withQuery } from '@/lib/routes';
import { BatchActions } from '../_components/batch-facts';
import { BatchStatus } from '../_components/batch-status';
import { UploadTabs } from '../_components/sub-nav';

export const metadata: Metadata = { title: 'Lịch sử nhập dữ liệu' };
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 50;

function notice(sp: SearchParams): { tone: 'ok' | 'error'; text: string } | null {
  const undone = Number(firstValue(sp['da-hoan-tac']));
  if (Number.isInteger(undone) && undone > 0) return { tone: 'ok', text: `Đã hủy lần nhập #${undone}. Dữ liệu của lần nhập không còn trong các trang tổng hợp; tệp gốc vẫn được giữ.` };
  const lo = Number(firstValue(sp.lo));
  switch (firstValue(sp.loi)) {
    case 'da-hoan-tac':
      return { tone: 'error', text: `Lần nhập #${lo} đã được hủy trước đó.` };
    case 'don-vi-dang-dung':
      return { tone: 'error', text: `Không hủy được lần nhập #${lo}: dữ liệu nhập sau đó đang dùng đơn vị do lần nhập này thêm vào. Hãy hủy các lần nhập đó trước.` };
    case 'khong-hoan-tac':
      return { tone: 'error', text: `Không hủy được lần nhập #${lo}. Hãy tải lại trang để xem trạng thái mới nhất.` };
    default:
      return null;
  }
}

export default async function BatchHistoryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser('office');
  const sp = await searchParams;
  const page = Math.max(1, Math.floor(Number(firstValue(sp.trang)) || 1));
  const db = await getDb();
  const [batches, total] = await Promise.all([listBatchHistory(db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), countBatches(db)]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const note = notice(sp);

  return (
    <div>
      <h1 className="text-2xl font-semibold text-tremor-content-strong">Lịch sử nhập dữ liệu</h1>
      <p className="mt-1 text-sm text-tremor-content">
        Mỗi tệp đã nhập là một lần nhập. {user.role === 'admin' ? 'Quản trị viên có thể hủy mọi lần nhập.' : 'Bạn có thể hủy các lần nhập do chính bạn nhập.'} Tệp gốc được giữ để đối chiếu hoặc nhập lại.
      </p>
      <UploadTabs current={routes.uploadHistory} />
      {note && (
        <p
          role={note.tone === 'error' ? 'alert' : 'status'}
          className={`mt-4 rounded-md px-3 py-2 text-sm ring-1 ${note.tone === 'ok' ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : 'bg-red-50 text-red-800 ring-red-200'}`}
        >
          {note.text}
        </p>
      )}
      {batches.length === 0 ? (
        <p className="mt-6 rounded-tremor-default bg-white p-6 text-sm text-tremor-content ring-1 ring-tremor-ring">
          Chưa có lần nhập nào. <Link className="underline" href={routes.upload}>Tải tệp đầu tiên lên</Link>.
        </p>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-tremor-default bg-white ring-1 ring-tremor-ring">
          <table className="min-w-full text-sm" data-testid="batch-table">
            <thead className="whitespace-nowrap bg-gray-50 text-left text-xs uppercase text-tremor-content">
              <tr>
                <th className="px-3 py-2">Lần nhập</th>
                <th className="px-3 py-2">Thời gian</th>
                <th className="px-3 py-2">Người nhập</th>
                <th className="px-3 py-2">Tệp</th>
                <th className="px-3 py-2">Loại dữ liệu</th>
                <th className="px-3 py-2">Kỳ / khối</th>
                <th className="px-3 py-2 text-right">Số dòng</th>
                <th className="px-3 py-2">Trạng thái</th>
                <th className="px-3 py-2">Thao tác</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {batches.map((b) => (
                <tr key={b.batch_id} data-batch-id={b.batch_id}>
                  <td className="px-3 py-2 font-medium tabular-nums">
                    <Link className="text-blue-700 underline" href={routes.batch(b.batch_id)} title="Chi tiết: cách đọc tệp và cảnh báo">
                      #{b.batch_id}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatDateTime(b.imported_at)}</td>
                  <td className="px-3 py-2">{b.imported_by}</td>
                  <td className="max-w-xs truncate px-3 py-2" title={b.file_name}>
                    {b.file_name}
                  </td>
                  <td className="min-w-36 px-3 py-2">{DATASET_LABELS[b.dataset]}</td>
                  <td className="px-3 py-2">{[b.period, b.bloc_name].filter(Boolean).join(' · ') || '–'}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {formatNumber(b.rows_loaded)}
                    {b.rows_skipped > 0 && <span className="block text-xs text-tremor-content">+{formatNumber(b.rows_skipped)} trùng lần nhập khác</span>}
                    {b.warnings > 0 && <span className="block text-xs text-amber-700">{formatNumber(b.warnings)} cảnh báo</span>}
                  </td>
                  <td className="px-3 py-2">
                    <BatchStatus batch={b} />
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">
                    <BatchActions batch={b} user={user} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <Pagination page={page} pages={pages} total={total} pageSize={PAGE_SIZE} noun="lần nhập" hrefFor={(p) => withQuery(routes.uploadHistory, { trang: p > 1 ? p : null })} />
      )}
    </div>
  );
}
