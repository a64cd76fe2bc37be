import { formatDateTime } from '@/lib/format';
import type { BatchRow } from '@/lib/upload/batches';

export function BatchStatus({ batch }: { batch: BatchRow }) {
  if (batch.status === 'loaded') {
    return <span className="whitespace-nowrap rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Đã nhập</span>;
  }
  return (
    <span className="whitespace-nowrap rounded-full bg-gray-100 px-2 py-0.5 text-xs font-medium text-gray-700" title={`Hủy lần nhập bởi ${batch.undone_by ?? '?'} lúc ${formatDateTime(batch.undone_at)}`}>
      Đã hủy
    </span>
  );
}
