import { describe, expect, it } from 'vitest';
import { Batcher, eachAloneOnFailure } from './batcher.js';

/** A run function whose batches finish when the test says so. */
function held() {
  const batches: number[][] = [];
  const open: (() => void)[] = [];
  const run = (items: number[]) => {
    batches.push(items);
    return new Promise<(number | Error)[]>((resolve) =>
      open.push(() => resolve(items.map((x) => (x < 0 ? new Error(`bad ${x}`) : x * 10)))),
    );
  };
  const release = async () => {
    open.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { batches, run, release };
}

describe('Batcher', () => {
  it('sends an item at once and alone when nothing is running, and groups what arrives meanwhile', async () => {
    const h = held();
    const b = new Batcher(h.run, { maxBatch: 10, maxRunning: 1 });
    const first = b.submit(1);
    expect(h.batches).toEqual([[1]]);
    const later = [2, 3, 4].map((x) => b.submit(x));
    expect(h.batches).toEqual([[1]]); // waiting for the one running
    await h.release();
    expect(await first).toBe(10);
    expect(h.batches).toEqual([[1], [2, 3, 4]]);
    await h.release();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
  });

  it('keeps at most maxRunning batches out, each of at most maxBatch items', async () => {
    const h = held();
    const b = new Batcher(h.run, { maxBatch: 2, maxRunning: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((x) => b.submit(x));
    expect(h.batches).toEqual([[1], [2]]);
    await h.release();
    expect(h.batches).toEqual([[1], [2], [3, 4]]);
    await h.release();
    await h.release();
    await h.release();
    expect(h.batches).toEqual([[1], [2], [3, 4], [5, 6]]);
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('never puts two items with the same key in one batch', async () => {
    const h = held();
    const b = new Batcher(h.run, { maxBatch: 10, maxRunning: 1, key: (x) => String(Math.abs(x) % 10) });
    const all = [1, 2, 11, 3, 12].map((x) => b.submit(x));
    await h.release();
    expect(h.batches).toEqual([[1], [2, 11, 3]]);
    await h.release();
    expect(h.batches).toEqual([[1], [2, 11, 3], [12]]);
    await h.release();
    expect(await Promise.all(all)).toEqual([10, 20, 110, 30, 120]);
  });

  it('fails only the item the run says failed, and every item when the run itself throws', async () => {
    const h = held();
    const b = new Batcher(h.run, { maxBatch: 10, maxRunning: 1 });
    const first = b.submit(1);
    const good = b.submit(2);
    const bad = b.submit(-3).catch((e: unknown) => e);
    await h.release();
    await h.release();
    await expect(first).resolves.toBe(10);
    await expect(good).resolves.toBe(20);
    expect(((await bad) as Error).message).toBe('bad -3');

    const broken = new Batcher<number, number>(() => Promise.reject(new Error('database gone')), {
      maxBatch: 10,
      maxRunning: 1,
    });
    const both = await Promise.allSettled([broken.submit(1), broken.submit(2)]);
    expect(both.map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual([
      'database gone',
      'database gone',
    ]);
  });
});

describe('eachAloneOnFailure', () => {
  it('runs a failed batch item by item, one after the other, so only the bad item fails', async () => {
    const calls: number[][] = [];
    let running = 0;
    let most = 0;
    const statement = async (xs: number[]) => {
      calls.push(xs);
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
      if (xs.includes(-1)) throw new Error('unique violation');
      return xs.map((x) => x * 2);
    };
    const out = await eachAloneOnFailure([1, -1, 3], statement);
    expect(out[0]).toBe(2);
    expect(out[1]).toBeInstanceOf(Error);
    expect(out[2]).toBe(6);
    expect(calls).toEqual([[1, -1, 3], [1], [-1], [3]]);
    expect(most).toBe(1);
    expect(await eachAloneOnFailure([4, 5], statement)).toEqual([8, 10]);
    expect(calls.at(-1)).toEqual([4, 5]);
  });
});
