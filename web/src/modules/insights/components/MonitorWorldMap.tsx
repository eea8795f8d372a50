import { Box, Center, Loader, Stack, Text } from '@mantine/core';
import { MapChart } from 'echarts/charts';
import { AriaComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

echarts.use([MapChart, VisualMapComponent, TooltipComponent, AriaComponent, SVGRenderer]);

/** The shapes are registered once per page load, whichever map asks first. */
let shapes: Promise<void> | null = null;
function loadShapes(): Promise<void> {
  shapes ??= import('../monitors/world-shapes.ts').then(({ worldShapes }) => {
    echarts.registerMap('world', worldShapes() as unknown as Parameters<typeof echarts.registerMap>[1]);
  });
  return shapes;
}

export interface MonitorWorldMapProps {
  /** Value per ISO alpha-2 country; countries without a value stay grey. */
  values: { country: string; value: number }[];
  /** What a value is, for the tooltip and the legend ("items", "intensity"). */
  valueLabel: string;
  countryName(code: string): string;
  locale: string;
  description: string;
  /** A country was chosen on the map. */
  onPick(country: string): void;
}

/**
 * A world map coloured by a monitor's figure per country (ECharts, shapes from `world-atlas`,
 * loaded only when the map is shown). Until they arrive the page stays usable: the table beside
 * the map gives the same figures and links.
 */
export function MonitorWorldMap({ values, valueLabel, countryName, locale, description, onPick }: MonitorWorldMapProps) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let cancelled = false;
    loadShapes().then(
      () => !cancelled && setState('ready'),
      () => !cancelled && setState('failed'),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (state !== 'ready' || !element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.name === 'string' && /^[A-Z]{2}$/.test(params.name)) pick.current(params.name);
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [state]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || state !== 'ready') return;
    const max = Math.max(1, ...values.map((v) => v.value));
    const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    instance.setOption(
      {
        aria: { enabled: true, label: { description } },
        animation: false,
        tooltip: {
          trigger: 'item',
          formatter: (p: { name: string; value?: number }) => `${countryName(p.name)}: ${typeof p.value === 'number' && Number.isFinite(p.value) ? format.format(p.value) : '0'} ${valueLabel}`,
        },
        visualMap: { min: 0, max, left: 8, bottom: 8, calculable: false, text: [format.format(max), '0'], inRange: { color: ['#dbe4f3', '#30539f'] }, textStyle: { fontSize: 11 } },
        series: [
          {
            id: 'countries',
            type: 'map',
            map: 'world',
            roam: false,
            selectedMode: false,
            data: values.map((v) => ({ name: v.country, value: v.value })),
            itemStyle: { areaColor: '#eef0f3', borderColor: '#8a94a6', borderWidth: 0.3 },
            emphasis: { label: { show: false }, itemStyle: { areaColor: '#e69f00' } },
          },
        ],
      },
      { notMerge: true },
    );
  }, [values, valueLabel, countryName, locale, description, state]);

  if (state === 'failed') return <Text size="sm" c="dimmed">{t('insightsMonitors.map.failed')}</Text>;
  return (
    <Box pos="relative">
      {state === 'loading' ? (
        <Center h={360} role="status" aria-live="polite">
          <Stack align="center" gap={4}>
            <Loader size="sm" aria-hidden />
            <Text size="sm" c="dimmed">
              {t('insightsMonitors.map.loading')}
            </Text>
          </Stack>
        </Center>
      ) : null}
      <Box ref={element} h={state === 'ready' ? 360 : 0} w="100%" style={{ cursor: 'pointer' }} data-map-ready={state === 'ready' ? 'true' : undefined} />
    </Box>
  );
}
