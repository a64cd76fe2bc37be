import { DATASET_LABELS } from '@/lib/domain';
import { formatDateTime, formatNumber } from '@/lib/format';
import type { BatchRow } from '@/lib/upload/batches';
import { BatchStatus } from './batch-status';

/** What a batch is: its file, dataset, period or bloc, who loaded it and when, rows, status. */
export function BatchFacts({ batch }: { batch: BatchRow }) {
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
