import { formatNumber } from '@/lib/format';
import type { RecentReading, UnitOption } from '@/lib/upload/aliases';
import { addAliasAction } from '../actions';
import { UnitSelect } from './unit-select';

/** Names read by rules in recent batches: confirm the reading (or pick another unit) and it becomes an alias. */
export function RecentReadings({ readings, units }: { readings: RecentReading[]; units: UnitOption[] }) {
  if (readings.length === 0) return null;
  return (
    <section className="mt-8">
      <h2 className="font-semibold text-tremor-content-strong">Cách đọc tên đơn vị chưa xác nhận ({formatNumber(readings.length)})</h2>
      <p className="mt-1 max-w-3xl text-sm text-tremor-content">
        Tên trong các lần nhập gần đây không viết đúng như danh mục; hệ thống đã hiểu như dưới đây. Xác nhận (hoặc chọn đơn vị khác) để ghi nhớ tên đó.
      </p>
      <div className="mt-2 overflow-x-auto rounded-tremor-default bg-white ring-1 ring-tremor-ring">
        <table className="min-w-full text-sm" data-testid="readings-table">
          <thead className="bg-gray-50 text-left text-xs uppercase text-tremor-content">
            <tr>
              <th className="px-3 py-2">Tên trong tệp</th>
              <th className="px-3 py-2">Cách đọc</th>
              <th className="px-3 py-2">Là đơn vị</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {readings.map((r, i) => (
              <tr key={`${r.batch_id}-${r.raw_name}`}>
                <td className="px-3 py-2 font-medium">
                  «{r.raw_name}»<span className="block text-xs font-normal text-tremor-content">Lần nhập #{r.batch_id}: {r.file_name}</span>
                </td>
                <td className="px-3 py-2 text-xs text-tremor-content">{r.rule}</td>
                <td className="min-w-64 px-3 py-2">
                  <form action={addAliasAction} className="flex items-center gap-2">
                    <input type="hidden" name="name" value={r.raw_name} />
                    <label htmlFor={`reading-${i}`} className="sr-only">
                      Đơn vị của «{r.raw_name}»
                    </label>
                    <UnitSelect id={`reading-${i}`} units={units} suggestions={[r.unit_name]} defaultValue={r.unit_id} />
                    <button type="submit" className="whitespace-nowrap rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700">
                      Xác nhận
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
