'use client';

import { BarChart as TremorBarChart } from '@tremor/react';
import { chartLabel, formatNumber } from '@/lib/format';

/**
 * Tremor's BarChart with vi-VN number formatting (formatters cannot cross from the server).
 * Horizontal bars (layout "vertical") label each bar on one line of the 160 px axis: long names
 * (award forms, units) are shortened there so they never wrap or overlap; the full names are in
 * the table beside every chart. Two names shortened alike get their order number.
 */
export function BarChart(props: {
  data: Record<string, string | number>[];
  index: string;
  categories: string[];
  colors?: string[];
  layout?: 'vertical' | 'horizontal';
  stack?: boolean;
  className?: string;
}) {
  const data = props.layout === 'vertical' ? withShortLabels(props.data, props.index) : props.data;
  return (
    <TremorBarChart
      {...props}
      data={data}
      valueFormatter={(v: number) => formatNumber(v)}
      yAxisWidth={props.layout === 'vertical' ? 160 : 56}
      className={props.className ?? 'h-72'}
    />
  );
}

function withShortLabels(data: Record<string, string | number>[], index: string): Record<string, string | number>[] {
  const seen = new Set<string>();
  return data.map((d, i) => {
    let label = chartLabel(String(d[index]));
    if (seen.has(label)) label = chartLabel(`${i + 1}. ${String(d[index])}`);
    seen.add(label);
    return { ...d, [index]: label };
  });
}
