/** Timing helpers shared by the benchmarks. */

export function quantiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
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
