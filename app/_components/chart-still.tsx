'use client';

import { Legend as TremorLegend } from '@tremor/react';
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import { TREMOR_ORDER, type ChartColor } from './chart-colors';

/**
 * Still pictures of the Tremor charts, drawn by the server into the HTML (see chart-box.tsx):
 * the same Recharts parts, colours, grid, axes and legend Tremor draws, at a fixed size (the
 * box scales it), with no tooltip or animation. The server cannot measure text, so the category
 * axis is thinned here by an estimate of the labels' width instead.
 */

/** Tremor's legend row above the plot, as measured in the browser. */
const LEGEND_HEIGHT = 44;
/** Average advance of a 12 px label glyph in the app's font, with a margin. */
const LABEL_GLYPH_PX = 7;
const AXIS_CLASS = 'text-tremor-label fill-tremor-content';
const GRID_CLASS = 'stroke-1 stroke-tremor-border';

export interface StillChartProps {
  data: Record<string, string | number | null>[];
  index: string;
  categories: string[];
  colors?: ChartColor[];
  width: number;
  height: number;
  yAxisWidth: number;
  valueFormatter: (v: number) => string;
}

/** A page draws several charts: each needs its own id for the clip path Recharts refers to. */
function useChartId(): string {
  return `still-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
}

function colorOf(props: StillChartProps, i: number): ChartColor {
  return props.colors?.[i] ?? TREMOR_ORDER[i % TREMOR_ORDER.length];
}

/** Tremor's legend row on top (HTML, as Tremor draws it), then the chart scaled into the rest of the box. */
function StillFrame(props: StillChartProps & { children: React.ReactNode }) {
  return (
    <div className="flex h-full flex-col">
      <div className="flex shrink-0 items-center justify-end" style={{ height: LEGEND_HEIGHT }}>
        <TremorLegend categories={props.categories} colors={props.categories.map((_, i) => colorOf(props, i))} />
      </div>
      <div className="min-h-0 flex-1">{props.children}</div>
    </div>
  );
}

/** Every how many category labels one is shown so that they do not overlap on `plotWidth` px. */
function labelInterval(props: StillChartProps, plotWidth: number): number {
  const longest = Math.max(1, ...props.data.map((d) => String(d[props.index] ?? '').length));
  const fit = Math.max(1, Math.floor(plotWidth / (longest * LABEL_GLYPH_PX + 5)));
  return Math.max(0, Math.ceil(props.data.length / fit) - 1);
}

/** Axis parts Tremor sets on every axis. */
const AXIS = { className: AXIS_CLASS, fill: '', stroke: '', tickLine: false, axisLine: false } as const;

/** Category labels along the bottom (bars standing, lines), thinned so they do not overlap. */
function categoryXAxis(props: StillChartProps) {
  const plotWidth = props.width - props.yAxisWidth - 40;
  return <XAxis {...AXIS} dataKey={props.index} interval={labelInterval(props, plotWidth)} padding={{ left: 20, right: 20 }} tick={{ transform: 'translate(0, 6)' }} />;
}

/** Category labels down the side (bars lying), each on one line. */
function categoryYAxis(props: StillChartProps) {
  return <YAxis {...AXIS} width={props.yAxisWidth} dataKey={props.index} type="category" interval={0} tick={{ transform: 'translate(0, 6)' }} />;
}

function numberXAxis(props: StillChartProps) {
  return <XAxis {...AXIS} type="number" domain={[0, 'auto']} tick={{ transform: 'translate(-3, 0)' }} tickFormatter={props.valueFormatter} />;
}

function numberYAxis(props: StillChartProps) {
  return <YAxis {...AXIS} width={props.yAxisWidth} type="number" domain={[0, 'auto']} tick={{ transform: 'translate(-3, 0)' }} tickFormatter={props.valueFormatter} />;
}

// Recharts finds its axes by element type among the chart's children: the helpers above are
// called as functions so that the chart sees XAxis and YAxis themselves.
export function StillBarChart(props: StillChartProps & { layout: 'vertical' | 'horizontal'; stack?: boolean }) {
  const lying = props.layout === 'vertical';
  const id = useChartId();
  return (
    <StillFrame {...props}>
      <BarChart id={id} width={props.width} height={props.height - LEGEND_HEIGHT} data={props.data} layout={props.layout} stackOffset={props.stack ? 'sign' : 'none'} margin={{ top: 5 }}>
        <CartesianGrid className={GRID_CLASS} horizontal={!lying} vertical={lying} />
        {lying ? numberXAxis(props) : categoryXAxis(props)}
        {lying ? categoryYAxis(props) : numberYAxis(props)}
        {props.categories.map((c, i) => (
          <Bar key={c} dataKey={c} name={c} fill="" className={`fill-${colorOf(props, i)}-500`} stackId={props.stack ? 'a' : undefined} isAnimationActive={false} />
        ))}
      </BarChart>
    </StillFrame>
  );
}

export function StillLineChart(props: StillChartProps & { connectNulls?: boolean }) {
  const id = useChartId();
  return (
    <StillFrame {...props}>
      <LineChart id={id} width={props.width} height={props.height - LEGEND_HEIGHT} data={props.data} margin={{ top: 5 }}>
        <CartesianGrid className={GRID_CLASS} horizontal vertical={false} />
        {categoryXAxis(props)}
        {numberYAxis(props)}
        {props.categories.map((c, i) => (
          <Line
            key={c}
            dataKey={c}
            name={c}
            type="linear"
            stroke=""
            className={`stroke-${colorOf(props, i)}-500`}
            strokeWidth={2}
            strokeLinejoin="round"
            strokeLinecap="round"
            dot={false}
            connectNulls={props.connectNulls}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </StillFrame>
  );
}
