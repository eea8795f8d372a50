import type { ImagePoint, TrendBucket } from '@diplodesk/contracts';
import { Box } from '@mantine/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, ScatterChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export interface ImageChartProps {
  points: ImagePoint[];
  bucket: TrendBucket;
  timeZone: string;
  locale: string;
  labels: { tone: string; band: string; items: string };
  /** A one-sentence description for screen readers. */
  description: string;
  height?: number;
  /** Without axes and tooltip: the home page's sparkline. */
  compact?: boolean;
  onPick?(index: number): void;
}

function axisLabel(iso: string, bucket: TrendBucket, locale: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = bucket === 'hour' ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone } : { day: 'numeric', month: 'short', timeZone };
  try {
    return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(iso));
  }
}

const tone = (v: number | null | undefined, locale: string) => (v === null || v === undefined ? '–' : new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v));

/**
 * The image index as a line (mean tone per bucket) inside its 95 % band. The band is drawn as an
 * invisible lower line with the band's width stacked on it. Clicking a bucket calls `onPick`.
 */
export function ImageChart({ points, bucket, timeZone, locale, labels, description, height = 320, compact = false, onPick }: ImageChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.getZr().on('click', (event) => {
      const point = [event.offsetX, event.offsetY];
      if (!pick.current || !instance.containPixel('grid', point)) return;
      const [index] = instance.convertFromPixel('grid', point) as number[];
      if (typeof index === 'number' && index >= 0) pick.current(Math.round(index));
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
    const x = points.map((p) => axisLabel(p.at, bucket, locale, timeZone));
    chart.current?.setOption(
      {
        aria: { enabled: true, label: { description } },
        animation: false,
        grid: compact ? { left: 2, right: 2, top: 4, bottom: 4 } : { left: 48, right: 16, top: 16, bottom: 32 },
        tooltip: compact
          ? { show: false }
          : {
              trigger: 'axis',
              formatter: (params: { dataIndex: number }[]) => {
                const p = points[params[0]?.dataIndex ?? -1];
                if (!p) return '';
                const at = axisLabel(p.at, bucket, locale, timeZone);
                const band = p.low === null || p.high === null ? '' : `<br/>${labels.band}: ${tone(p.low, locale)} … ${tone(p.high, locale)}`;
                return `${at}<br/>${labels.tone}: ${tone(p.tone, locale)}${band}<br/>${labels.items}: ${new Intl.NumberFormat(locale).format(p.items)}`;
              },
            },
        xAxis: { type: 'category', data: x, show: !compact, boundaryGap: false },
        yAxis: { type: 'value', min: compact ? undefined : -1, max: compact ? undefined : 1, show: !compact, axisLabel: { formatter: (v: number) => tone(v, locale) } },
        series: [
          { id: 'low', type: 'line', stack: 'band', stackStrategy: 'all', data: points.map((p) => p.low), lineStyle: { opacity: 0 }, symbol: 'none', silent: true },
          {
            id: 'band',
            name: labels.band,
            type: 'line',
            stack: 'band',
            stackStrategy: 'all',
            data: points.map((p) => (p.low === null || p.high === null ? null : Number((p.high - p.low).toFixed(4)))),
            lineStyle: { opacity: 0 },
            areaStyle: { color: '#30539f', opacity: 0.18 },
            symbol: 'none',
            silent: true,
          },
          // The interval's ends as ticks too: a day with data between empty days has no area to fill.
          ...(compact
            ? []
            : (['low', 'high'] as const).map((end) => ({ id: `${end}-tick`, type: 'scatter', data: points.map((p) => p[end]), symbol: 'rect', symbolSize: [10, 2], itemStyle: { color: '#30539f', opacity: 0.6 }, silent: true }))),
          { id: 'tone', name: labels.tone, type: 'line', data: points.map((p) => p.tone), connectNulls: false, color: '#30539f', symbol: 'circle', symbolSize: compact ? 4 : 7, lineStyle: { width: 2 } },
        ],
      },
      true,
    );
  }, [points, bucket, locale, timeZone, labels, description, compact]);

  return <Box ref={element} h={height} w="100%" role="img" aria-label={description} style={{ cursor: onPick ? 'pointer' : undefined }} />;
}
