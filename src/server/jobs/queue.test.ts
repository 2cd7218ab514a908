import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { testApp } from '../../../test/support/app.js';
import { cancel, claim, enqueueSystem, finish, heartbeat, reapExpired } from './queue.js';
import { JobRunner } from './runner.js';

const t = await testApp({ seed: false });
const log = pino({ level: 'silent' });
const LEASE = 30_000;

describe('durable job queue', () => {
  it('gives a job to exactly one of two workers claiming at once', async () => {
    const job = await enqueueSystem(t.system(), { kind: 'test.once' });
    const [a, b] = await Promise.all([
      claim(t.db, 'worker-a', t.clock.now(), LEASE, ['test.once']),
      claim(t.db, 'worker-b', t.clock.now(), LEASE, ['test.once']),
    ]);
    const winners = [a, b].filter(Boolean);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.id).toBe(job.id);
    expect(winners[0]!.attempts).toBe(1);
  });

  it("reclaims a job after a dead worker's lease expires, and the dead worker can no longer finish it", async () => {
    const job = await enqueueSystem(t.system(), { kind: 'test.reclaim' });
    const dead = (await claim(t.db, 'dead', t.clock.now(), LEASE, ['test.reclaim']))!;
    expect(await claim(t.db, 'alive', t.clock.now(), LEASE, ['test.reclaim'])).toBeNull();
    t.clock.advance(LEASE + 1);
    const taken = (await claim(t.db, 'alive', t.clock.now(), LEASE, ['test.reclaim']))!;
    expect(taken.id).toBe(job.id);
    expect(taken.attempts).toBe(2);
    expect(await heartbeat(t.db, job.id, 'dead', t.clock.now(), LEASE)).toBeNull();
    expect(await finish(t.db, dead, 'dead', t.clock.now(), { status: 'succeeded', result: {} })).toBe(false);
    expect(await finish(t.db, taken, 'alive', t.clock.now(), { status: 'succeeded', result: { ok: 1 } })).toBe(true);
  });

  it('retries a failure with growing backoff, then fails for good', async () => {
    const job = await enqueueSystem(t.system(), { kind: 'test.retry', maxAttempts: 2 });
    const first = (await claim(t.db, 'w', t.clock.now(), LEASE, ['test.retry']))!;
    await finish(t.db, first, 'w', t.clock.now(), { status: 'failed', error: { message: 'boom' } }, 10_000);
    let row = await t.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('queued');
    expect(row.run_at.getTime() - t.clock.now().getTime()).toBe(10_000);
    expect(await claim(t.db, 'w', t.clock.now(), LEASE, ['test.retry'])).toBeNull();
    t.clock.advance(10_000);
    const second = (await claim(t.db, 'w', t.clock.now(), LEASE, ['test.retry']))!;
    await finish(t.db, second, 'w', t.clock.now(), { status: 'failed', error: { message: 'boom again' } });
    row = await t.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.error).toMatchObject({ message: 'boom again', attempt: 2 });
  });

  it('fails a job whose last attempt lost its worker', async () => {
    const job = await enqueueSystem(t.system(), { kind: 'test.reap', maxAttempts: 1 });
    await claim(t.db, 'dead', t.clock.now(), LEASE, ['test.reap']);
    t.clock.advance(LEASE + 1);
    expect(await reapExpired(t.db, t.clock.now())).toBe(1);
    const row = await t.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
  });

  it('cancels a queued job at once and refuses to cancel a finished one', async () => {
    const job = await enqueueSystem(t.system(), { kind: 'test.cancel' });
    expect((await cancel(t.system(), job.id)).status).toBe('cancelled');
    expect(await claim(t.db, 'w', t.clock.now(), LEASE, ['test.cancel'])).toBeNull();
    await expect(cancel(t.system(), job.id)).rejects.toMatchObject({ code: 'JOB_NOT_CANCELLABLE' });
  });

  it('enqueues once per idempotency key', async () => {
    const a = await enqueueSystem(t.system(), { kind: 'test.idem', idempotencyKey: 'k1' });
    const b = await enqueueSystem(t.system(), { kind: 'test.idem', idempotencyKey: 'k1' });
    expect(b.id).toBe(a.id);
  });
});

describe('job runner', () => {
  it('runs a job, records progress and result', async () => {
    const seen: number[] = [];
    const runner = new JobRunner(
      t.platform,
      log,
      {
        'test.run': {
          run: async (ctx) => {
            for (const pct of [25, 50, 75]) {
              await ctx.job.progress(pct);
              const row = await t.db
                .selectFrom('jobs')
                .select('progress')
                .where('kind', '=', 'test.run')
                .executeTakeFirstOrThrow();
              seen.push(row.progress);
            }
            return { rows: 3 };
          },
        },
      },
      { leaseMs: LEASE },
    );
    const job = await enqueueSystem(t.system(), { kind: 'test.run' });
    expect(await runner.tick()).toBe(true);
    const row = await t.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(seen).toEqual([25, 50, 75]);
    expect(row).toMatchObject({ status: 'succeeded', progress: 100, result: { rows: 3 } });
  });

  it('stops a running job that is cancelled, at its next heartbeat', async () => {
    const job = await enqueueSystem(t.system(), { kind: 'test.long' });
    let aborted = false;
    const runner = new JobRunner(
      t.platform,
      log,
      {
        'test.long': {
          run: async (ctx) => {
            await cancel(t.system(), job.id);
            await ctx.job.progress(10);
            aborted = ctx.job.signal.aborted;
            if (aborted) throw new Error('stopped');
          },
        },
      },
      { leaseMs: LEASE },
    );
    await runner.tick();
    expect(aborted).toBe(true);
    const row = await t.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('cancelled');
  });
});
