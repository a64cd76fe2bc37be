'use client';

import { BarChart as TremorBarChart } from '@tremor/react';
import { chartLabel, formatNumber } from '@/lib/format';
import { CHART_HEIGHT, ChartBox, stillWidth } from './chart-box';
import type { ChartColor } from './chart-colors';
import { StillBarChart } from './chart-still';

/** Width of the label axis of horizontal bars, and how many characters of a label fit on its one line. */
const LABEL_AXIS_PX = 184;
const LABEL_CHARS = 25;

/**
 * Tremor's BarChart with vi-VN number formatting (formatters cannot cross from the server), drawn
 * first by the server as a still picture (chart-box.tsx). Horizontal bars (layout "vertical") label
 * each bar on one line of the label axis: long names (award forms, units) are shortened there so they
 * never wrap or overlap; the full names are in the table beside every chart. Two names shortened
 * alike get their order number. `wide` marks a chart that spans the page (the still picture's width).
 */
export function BarChart(props: {
  data: Record<string, string | number>[];
  index: string;
  categories: string[];
  colors?: ChartColor[];
  layout?: 'vertical' | 'horizontal';
  stack?: boolean;
  height?: number;
  wide?: boolean;
}) {
  const layout = props.layout ?? 'horizontal';
  const data = layout === 'vertical' ? withShortLabels(props.data, props.index) : props.data;
  const yAxisWidth = layout === 'vertical' ? LABEL_AXIS_PX : 56;
  const height = props.height ?? CHART_HEIGHT;
  const valueFormatter = (v: number) => formatNumber(v);
  const common = { data, index: props.index, categories: props.categories, colors: props.colors, yAxisWidth, valueFormatter };
  return (
    <ChartBox
      height={height}
      still={<StillBarChart {...common} layout={layout} stack={props.stack} width={stillWidth(props.wide)} height={height} />}
      live={<TremorBarChart {...common} layout={layout} stack={props.stack} className="h-full" />}
    />
  );
}

/**
 * Labels joined by no-break spaces: Recharts wraps an axis label at spaces by measuring it without
 * the axis's 12 px font (as if 16 px), which broke 20-character names into three lines.
 */
function withShortLabels(data: Record<string, string | number>[], index: string): Record<string, string | number>[] {
  const seen = new Set<string>();
  return data.map((d, i) => {
    let label = chartLabel(String(d[index]), LABEL_CHARS);
    if (seen.has(label)) label = chartLabel(`${i + 1}. ${String(d[index])}`, LABEL_CHARS);
    seen.add(label);
    return { ...d, [index]: label.replace(/ /g, '\u00a0') };
  });
}
