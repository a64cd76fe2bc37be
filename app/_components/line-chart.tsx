'use client';

import { LineChart as TremorLineChart } from '@tremor/react';
import { formatNumber } from '@/lib/format';
import { CHART_HEIGHT, ChartBox, stillWidth } from './chart-box';
import type { ChartColor } from './chart-colors';
import { StillLineChart } from './chart-still';

/**
 * Tremor's LineChart with vi-VN number formatting (formatters cannot cross from the server), drawn
 * first by the server as a still picture (chart-box.tsx). `wide` marks a chart that spans the page.
 */
export function LineChart(props: {
  data: Record<string, string | number | null>[];
  index: string;
  categories: string[];
  colors?: ChartColor[];
  height?: number;
  wide?: boolean;
  connectNulls?: boolean;
}) {
  const height = props.height ?? CHART_HEIGHT;
  const valueFormatter = (v: number) => formatNumber(v);
  const common = { data: props.data, index: props.index, categories: props.categories, colors: props.colors, yAxisWidth: 56, valueFormatter, connectNulls: props.connectNulls };
  return (
    <ChartBox
      height={height}
      still={<StillLineChart {...common} width={stillWidth(props.wide)} height={height} />}
      live={<TremorLineChart {...common} className="h-full" />}
    />
  );
}
