import type { ReactNode } from 'react';
import type { UnitOption } from '@/lib/upload/aliases';
import { UnitSelect } from './unit-select';

/** The page's tables: a scrolling white box, one header row (an empty string: an unnamed column), the rows. */
export function UnitTable({ testId, headers, children }: { testId: string; headers: string[]; children: ReactNode }) {
  return (
    <div className="mt-2 overflow-x-auto rounded-tremor-default bg-white ring-1 ring-tremor-ring">
      <table className="min-w-full text-sm" data-testid={testId}>
        <thead className="bg-gray-50 text-left text-xs uppercase text-tremor-content">
          <tr>
            {headers.map((h, i) => (
              <th key={i} className="px-3 py-2">
                {h || null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">{children}</tbody>
      </table>
    </div>
  );
}

const BUTTON = {
  primary: 'whitespace-nowrap rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700',
  secondary: 'whitespace-nowrap rounded-md bg-white px-2 py-1 text-xs ring-1 ring-gray-300 hover:bg-gray-50',
};

/**
 * A row's form that says which unit a name is: the name (or alias key) as a hidden field, the
 * unit picker with its label for screen readers, and the button.
 */
export function UnitPickForm(props: {
  action: (form: FormData) => Promise<void>;
  field: { name: string; value: string };
  /** The name as written, for the picker's label. */
  name: string;
  id: string;
  units: UnitOption[];
  suggestions: string[];
  defaultValue?: number;
  button: string;
  look?: keyof typeof BUTTON;
}) {
  return (
    <form action={props.action} className="flex items-center gap-2">
      <input type="hidden" name={props.field.name} value={props.field.value} />
      <label htmlFor={props.id} className="sr-only">
        Đơn vị của «{props.name}»
      </label>
      <UnitSelect id={props.id} units={props.units} suggestions={props.suggestions} defaultValue={props.defaultValue} />
      <button type="submit" className={BUTTON[props.look ?? 'primary']}>
        {props.button}
      </button>
    </form>
  );
}
