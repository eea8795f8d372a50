import type { MonitorBandDto } from '@diplodesk/contracts';
import { Box } from '@mantine/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export interface BandChartProps {
  /** UTC days observed, oldest first. */
  days: string[];
  observed: (number | null)[];
  band: MonitorBandDto | null;
  labels: { observed: string; forecast: string; band: string };
  locale: string;
  /** A one-sentence description for screen readers. */
  description: string;
  kind?: 'line' | 'bar';
  /** Fixed axis range (tone: −1…1). */
  range?: [number, number];
  /** A day was chosen (index into `days`). */
  onPick?(dayIndex: number): void;
}

const dayLabel = (iso: string, locale: string) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(iso));

/**
 * Observed days and, after them, the forecast: its mean dashed and its prediction interval as a
 * shaded band (drawn as the lower bound plus a stacked width), over yesterday, today and the days ahead.
 */
export function BandChart({ days, observed, band, labels, locale, description, kind = 'line', range, onPick }: BandChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.dataIndex === 'number' && params.seriesId === 'observed') pick.current?.(params.dataIndex);
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
    const axis = [...days];
    for (const at of band?.at ?? []) if (!axis.includes(at)) axis.push(at);
    const at = (iso: string) => axis.indexOf(iso);
    const blank = () => axis.map(() => null as number | null);
    const lower = blank();
    const width = blank();
    const mean = blank();
    band?.at.forEach((iso, i) => {
      const j = at(iso);
      lower[j] = band.lower[i] ?? null;
      width[j] = (band.upper[i] ?? 0) - (band.lower[i] ?? 0);
      mean[j] = band.mean[i] ?? null;
    });
    instance.setOption(
      {
        aria: { enabled: true, label: { description } },
        animation: false,
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        legend: { top: 0, data: band ? [labels.observed, labels.forecast, labels.band] : [labels.observed], textStyle: { fontSize: 12 } },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v) : '–') },
        xAxis: { type: 'category', boundaryGap: kind === 'bar', data: axis.map((d) => dayLabel(d, locale)) },
        yAxis: { type: 'value', ...(range ? { min: range[0], max: range[1] } : {}) },
        series: [
          { id: 'band-lower', name: labels.band, type: 'line', data: lower, stack: 'band', lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false }, color: '#e69f00' },
          { id: 'band-width', name: labels.band, type: 'line', data: width, stack: 'band', lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: '#e69f00', opacity: 0.25 }, silent: true, color: '#e69f00' },
          { id: 'forecast', name: labels.forecast, type: 'line', data: mean, symbol: 'none', lineStyle: { type: 'dashed', width: 2 }, color: '#b36b00' },
          { id: 'observed', name: labels.observed, type: kind, data: [...observed, ...axis.slice(days.length).map(() => null)], showSymbol: days.length <= 60, symbolSize: 6, color: '#30539f', connectNulls: false },
        ],
      },
      { notMerge: true },
    );
  }, [days, observed, band, labels, locale, description, kind, range]);

  return <Box ref={element} h={280} w="100%" style={{ cursor: onPick ? 'pointer' : undefined }} />;
}
