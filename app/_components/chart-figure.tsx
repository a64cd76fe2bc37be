/**
 * A chart with its accessible alternative: the same numbers as a table in a <details>
 * (keyboard-openable, read by screen readers). Printing keeps the chart and drops the toggle.
 */
export function ChartFigure(props: {
  caption: string;
  chart: React.ReactNode;
  columns: string[];
  rows: (string | number | React.ReactNode)[][];
  testId?: string;
}) {
  return (
    <figure className="break-inside-avoid" data-testid={props.testId}>
      <div aria-hidden="true">{props.chart}</div>
      <details className="chart-table mt-2 text-sm print:hidden">
        <summary className="cursor-pointer text-tremor-brand-emphasis">Xem dạng bảng: {props.caption}</summary>
        <DataTable caption={props.caption} columns={props.columns} rows={props.rows} />
      </details>
    </figure>
  );
}

/** A plain accessible table; numbers (already formatted) are right-aligned when the column header says so. */
export function DataTable(props: {
  caption?: string;
  columns: (string | React.ReactNode)[];
  rows: (string | number | React.ReactNode)[][];
  numeric?: number[];
  testId?: string;
}) {
  const numeric = new Set(props.numeric ?? []);
  return (
    <div className="mt-2 overflow-x-auto">
      {/* Wide tables keep readable columns on a phone and scroll sideways instead of squeezing. */}
      <table className={`text-sm ${props.columns.length > 4 ? 'min-w-[44rem] md:min-w-full' : 'min-w-full'}`} data-testid={props.testId}>
        {props.caption && <caption className="sr-only">{props.caption}</caption>}
        <thead>
          <tr className="border-b border-tremor-border text-left text-xs uppercase text-tremor-content">
            {props.columns.map((c, i) => (
              <th key={i} scope="col" className={`px-2 py-2 font-semibold ${numeric.has(i) ? 'text-right' : ''}`}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={i} className="border-b border-tremor-border/60 last:border-0">
              {r.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row" className="px-2 py-1.5 text-left font-normal">
                    {cell}
                  </th>
                ) : (
                  <td key={j} className={`px-2 py-1.5 ${numeric.has(j) ? 'text-right tabular-nums' : ''}`}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
