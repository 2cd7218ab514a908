/** Grouped bar chart of the children's figures; clicking a bar drills into that child. */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../api/client.js';
import { useEChart } from '../../components/useEChart.js';
import { metricLabel } from '../../i18n/labels.js';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const PALETTE = ['#7c5cd6', '#4caf50', '#8c8c8c', '#eb2f96'];
/** A metric keeps its colour at every drill level. */
const METRIC_COLORS: Record<string, string> = {
  'areas.street': '#1d5bbf',
  'areas.community': '#13a8a8',
  'areas.grid': '#f5a524',
  'users.active': '#d64545',
  'registry.courtyards': '#1d5bbf',
  'registry.dwellings': '#5b8ff9',
  'registry.households': '#13a8a8',
  'registry.persons': '#c2477a',
  'registry.rentals': '#d48806',
  'registry.vacant': '#8c8c8c',
};
/** Colour of a metric wherever it appears (cards, chart, legend). */
export const metricColor = (metric: string) => METRIC_COLORS[metric] ?? '#0b1f3a';
const colorOf = (metric: string, index: number) => METRIC_COLORS[metric] ?? PALETTE[index % PALETTE.length]!;

interface Props {
  items: Result<'GET', '/api/dashboard'>['children'];
  metrics: string[];
  onSelect: (id: string) => void;
}

export function ChildrenChart({ items, metrics, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const { ref, chartRef } = useEChart((chart) =>
    chart.on('click', (params) => {
      const list = itemsRef.current;
      const child =
        params.componentType === 'xAxis'
          ? list.find((c) => c.name === (params as { value?: unknown }).value)
          : list[params.dataIndex];
      if (child) selectRef.current(child.id);
    }),
  );

  useEffect(() => {
    chartRef.current?.setOption(
      {
        color: metrics.map(colorOf),
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0, data: metrics.map((m) => metricLabel(t, m)) },
        grid: { left: 8, right: 16, top: 40, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
        xAxis: {
          type: 'category',
          data: items.map((c) => c.name),
          axisLabel: { interval: 0, rotate: items.length > 8 ? 30 : 0 },
          triggerEvent: true,
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: metrics.map((m, index) => ({
          name: metricLabel(t, m),
          type: 'bar',
          barMaxWidth: 28,
          cursor: 'pointer',
          itemStyle: { color: colorOf(m, index) },
          data: items.map((c) => c.figures[m] ?? 0),
        })),
      },
      { notMerge: true },
    );
  }, [chartRef, items, metrics, t, i18n.language]);

  return (
    <div ref={ref} className="ss-chart" data-testid="children-chart" role="img" aria-label={t('home.chartTitle')} />
  );
}
