/**
 * The server process's memory over a long run, sampled once a minute: RSS, the V8
 * heap in use, and memory outside the heap (Buffers). With `node --expose-gc` each
 * sample is taken after a full collection, so a heap that keeps growing is a leak and
 * RSS that grows while the heap does not is the allocator keeping freed pages.
 */
export interface MemorySample {
  minute: number;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

const MB = 2 ** 20;

export class MemorySampler {
  readonly samples: MemorySample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private started = 0;

  start(intervalMs = 60_000): void {
    this.started = Date.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
  }

  private sample(): void {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    this.samples.push({
      minute: (Date.now() - this.started) / 60_000,
      rss: m.rss,
      heapUsed: m.heapUsed,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
    });
  }

  /** One line: "after GC" or not, then minute: rss/heap/external MB for each sample. */
  format(): string {
    const gc =
      typeof (globalThis as { gc?: unknown }).gc === 'function'
        ? 'after a full GC'
        : 'without forcing GC (run node with --expose-gc for heap after GC)';
    const row = (s: MemorySample) =>
      `${s.minute.toFixed(0)}′ ${(s.rss / MB).toFixed(0)}/${(s.heapUsed / MB).toFixed(0)}/${(s.external / MB).toFixed(0)}`;
    return `memory, minute RSS/heap/external MB (${gc}): ${this.samples.map(row).join('  ')}`;
  }
}
