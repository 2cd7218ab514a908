/**
 * An ECharts instance bound to a div for the component's lifetime: created on mount,
 * resized with the window and the element, disposed on unmount. `setup` runs once on
 * the new chart (e.g. to attach click handlers); callers set options via the ref.
 */
import type * as echarts from 'echarts/core';
import { init } from 'echarts/core';
import { type RefObject, useEffect, useRef } from 'react';

export function useEChart(setup?: (chart: echarts.ECharts) => void): {
  ref: RefObject<HTMLDivElement | null>;
  chartRef: RefObject<echarts.ECharts | null>;
} {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const setupRef = useRef(setup);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = init(el, null, { renderer: 'canvas' });
    chartRef.current = chart;
    setupRef.current?.(chart);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(onResize);
    observer?.observe(el);
    return () => {
      window.removeEventListener('resize', onResize);
      observer?.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);
  return { ref, chartRef };
}
