import { Box } from '@mantine/core';
import { LineChart as EChartsLine } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([EChartsLine, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

// The trend charts' first colours (Okabe–Ito): told apart with the common colour-vision deficiencies.
const palette = ['#30539f', '#e69f00', '#009e73'];

export interface LineSeries {
  key: string;
  label: string;
  values: (number | null)[];
}

/**
 * A small ECharts line chart (SVG) over categories (sessions, days). Percent values are shares 0–1
 * shown as percentages. The figures are also in a table next to it for keyboard and screen readers.
 */
export function CooperationLineChart({ categories, series, unit, locale, description, onPick }: { categories: string[]; series: LineSeries[]; unit: 'percent' | 'number'; locale: string; description: string; onPick?: (index: number) => void }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.dataIndex === 'number') pick.current?.(params.dataIndex);
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
    const format = (v: unknown) =>
      typeof v !== 'number' ? '–' : unit === 'percent' ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(v) : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);
    chart.current?.setOption(
      {
        aria: { enabled: true, label: { description } },
        color: palette,
        animation: false,
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        legend: { top: 0, textStyle: { fontSize: 12 } },
        tooltip: { trigger: 'axis', valueFormatter: format },
        xAxis: { type: 'category', boundaryGap: false, data: categories },
        yAxis: { type: 'value', ...(unit === 'percent' ? { min: 0, max: 1, axisLabel: { formatter: format } } : {}) },
        series: series.map((s) => ({ id: s.key, name: s.label, type: 'line', data: s.values, connectNulls: false, showSymbol: categories.length <= 40, symbolSize: 6, lineStyle: { width: 2 } })),
      },
      { notMerge: true },
    );
  }, [categories, series, unit, locale, description]);

  return <Box ref={element} role="img" aria-label={description} h={280} w="100%" style={onPick ? { cursor: 'pointer' } : undefined} />;
}
