'use client';

import { LineChart as TremorLineChart } from '@tremor/react';
import { formatNumber } from '@/lib/format';

/** Tremor's LineChart with vi-VN number formatting (formatters cannot cross from the server). */
export function LineChart(props: {
  data: Record<string, string | number | null>[];
  index: string;
  categories: string[];
  colors?: string[];
  className?: string;
  connectNulls?: boolean;
}) {
  return (
    <TremorLineChart
      {...props}
      valueFormatter={(v: number) => formatNumber(v)}
      yAxisWidth={56}
      className={props.className ?? 'h-72'}
    />
  );
}
