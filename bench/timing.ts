/** Timing helpers shared by the benchmarks. */

export function quantiles(xs: number[]) {
  return { p50: quantile(xs, 0.5), p99: quantile(xs, 0.99) };
}

/** The p-quantile (0..1) of xs; 0 for none. */
export function quantile(xs: number[], p: number): number {
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}

/** A load phase's latency figures (ms): from the scheduled time (queueing included) and from sending. */
export interface LatencySummary {
  p50: number;
  p99: number;
  max: number;
  serviceP50: number;
  serviceP99: number;
}

export function latencySummary(latencies: number[], service: number[]): LatencySummary {
  return {
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: quantile(latencies, 1),
    serviceP50: quantile(service, 0.5),
    serviceP99: quantile(service, 0.99),
  };
}

/** n timed runs after a warm-up, one at a time (the latency one user sees). */
export async function timed(n: number, run: () => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await run();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await run();
    out.push(performance.now() - t0);
  }
  return quantiles(out);
}

export const fmt = (q: { p50: number; p99: number }) => `p50 ${q.p50.toFixed(1)} ms, p99 ${q.p99.toFixed(1)} ms`;

/**
 * Open loop: `total` requests at `start + i × interval` (ms) whatever the answers do;
 * resolves when all have been answered. `send` gets the scheduled time, so latency can
 * count from it (queueing included).
 */
export async function openLoop(
  start: number,
  interval: number,
  total: number,
  send: (scheduled: number) => Promise<unknown>,
): Promise<void> {
  const pending: Promise<unknown>[] = [];
  await new Promise<void>((resolve) => {
    let i = 0;
    const tick = () => {
      const now = performance.now();
      while (i < total && start + i * interval <= now) pending.push(send(start + i++ * interval));
      if (i < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(pending);
}

/** Closed loop: `concurrency` requests always in flight until `end` (performance.now() ms). */
export async function closedLoop(
  concurrency: number,
  end: number,
  send: (scheduled: number) => Promise<unknown>,
): Promise<void> {
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await send(performance.now());
    }),
  );
}
