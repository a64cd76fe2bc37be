import type { ReactNode } from 'react';

/** The main button of the admin pages. */
export const PRIMARY_BUTTON =
  'inline-flex items-center rounded-tremor-small bg-tremor-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-tremor-brand-emphasis focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand';

/**
 * A table of the admin pages: it scrolls sideways below `minWidth` (a Tailwind min-w class), the
 * header cells are `headers` (the `numeric` ones right-aligned) and the rows are the children.
 */
export function AdminTable(props: { testId: string; minWidth: string; headers: string[]; numeric?: number[]; children: ReactNode }) {
  const last = props.headers.length - 1;
  return (
    <div className="overflow-x-auto">
      <table className={`w-full ${props.minWidth} text-sm`} data-testid={props.testId}>
        <thead>
          <tr className="border-b border-tremor-border text-left text-tremor-content">
            {props.headers.map((h, i) => (
              <th key={h} className={['py-2', i < last && 'pr-3', props.numeric?.includes(i) && 'text-right', 'font-medium'].filter(Boolean).join(' ')}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
