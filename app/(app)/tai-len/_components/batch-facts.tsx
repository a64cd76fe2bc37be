import Link from 'next/link';
import type { SessionUser } from '@/lib/auth/types';
import { DATASET_LABELS } from '@/lib/domain';
import { formatDateTime, formatNumber } from '@/lib/format';
import { api, routes } from '@/lib/routes';
import { canUndo, originalPath, type BatchRow } from '@/lib/upload/batches';
import { BatchStatus } from './batch-status';

/** The top of a page about one batch: the way back to the history, the title, the batch's facts. */
export function BatchHeading({ title, batch }: { title: string; batch: BatchRow }) {
  return (
    <>
      <p className="text-sm">
        <Link className="underline" href={routes.uploadHistory}>
          ← Lịch sử nhập
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold text-tremor-content-strong">{title}</h1>
      <BatchFacts batch={batch} />
    </>
  );
}

/** What the user may do with a batch: download its kept original, import it again once undone, undo it. */
export function BatchActions({ batch, user }: { batch: BatchRow; user: SessionUser }) {
  const kept = originalPath(batch) !== null;
  return (
    <div className="flex gap-3">
      {kept && (
        <a className="text-blue-700 underline" href={api.batchOriginal(batch.batch_id)}>
          Tệp gốc
        </a>
      )}
      {batch.status === 'undone' && kept && (
        <form method="post" action={api.batchReimport(batch.batch_id)}>
          <button type="submit" className="text-blue-700 underline">
            Nhập lại
          </button>
        </form>
      )}
      {canUndo(user, batch) && (
        <Link className="text-red-700 underline" href={routes.undoBatch(batch.batch_id)}>
          Hủy lần nhập
        </Link>
      )}
    </div>
  );
}

/** What a batch is: its file, dataset, period or bloc, who loaded it and when, rows, status. */
function BatchFacts({ batch }: { batch: BatchRow }) {
  return (
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
      <dd className="tabular-nums">
        {formatNumber(batch.rows_loaded)}
        {batch.rows_skipped > 0 && <span className="text-tremor-content"> (+{formatNumber(batch.rows_skipped)} dòng trùng lần nhập khác, không nhập lại)</span>}
      </dd>
      <dt className="text-tremor-content">Trạng thái</dt>
      <dd>
        <BatchStatus batch={batch} />
      </dd>
    </dl>
  );
}
