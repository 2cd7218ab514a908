/** The last 30 days of an area's key-population figures as lines (ECharts, as the command center's chart). */
import { LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthTrendDto } from '../types.js';
import { useEChart } from '../../../components/useEChart.js';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

export const TREND_SERIES = ['under', 'new', 'released', 'symptomatic', 'notReported'] as const;
export const FIGURE_COLORS: Record<string, string> = {
  under: '#1d5bbf',
  new: '#13a8a8',
  released: '#52c41a',
  symptomatic: '#d64545',
  checkedIn: '#5b8ff9',
  notReported: '#d48806',
  reportsMissing: '#8c8c8c',
};

export function TrendChart({ trend }: { trend: HealthTrendDto }) {
  const { t, i18n } = useTranslation();
  const { ref, chartRef } = useEChart();

  useEffect(() => {
    chartRef.current?.setOption(
      {
        color: TREND_SERIES.map((s) => FIGURE_COLORS[s] ?? '#1d5bbf'),
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: TREND_SERIES.map((s) => t(`figures.${s}`)) },
        grid: { left: 8, right: 16, top: 40, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
        xAxis: { type: 'category', boundaryGap: false, data: trend.days.map((d) => d.day.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: TREND_SERIES.map((s) => ({
          name: t(`figures.${s}`),
          type: 'line',
          smooth: 0.3,
          symbolSize: 5,
          areaStyle: s === 'under' ? { opacity: 0.08 } : undefined,
          data: trend.days.map((d) => d[s]),
        })),
      },
      { notMerge: true },
    );
  }, [chartRef, trend, t, i18n.language]);

  return (
    <div
      ref={ref}
      className="ss-chart"
      data-testid="health-trend-chart"
      role="img"
      aria-label={t('figures.trendTitle')}
    />
  );
}
