import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { formatDateTime, formatNumber } from '@/lib/format';
import { canUndo, getBatch } from '@/lib/upload/batches';
import { api, routes } from '@/lib/routes';
import { BatchHeading } from '../../../_components/batch-facts';

export const metadata: Metadata = { title: 'Hủy lần nhập dữ liệu' };
export const dynamic = 'force-dynamic';

/** The confirmation step before an undo: what the batch holds and what undoing it removes. */
export default async function UndoBatchPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('office');
  const db = await getDb();
  const batch = await getBatch(db, Number((await params).id));
  if (!batch) notFound();
  const allowed = canUndo(user, batch);

  return (
    <div className="mx-auto max-w-3xl">
      <BatchHeading title={`Hủy lần nhập #${batch.batch_id}`} batch={batch} />

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

      <p className="mt-6 text-sm">
        <Link className="underline" href={routes.batch(batch.batch_id)}>
          Xem cách chương trình đã đọc tệp và các cảnh báo của lần nhập này
        </Link>
      </p>
    </div>
  );
}
