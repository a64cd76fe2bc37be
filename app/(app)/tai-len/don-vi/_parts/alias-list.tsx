import { formatNumber } from '@/lib/format';
import type { AliasRow, UnitOption } from '@/lib/upload/aliases';
import { removeAliasAction, updateAliasAction } from '../actions';
import { UnitSelect } from './unit-select';

function who(a: AliasRow): string {
  if (a.source === 'import') return 'từ tệp danh mục đơn vị';
  const made = a.created_by ? `${a.created_by}${a.created_at ? `, ${a.created_at}` : ''}` : 'Văn phòng';
  return a.updated_by ? `${made}; sửa: ${a.updated_by}${a.updated_at ? `, ${a.updated_at}` : ''}` : made;
}

/** Aliases the Office added can be pointed at another unit or removed; those from a units file are listed only. */
export function AliasList({ aliases, units }: { aliases: AliasRow[]; units: UnitOption[] }) {
  if (aliases.length === 0) return null;
  return (
    <section className="mt-8">
      <h2 className="font-semibold text-tremor-content-strong">Tên gọi khác ({formatNumber(aliases.length)})</h2>
      <div className="mt-2 overflow-x-auto rounded-tremor-default bg-white ring-1 ring-tremor-ring">
        <table className="min-w-full text-sm" data-testid="alias-table">
          <thead className="bg-gray-50 text-left text-xs uppercase text-tremor-content">
            <tr>
              <th className="px-3 py-2">Tên gọi khác</th>
              <th className="px-3 py-2">Là đơn vị</th>
              <th className="px-3 py-2">Người khai báo, lúc</th>
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {aliases.map((a, i) => (
              <tr key={a.alias_key}>
                <td className="px-3 py-2 font-medium">«{a.alias}»</td>
                <td className="min-w-64 px-3 py-2">
                  {a.source === 'office' ? (
                    <form action={updateAliasAction} className="flex items-center gap-2">
                      <input type="hidden" name="aliasKey" value={a.alias_key} />
                      <label htmlFor={`alias-${i}`} className="sr-only">
                        Đơn vị của «{a.alias}»
                      </label>
                      <UnitSelect id={`alias-${i}`} units={units} suggestions={[]} defaultValue={a.unit_id} />
                      <button type="submit" className="whitespace-nowrap rounded-md bg-white px-2 py-1 text-xs ring-1 ring-gray-300 hover:bg-gray-50">
                        Sửa
                      </button>
                    </form>
                  ) : (
                    a.unit_name
                  )}
                </td>
                <td className="px-3 py-2 text-xs text-tremor-content">{who(a)}</td>
                <td className="px-3 py-2">
                  {a.source === 'office' && (
                    <form action={removeAliasAction}>
                      <input type="hidden" name="aliasKey" value={a.alias_key} />
                      <button type="submit" className="text-xs text-red-700 underline">
                        Xóa
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
