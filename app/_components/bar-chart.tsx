'use client';

import { BarChart as TremorBarChart } from '@tremor/react';
import { formatNumber } from '@/lib/format';

/** Tremor's BarChart with vi-VN number formatting (formatters cannot cross from the server). */
export function BarChart(props: {
  data: Record<string, string | number>[];
  index: string;
  categories: string[];
  colors?: string[];
  layout?: 'vertical' | 'horizontal';
  stack?: boolean;
  className?: string;
}) {
  return (
    <TremorBarChart
      {...props}
      valueFormatter={(v: number) => formatNumber(v)}
      yAxisWidth={props.layout === 'vertical' ? 160 : 56}
      className={props.className ?? 'h-72'}
    />
  );
}
