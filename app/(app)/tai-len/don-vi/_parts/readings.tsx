import { formatNumber } from '@/lib/format';
import type { RecentReading, UnitOption } from '@/lib/upload/aliases';
import { addAliasAction } from '../actions';
import { UnitPickForm, UnitTable } from './unit-table';

/** Names read by rules in recent batches: confirm the reading (or pick another unit) and it becomes an alias. */
export function RecentReadings({ readings, units }: { readings: RecentReading[]; units: UnitOption[] }) {
  if (readings.length === 0) return null;
  return (
    <section className="mt-8">
      <h2 className="font-semibold text-tremor-content-strong">Cách đọc tên đơn vị chưa xác nhận ({formatNumber(readings.length)})</h2>
      <p className="mt-1 max-w-3xl text-sm text-tremor-content">
        Tên trong các lần nhập gần đây không viết đúng như danh mục; hệ thống đã hiểu như dưới đây. Xác nhận (hoặc chọn đơn vị khác) để ghi nhớ tên đó.
      </p>
      <UnitTable testId="readings-table" headers={['Tên trong tệp', 'Cách đọc', 'Là đơn vị']}>
        {readings.map((r, i) => (
          <tr key={`${r.batch_id}-${r.raw_name}`}>
            <td className="px-3 py-2 font-medium">
              «{r.raw_name}»<span className="block text-xs font-normal text-tremor-content">Lần nhập #{r.batch_id}: {r.file_name}</span>
            </td>
            <td className="px-3 py-2 text-xs text-tremor-content">{r.rule}</td>
            <td className="min-w-64 px-3 py-2">
              <UnitPickForm
                action={addAliasAction}
                field={{ name: 'name', value: r.raw_name }}
                name={r.raw_name}
                id={`reading-${i}`}
                units={units}
                suggestions={[r.unit_name]}
                defaultValue={r.unit_id}
                button="Xác nhận"
              />
            </td>
          </tr>
        ))}
      </UnitTable>
    </section>
  );
}
