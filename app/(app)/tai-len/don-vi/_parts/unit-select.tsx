import type { UnitOption } from '@/lib/upload/aliases';

/** A unit picker: the suggestions first (ranked by meaning), then every unit. */
export function UnitSelect({ units, suggestions, id, defaultValue }: { units: UnitOption[]; suggestions: string[]; id: string; defaultValue?: number }) {
  const suggested = suggestions.map((s) => units.find((u) => u.name === s)).filter((u): u is UnitOption => Boolean(u));
  return (
    <select id={id} name="unitId" required defaultValue={defaultValue ?? ''} className="block w-full rounded-md border-gray-300 py-1.5 text-sm">
      <option value="" disabled>
        — Chọn đơn vị —
      </option>
      {suggested.length > 0 && (
        <optgroup label="Gợi ý">
          {suggested.map((u) => (
            <option key={`s${u.unit_id}`} value={u.unit_id}>
              {u.name}
            </option>
          ))}
        </optgroup>
      )}
      <optgroup label="Tất cả đơn vị">
        {units.map((u) => (
          <option key={u.unit_id} value={u.unit_id}>
            {u.name}
            {u.abbreviation ? ` (${u.abbreviation})` : ''}
          </option>
        ))}
      </optgroup>
    </select>
  );
}
