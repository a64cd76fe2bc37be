import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { DATASET_LABELS } from '@/lib/domain';
import { formatDateTime, formatNumber } from '@/lib/format';
import { batchIssues, canUndo, getBatch } from '@/lib/upload/batches';
import { api, routes } from '@/lib/routes';
import { BatchStatus } from '../../../_components/batch-status';

export const metadata: Metadata = { title: 'Hủy lần nhập dữ liệu' };
export const dynamic = 'force-dynamic';

/** The confirmation step before an undo: what the batch holds and what undoing it removes. */
export default async function UndoBatchPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('office');
  const db = await getDb();
  const batch = await getBatch(db, Number((await params).id));
  if (!batch) notFound();
  const allowed = canUndo(user, batch);
  const warnings = await batchIssues(db, batch.batch_id, 20);

  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link className="underline" href={routes.uploadHistory}>
          ← Lịch sử nhập
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold text-tremor-content-strong">Hủy lần nhập #{batch.batch_id}</h1>
      <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 rounded-tremor-default bg-white p-5 text-sm ring-1 ring-tremor-ring">
        <dt className="text-tremor-content">Tệp</dt>
        <dd className="font-medium">{batch.file_name}</dd>
        <dt className="text-tremor-content">Loại dữ liệu</dt>
        <dd>{DATASET_LABELS[batch.dataset]}</dd>
        <dt className="text-tremor-content">Kỳ / khối</dt>
        <dd>{[batch.period, batch.bloc_name].filter(Boolean).join(' · ') || '–'}</dd>
        <dt className="text-tremor-content">Người nhập, thời gian</dt>
        <dd>
          {batch.imported_by}, {formatDateTime(batch.imported_at)}
        </dd>
        <dt className="text-tremor-content">Số dòng</dt>
        <dd className="tabular-nums">{formatNumber(batch.rows_loaded)}</dd>
        <dt className="text-tremor-content">Trạng thái</dt>
        <dd>
          <BatchStatus batch={batch} />
        </dd>
      </dl>

      {batch.status !== 'loaded' ? (
        <p className="mt-6 rounded-md bg-gray-50 px-3 py-2 text-sm ring-1 ring-gray-200">
          Lần nhập này đã được hủy bởi {batch.undone_by ?? '?'} lúc {formatDateTime(batch.undone_at)}.
        </p>
      ) : !allowed ? (
        <p role="alert" className="mt-6 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          Chỉ người thực hiện lần nhập này ({batch.imported_by}) hoặc quản trị viên được hủy.
        </p>
      ) : (
        <form method="post" action={api.batchUndo(batch.batch_id)} className="mt-6 rounded-tremor-default bg-red-50 p-5 ring-1 ring-red-200">
          <p className="text-sm text-red-900">
            Hủy lần nhập sẽ gỡ <strong>{formatNumber(batch.rows_loaded)} dòng</strong> của lần nhập này khỏi mọi trang tổng hợp và báo cáo.
            {batch.dataset === 'units' && ' Với danh mục đơn vị, các đơn vị đã tạo vẫn được giữ; chỉ thành viên khối của lần nhập bị gỡ.'} Tệp gốc vẫn
            được giữ, có thể nhập lại sau. Thao tác này được ghi lại với tên của bạn.
          </p>
          <div className="mt-4 flex gap-3">
            <button type="submit" className="rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700 focus:outline-none focus:ring-2 focus:ring-red-500 focus:ring-offset-2">
              Xác nhận hủy lần nhập #{batch.batch_id}
            </button>
            <Link href={routes.uploadHistory} className="rounded-md px-4 py-2 text-sm font-medium text-tremor-content ring-1 ring-tremor-ring hover:bg-white">
              Không, quay lại
            </Link>
          </div>
        </form>
      )}

      {warnings.length > 0 && (
        <section className="mt-6">
          <h2 className="text-sm font-semibold text-tremor-content-strong">Cảnh báo của lần nhập này</h2>
          <ul className="mt-2 space-y-1 text-sm text-tremor-content">
            {warnings.map((w, i) => (
              <li key={i}>
                {w.row_no ? `Dòng ${w.row_no}` : 'Tệp'}
                {w.column_name ? `, cột «${w.column_name}»` : ''}: {w.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
