import { Box } from '@mantine/core';
import { GraphChart } from 'echarts/charts';
import { AriaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { FindingNetwork } from '../api/integrity.api.ts';

echarts.use([GraphChart, TooltipComponent, AriaComponent, SVGRenderer]);

/** Node sizes between these (pixels), by strength (co-shares summed over the node's edges). */
const MIN_NODE = 14;
const MAX_NODE = 42;

/**
 * A coordination network as a force-directed graph (SVG): a node per account, sized by its strength,
 * an edge per co-sharing pair, as wide as its weight. The figures are also in tables beside it.
 */
export function NetworkGraph({ network, description }: { network: FindingNetwork; description: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const strongest = Math.max(1, ...network.nodes.map((n) => n.strength));
    const heaviest = Math.max(1, ...network.edges.map((e) => e.weight));
    chart.current?.setOption(
      {
        aria: { enabled: true, label: { description } },
        animation: false,
        tooltip: {},
        series: [
          {
            type: 'graph',
            layout: 'force',
            roam: true,
            draggable: true,
            force: { repulsion: 420, edgeLength: [80, 170], gravity: 0.08 },
            label: { show: true, position: 'right', color: '#25262b', fontSize: 12 },
            itemStyle: { color: '#30539f', borderColor: '#ffffff', borderWidth: 1 },
            lineStyle: { color: '#6b7a99', opacity: 0.8, curveness: 0.1 },
            data: network.nodes.map((n) => ({ id: n.id, name: n.label, value: n.strength, symbolSize: MIN_NODE + ((MAX_NODE - MIN_NODE) * n.strength) / strongest })),
            edges: network.edges.map((e) => ({ source: e.source, target: e.target, value: e.weight, lineStyle: { width: 1 + (5 * e.weight) / heaviest } })),
          },
        ],
      },
      { notMerge: true },
    );
  }, [network, description]);

  return <Box ref={element} role="img" aria-label={description} h={360} w="100%" />;
}
