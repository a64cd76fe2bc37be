'use client';

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ImportIssue } from '@/lib/import/types';
import type { UnitReading } from '@/lib/units/resolve';
import { groupIssues, type IssueGroup } from '@/lib/units/group-issues';
import { readingLine } from '@/lib/units/messages';
import { formatNumber } from '@/lib/format';
import { api } from '@/lib/routes';

/**
 * The preview's unit-name parts: errors and warnings grouped by cause (one line per unknown
 * name with its rows), an unknown name mapped to a unit right there, and how names were read.
 * A mapping or a confirmation becomes an alias (POST /api/upload/units); the file is then
 * checked again from the copy kept on the server.
 */
interface UnitOption {
  unitId: number;
  name: string;
  abbreviation: string | null;
}

let unitsPromise: Promise<UnitOption[]> | null = null;
function loadUnits(): Promise<UnitOption[]> {
  unitsPromise ??= fetch(api.unitNames, { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : { units: [] }))
    .then((j: { units: UnitOption[] }) => j.units)
    .catch(() => {
      unitsPromise = null;
      return [];
    });
  return unitsPromise;
}

async function saveAlias(name: string, unitId: number): Promise<string | null> {
  const res = await fetch(api.unitNames, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, unitId }) });
  if (res.ok) return null;
  const j = (await res.json().catch(() => ({}))) as { error?: string };
  return j.error ?? 'Không lưu được tên gọi khác. Hãy thử lại.';
}

function MapName({ group, index, kind, onMapped }: { group: IssueGroup; index: number; kind: string; onMapped: () => void }) {
  const [units, setUnits] = useState<UnitOption[]>([]);
  const [unitId, setUnitId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void loadUnits().then((u) => live && setUnits(u));
    return () => {
      live = false;
    };
  }, []);
  const suggested = group.names.map((n) => units.find((u) => u.name === n)).filter((u): u is UnitOption => Boolean(u));
  const id = `map-${kind}-${index}`;
  return (
    <form
      className="mt-1 flex flex-wrap items-center gap-2"
      onSubmit={async (ev) => {
        ev.preventDefault();
        if (!unitId || !group.unitName) return;
        setBusy(true);
        setError(null);
        const err = await saveAlias(group.unitName, Number(unitId));
        setBusy(false);
        if (err) setError(err);
        else onMapped();
      }}
    >
      <label htmlFor={id} className="text-xs text-tremor-content">
        Là đơn vị:
      </label>
      <select id={id} value={unitId} onChange={(e) => setUnitId(e.target.value)} required className="rounded-md border-gray-300 py-1 text-xs" data-testid="map-unit-select">
        <option value="">— Chọn đơn vị —</option>
        {suggested.length > 0 && (
          <optgroup label="Gợi ý">
            {suggested.map((u) => (
              <option key={`s${u.unitId}`} value={u.unitId}>
                {u.name}
              </option>
            ))}
          </optgroup>
        )}
        <optgroup label="Tất cả đơn vị">
          {units.map((u) => (
            <option key={u.unitId} value={u.unitId}>
              {u.name}
              {u.abbreviation ? ` (${u.abbreviation})` : ''}
            </option>
          ))}
        </optgroup>
      </select>
      <button type="submit" disabled={busy || !unitId} className="rounded-md bg-blue-600 px-2 py-1 text-xs font-medium text-white hover:bg-blue-700 disabled:opacity-50">
        {busy ? 'Đang lưu…' : 'Lưu và kiểm tra lại'}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </form>
  );
}

/** Issues grouped by cause; the row-by-row table stays one click away. */
export function IssueGroups({ issues, kind, canMap, onMapped, children }: { issues: ImportIssue[]; kind: 'error' | 'warning'; canMap: boolean; onMapped: () => void; children: ReactNode }) {
  const groups = useMemo(() => groupIssues(issues), [issues]);
  const tone = kind === 'error' ? 'text-red-900' : 'text-amber-900';
  return (
    <div className="mt-2">
      <ul className={`space-y-1.5 text-sm ${tone}`} data-testid={kind === 'error' ? 'error-groups' : 'warning-groups'}>
        {groups.slice(0, 100).map((g, i) => (
          <li key={i} className="rounded-md bg-white px-3 py-1.5 ring-1 ring-gray-200">
            {g.line}
            {g.count > 1 && <span className="ml-1 text-xs text-tremor-content">— {formatNumber(g.count)} dòng</span>}
            {canMap && g.unitName && <MapName group={g} index={i} kind={kind} onMapped={onMapped} />}
          </li>
        ))}
      </ul>
      {groups.length > 100 && <p className="mt-1 text-xs text-tremor-content">… và {formatNumber(groups.length - 100)} nhóm khác.</p>}
      <details className="mt-2">
        <summary className="cursor-pointer text-xs text-tremor-content">Xem từng dòng ({formatNumber(issues.length)})</summary>
        {children}
      </details>
    </div>
  );
}

/** «Cách đọc tên đơn vị»: names not written as in the catalogue and how they were read; each can be confirmed as an alias. */
export function UnitReadings({ readings, canConfirm, onConfirmed }: { readings: UnitReading[] | undefined; canConfirm: boolean; onConfirmed: () => void }) {
  const [done, setDone] = useState<Record<string, string>>({});
  if (!readings?.length) return null;
  return (
    <details open className="rounded-md bg-sky-50 px-3 py-2 ring-1 ring-sky-200">
      <summary className="cursor-pointer text-sm font-semibold text-sky-900">Cách đọc tên đơn vị ({formatNumber(readings.length)})</summary>
      <p className="mt-1 text-xs text-sky-900">Các tên dưới đây không viết đúng như danh mục; hệ thống đã hiểu như sau. Nếu sai, hãy sửa tên trong tệp. Xác nhận để ghi nhớ tên đó.</p>
      <ul className="mt-2 space-y-1 text-sm" data-testid="unit-readings">
        {readings.map((r) => (
          <li key={r.text} className="flex flex-wrap items-center gap-2">
            <span>{readingLine(r)}</span>
            {canConfirm &&
              (done[r.text] ? (
                <span className="text-xs text-emerald-800">{done[r.text]}</span>
              ) : (
                <button
                  type="button"
                  className="rounded-md bg-white px-2 py-0.5 text-xs ring-1 ring-sky-300 hover:bg-sky-100"
                  onClick={async () => {
                    const err = await saveAlias(r.text, r.unitId);
                    setDone((d) => ({ ...d, [r.text]: err ?? 'Đã ghi nhớ.' }));
                    if (!err) onConfirmed();
                  }}
                >
                  Xác nhận
                </button>
              ))}
          </li>
        ))}
      </ul>
    </details>
  );
}
