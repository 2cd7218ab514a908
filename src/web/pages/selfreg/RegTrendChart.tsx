/** The last 30 days of self-registration in an area as lines (ECharts, as the health trend). */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../components/useEChart.js';
import type { RegFiguresDto } from './types.js';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export const REG_SERIES = ['submissions', 'persons', 'reviewed', 'proposed', 'edits'] as const;
export const REG_COLORS: Record<string, string> = {
  codesActive: '#1d5bbf',
  submissions: '#13a8a8',
  persons: '#5b8ff9',
  reviewed: '#52c41a',
  reviewedShare: '#52c41a',
  proposed: '#d64545',
  edits: '#d48806',
};

export function RegTrendChart({ trend }: { trend: RegFiguresDto['trend'] }) {
  const { t, i18n } = useTranslation();
  const { ref, chartRef } = useEChart();

  useEffect(() => {
    chartRef.current?.setOption(
      {
        color: REG_SERIES.map((s) => REG_COLORS[s] ?? '#1d5bbf'),
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: REG_SERIES.map((s) => t(`selfreg.series.${s}`)) },
        grid: { left: 8, right: 16, top: 40, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
        xAxis: { type: 'category', boundaryGap: false, data: trend.map((d) => d.day.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: REG_SERIES.map((s) => ({
          name: t(`selfreg.series.${s}`),
          type: 'line',
          smooth: 0.3,
          symbolSize: 5,
          areaStyle: s === 'persons' ? { opacity: 0.08 } : undefined,
          data: trend.map((d) => d[s]),
        })),
      },
      { notMerge: true },
    );
  }, [trend, t, i18n.language, chartRef]);

  return (
    <div
      ref={ref}
      className="ss-chart"
      data-testid="selfreg-trend-chart"
      role="img"
      aria-label={t('selfreg.figures.trend')}
    />
  );
}
