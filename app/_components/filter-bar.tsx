import Link from 'next/link';
import { CHANNELS_IN_ORDER, CHANNEL_LABELS } from '@/lib/domain';
import { GRAIN_LABELS, makePeriod, periodLabel, type Grain } from '@/lib/periods';
import type { Option } from '@/lib/queries/options';
import { FilterForm } from './auto-submit';
import { OptionSelect } from './option-select';

/** Options as OptionSelect takes them: "id\tname" lines (imported names hold no tab or line break). */
function packOptions(options: Option[]): string {
  return options.map((o) => `${o.id}\t${o.name.replace(/[\t\n]/g, ' ')}`).join('\n');
}

/**
 * Past a few hundred units a select is no longer a way to find one (and would be most of the
 * page): without a bloc chosen it then offers the chosen unit only and asks for a bloc first.
 */
const MAX_UNIT_CHOICES = 300;
function unitChoices(units: Option[], v: FilterValues): { allLabel: string; options: string } {
  if (units.length <= MAX_UNIT_CHOICES || v.bloc != null) return { allLabel: 'Tất cả đơn vị', options: packOptions(units) };
  return { allLabel: 'Tất cả đơn vị (chọn khối để chọn đơn vị)', options: packOptions(units.filter((u) => u.id === v.unit)) };
}

const GRAINS: Grain[] = ['year', 'half', 'quarter', 'month'];

/** Period ids of a year, for the period select: the year, its halves, quarters and months. */
function periodChoices(year: number) {
  return [
    makePeriod('year', year),
    makePeriod('half', year, 1),
    makePeriod('half', year, 2),
    ...[1, 2, 3, 4].map((q) => makePeriod('quarter', year, q)),
    ...Array.from({ length: 12 }, (_, i) => makePeriod('month', year, i + 1)),
  ];
}

const select =
  'mt-1 block w-full rounded-tremor-small border-tremor-border bg-white py-1.5 pl-2 pr-8 text-sm shadow-tremor-input focus:border-tremor-brand focus:ring-tremor-brand';

function Field({ label, name, children }: { label: string; name: string; children: React.ReactNode }) {
  return (
    <label className="block min-w-0 text-xs font-semibold text-tremor-content" htmlFor={`f-${name}`}>
      {label}
      {children}
    </label>
  );
}

interface FilterValues {
  period?: string | null;
  grain?: Grain | null;
  bloc?: number | null;
  unit?: number | null;
  movement?: number | null;
  channel?: string | null;
  q?: string | null;
}

/**
 * The filter bar: a GET form, so the view is a URL (shareable; back/forward work). Only the
 * fields given are shown; `hidden` keeps other params (sort, size) when filters change.
 */
export function FilterBar(props: {
  action: string;
  values: FilterValues;
  years: number[];
  blocs?: Option[];
  units?: Option[];
  movements?: Option[];
  show: { period?: boolean; allPeriods?: boolean; grain?: boolean; bloc?: boolean; unit?: boolean; movement?: boolean; channel?: boolean; q?: boolean };
  hidden?: Record<string, string | null | undefined>;
  extra?: React.ReactNode;
}) {
  const { values: v, show } = props;
  const years = [...new Set([...props.years, ...(v.period ? [Number(v.period.slice(0, 4))] : [])])].filter(Number.isFinite).sort((a, b) => b - a);
  return (
    <FilterForm action={props.action} className="no-print mt-4 rounded-tremor-default border border-tremor-border bg-white p-3 shadow-tremor-card">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {show.q && (
          <Field label="Tìm kiếm (không cần dấu)" name="q">
            <input id="f-q" name="q" type="search" defaultValue={v.q ?? ''} placeholder="vd. nguyen van" className={select} maxLength={100} />
          </Field>
        )}
        {show.period && (
          <Field label="Kỳ" name="period">
            <select id="f-period" name="period" defaultValue={v.period ?? ''} className={select}>
              {show.allPeriods && <option value="">Mọi kỳ</option>}
              {years.map((y) => (
                <optgroup key={y} label={`Năm ${y}`}>
                  {periodChoices(y).map((p) => (
                    <option key={p.id} value={p.id}>
                      {periodLabel(p)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
        )}
        {show.grain && (
          <Field label="Chia theo" name="grain">
            <select id="f-grain" name="grain" defaultValue={v.grain ?? 'month'} className={select}>
              {GRAINS.map((g) => (
                <option key={g} value={g}>
                  {GRAIN_LABELS[g]}
                </option>
              ))}
            </select>
          </Field>
        )}
        {show.bloc && props.blocs && (
          <Field label="Khối thi đua" name="bloc">
            <OptionSelect id="f-bloc" name="bloc" value={v.bloc ?? null} allLabel="Tất cả khối" options={packOptions(props.blocs)} className={select} />
          </Field>
        )}
        {show.unit && props.units && (
          <Field label="Đơn vị" name="unit">
            <OptionSelect id="f-unit" name="unit" value={v.unit ?? null} {...unitChoices(props.units, v)} className={select} />
          </Field>
        )}
        {show.movement && props.movements && props.movements.length > 0 && (
          <Field label="Phong trào" name="movement">
            <OptionSelect id="f-movement" name="movement" value={v.movement ?? null} allLabel="Tất cả phong trào" options={packOptions(props.movements)} className={select} />
          </Field>
        )}
        {show.channel && (
          <Field label="Kênh tuyên truyền" name="channel">
            <select id="f-channel" name="channel" defaultValue={v.channel ?? ''} className={select}>
              <option value="">Tất cả kênh</option>
              {CHANNELS_IN_ORDER.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABELS[c]}
                </option>
              ))}
            </select>
          </Field>
        )}
        {props.extra}
      </div>
      {Object.entries(props.hidden ?? {}).map(([k, val]) => (val ? <input key={k} type="hidden" name={k} value={val} /> : null))}
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" className="rounded-tremor-small bg-tremor-brand px-4 py-1.5 text-sm font-semibold text-white hover:bg-tremor-brand-emphasis focus:outline-none focus:ring-2 focus:ring-tremor-brand-emphasis focus:ring-offset-2">
          Xem
        </button>
        <Link href={props.action} className="text-sm text-tremor-brand-emphasis underline">
          Bỏ bộ lọc
        </Link>
      </div>
    </FilterForm>
  );
}

/** A select for the filter bar's `extra` slot (list-specific filters). */
export function ExtraSelect({ label, name, value, options, allLabel }: { label: string; name: string; value: string | null; options: { value: string; label: string }[]; allLabel: string }) {
  return (
    <Field label={label} name={name}>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ''} className={select}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
