/**
 * Group commit in the application: callers hand in one item each and wait for its
 * own result; at most `maxRunning` batches are at the database at once, and whatever
 * arrived meanwhile goes together in the next one (up to `maxBatch`). An idle server
 * sends every item at once, alone; a loaded one sends fewer, larger statements — one
 * round trip, one commit and one WAL flush for many items — exactly when that matters.
 * Items with the same key never share a batch (the later waits for the next).
 */
export interface BatcherOptions<I> {
  maxBatch: number;
  maxRunning: number;
  key?: (item: I) => string;
  /** Told the size of every batch sent. */
  onBatch?: (size: number) => void;
}

interface Waiting<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

export class Batcher<I, O> {
  private queue: Waiting<I, O>[] = [];
  private running = 0;

  /** `run` answers each item, in order, with its result or the Error that item alone failed with. */
  constructor(
    private readonly run: (items: I[]) => Promise<(O | Error)[]>,
    private readonly opts: BatcherOptions<I>,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private take(): Waiting<I, O>[] {
    const { key, maxBatch } = this.opts;
    if (!key) return this.queue.splice(0, maxBatch);
    const batch: Waiting<I, O>[] = [];
    const keys = new Set<string>();
    const rest: Waiting<I, O>[] = [];
    for (const w of this.queue) {
      const k = key(w.item);
      if (batch.length < maxBatch && !keys.has(k)) {
        keys.add(k);
        batch.push(w);
      } else rest.push(w);
    }
    this.queue = rest;
    return batch;
  }

  private pump(): void {
    while (this.running < this.opts.maxRunning && this.queue.length > 0) {
      const batch = this.take();
      this.running++;
      this.opts.onBatch?.(batch.length);
      this.run(batch.map((w) => w.item))
        .then(
          (out) => batch.forEach((w, i) => (out[i] instanceof Error ? w.reject(out[i]) : w.resolve(out[i] as O))),
          (err: unknown) => batch.forEach((w) => w.reject(err)),
        )
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }
}

/**
 * Runs a batch as one statement; if that fails, each item alone, so one bad item
 * (a unique violation, a row gone meanwhile) fails only its own caller.
 */
export async function eachAloneOnFailure<I, O>(
  items: I[],
  statement: (items: I[]) => Promise<O[]>,
): Promise<(O | Error)[]> {
  try {
    return await statement(items);
  } catch (err) {
    if (items.length === 1) return [err instanceof Error ? err : new Error(String(err))];
    // One after the other: failures are rare, and a batch must not take the whole pool.
    const out: (O | Error)[] = [];
    for (const it of items)
      out.push(
        await statement([it]).then(
          (o) => o[0]!,
          (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
        ),
      );
    return out;
  }
}
