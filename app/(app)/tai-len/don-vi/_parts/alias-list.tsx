import { formatNumber } from '@/lib/format';
import type { AliasRow, UnitOption } from '@/lib/upload/aliases';
import { removeAliasAction, updateAliasAction } from '../actions';
import { UnitPickForm, UnitTable } from './unit-table';

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
      <UnitTable testId="alias-table" headers={['Tên gọi khác', 'Là đơn vị', 'Người khai báo, lúc', '']}>
        {aliases.map((a, i) => (
          <tr key={a.alias_key}>
            <td className="px-3 py-2 font-medium">«{a.alias}»</td>
            <td className="min-w-64 px-3 py-2">
              {a.source === 'office' ? (
                <UnitPickForm
                  action={updateAliasAction}
                  field={{ name: 'aliasKey', value: a.alias_key }}
                  name={a.alias}
                  id={`alias-${i}`}
                  units={units}
                  suggestions={[]}
                  defaultValue={a.unit_id}
                  button="Sửa"
                  look="secondary"
                />
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
      </UnitTable>
    </section>
  );
}
