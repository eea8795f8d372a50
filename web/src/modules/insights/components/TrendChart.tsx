import type { TrendBucket } from '@diplodesk/contracts';
import { Box } from '@mantine/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** One line or stack of a trend chart, its values lined up with the buckets. */
export type ChartSeries = { key: string; label: string; values: (number | null)[]; dashed?: boolean };
export type ChartKind = 'lines' | 'stacked';
export type ChartUnit = 'items' | 'percent' | 'tone';

// Okabe–Ito: told apart with the common colour-vision deficiencies; the navy of the theme first.
const palette = ['#30539f', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#0072b2', '#999933', '#882255', '#44aa99', '#6b6b6b'];

export interface TrendChartProps {
  buckets: string[];
  series: ChartSeries[];
  kind: ChartKind;
  unit: ChartUnit;
  bucket: TrendBucket;
  timeZone: string;
  locale: string;
  /** A one-sentence description of the chart for screen readers. */
  description: string;
  /** A point or bar was chosen: the bucket's index and, when a series was hit, its key. */
  onPick(bucketIndex: number, seriesKey: string | null): void;
}

function axisLabel(iso: string, bucket: TrendBucket, locale: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = bucket === 'hour' ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone } : { day: 'numeric', month: 'short', timeZone };
  try {
    return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(iso));
  }
}

function formatValue(value: number | null, unit: ChartUnit, locale: string): string {
  if (value === null || value === undefined) return '–';
  if (unit === 'percent') return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} %`;
  if (unit === 'tone') return new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  return new Intl.NumberFormat(locale).format(value);
}

/**
 * A trend as ECharts lines or stacked areas (SVG). Clicking a point, a stack or anywhere in a
 * bucket's column calls `onPick`, which the page turns into a drill-down to the items. The same
 * data is offered as a table with links (TrendTable) for keyboard and screen-reader users.
 */
export function TrendChart({ buckets, series, kind, unit, bucket, timeZone, locale, description, onPick }: TrendChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    // A click on a symbol or area names its series; a click elsewhere in the plot, only its bucket.
    let seriesHit = false;
    instance.on('click', (params) => {
      seriesHit = true;
      const key = (params as { seriesId?: string }).seriesId ?? null;
      if (typeof params.dataIndex === 'number') pick.current(params.dataIndex, key);
    });
    instance.getZr().on('click', (event) => {
      if (seriesHit) {
        seriesHit = false;
        return;
      }
      const point = [event.offsetX, event.offsetY];
      if (!instance.containPixel('grid', point)) return;
      const [index] = instance.convertFromPixel('grid', point) as number[];
      if (typeof index === 'number' && index >= 0) pick.current(Math.round(index), null);
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const stacked = kind === 'stacked';
    instance.setOption(
      {
        aria: { enabled: true, label: { description } },
        color: palette,
        animation: false,
        grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
        legend: { type: 'scroll', top: 0, textStyle: { fontSize: 12 } },
        tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => formatValue(typeof value === 'number' ? value : null, unit, locale) },
        xAxis: { type: 'category', boundaryGap: false, data: buckets.map((b) => axisLabel(b, bucket, locale, timeZone)), triggerEvent: true },
        yAxis: unit === 'tone' ? { type: 'value', min: -1, max: 1 } : { type: 'value', ...(unit === 'percent' ? { max: stacked ? 100 : undefined } : {}) },
        series: series.map((s) => ({
          id: s.key,
          name: s.label,
          type: 'line',
          data: s.values,
          connectNulls: false,
          showSymbol: buckets.length <= 60,
          symbolSize: 7,
          triggerLineEvent: true,
          ...(stacked && !s.dashed ? { stack: 'all', areaStyle: { opacity: 0.35 } } : {}),
          lineStyle: { width: 2, ...(s.dashed ? { type: 'dashed' } : {}) },
          emphasis: { focus: 'series' },
        })),
      },
      { notMerge: true },
    );
  }, [buckets, series, kind, unit, bucket, timeZone, locale, description]);

  return <Box ref={element} role="img" aria-label={description} h={360} w="100%" style={{ cursor: 'pointer' }} />;
}

export { formatValue as formatTrendValue, axisLabel as trendBucketLabel };
