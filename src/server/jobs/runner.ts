/**
 * Runs jobs in this process: polls the queue, runs a claimed job's handler while
 * a heartbeat keeps its lease, and records the outcome. Several processes can run
 * runners against one database; SKIP LOCKED keeps them from taking the same job.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Job } from '../db/types.js';
import { loadActor } from '../kernel/actors.js';
import { baseContext, type Context, inTransaction, type Platform } from '../kernel/context.js';
import { claim, finish, heartbeat, reapExpired } from './queue.js';

/** A job's context: the same as a request's, with the job it runs. */
export interface JobContext extends Context {
  job: {
    id: string;
    kind: string;
    payload: Record<string, unknown>;
    /** The result saved by an earlier attempt (a checkpoint to resume from). */
    result: Record<string, unknown> | null;
    /** The worker holding the job's lease. */
    workerId: string;
    /** Reports progress 0–100; also refreshes the lease. */
    progress(pct: number): Promise<void>;
    /** Aborted when the job is cancelled or the lease is lost. */
    signal: AbortSignal;
  };
}

/**
 * A kind of job. By default the runner runs it in one transaction (`ctx.db` is the
 * transaction, after-commit hooks run once it commits). A job that commits as it goes
 * (an import's batches, retention per dataset) says `commits: 'batches'` and opens its
 * own with `inTransaction(ctx, …)`; its `ctx.db` is then the pool.
 */
export interface JobKind {
  commits?: 'once' | 'batches';
  run(ctx: JobContext): Promise<Record<string, unknown> | void>;
}

export interface RunnerOptions {
  leaseMs?: number;
  pollMs?: number;
  backoffMs?: number;
  workerId?: string;
}

export class JobRunner {
  readonly workerId: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly backoffMs: number;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  private readonly db: Platform['db'];
  private readonly clock: Platform['clock'];

  constructor(
    private readonly platform: Platform,
    private readonly log: FastifyBaseLogger,
    private readonly kinds: Record<string, JobKind>,
    opts: RunnerOptions = {},
  ) {
    this.db = platform.db;
    this.clock = platform.clock;
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.pollMs = opts.pollMs ?? 1_000;
    this.backoffMs = opts.backoffMs ?? 5_000;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  /** Claims and runs at most one job; returns whether it found one. */
  async tick(): Promise<boolean> {
    await reapExpired(this.db, this.clock.now());
    const job = await claim(this.db, this.workerId, this.clock.now(), this.leaseMs, Object.keys(this.kinds));
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let found = false;
      try {
        found = await this.tick();
      } catch (err) {
        this.log.error({ err }, 'job runner: poll failed');
      }
      if (!found && !this.stopping) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.pollMs);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    }
  }

  private async execute(job: Job): Promise<void> {
    const log = this.log.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    const abort = new AbortController();
    let cancelled = false;
    let lost = false;
    const beat = async (pct?: number) => {
      const state = await heartbeat(this.db, job.id, this.workerId, this.clock.now(), this.leaseMs, pct);
      if (!state) lost = true;
      else if (state.cancelRequested) cancelled = true;
      if ((lost || cancelled) && !abort.signal.aborted) abort.abort(lost ? 'lease lost' : 'cancelled');
    };
    const timer = setInterval(
      () => void beat().catch((err: unknown) => log.warn({ err }, 'heartbeat failed')),
      Math.max(50, this.leaseMs / 3),
    );
    let ending: Parameters<typeof finish>[4];
    try {
      const result = await this.runKind(job, log, (pct) => beat(pct), abort.signal);
      ending = cancelled ? { status: 'cancelled' } : { status: 'succeeded', result: result ?? {} };
    } catch (err) {
      ending = cancelled
        ? { status: 'cancelled' }
        : { status: 'failed', error: { message: err instanceof Error ? err.message : String(err) } };
      if (!cancelled) log.warn({ err }, 'job failed');
    } finally {
      clearInterval(timer);
    }
    if (lost) {
      log.warn('job lease was lost; another worker may have taken it over');
      return;
    }
    await finish(
      this.db,
      { ...job, cancel_requested: cancelled },
      this.workerId,
      this.clock.now(),
      ending,
      this.backoffMs,
    );
  }

  /**
   * The job's context: its creator as the actor (loaded afresh: a disabled account's job
   * no longer acts), or none for the platform's own clockwork.
   */
  private async runKind(
    job: Job,
    log: FastifyBaseLogger,
    progress: (pct: number) => Promise<void>,
    signal: AbortSignal,
  ) {
    const kind = this.kinds[job.kind]!;
    const actor = job.created_by ? await loadActor(this.db, { id: job.created_by }) : null;
    if (job.created_by && !actor) throw new Error('the account that started this job is disabled or gone');
    const base = baseContext(this.platform, { actor, requestId: `job:${job.id}`, log });
    const ctx: JobContext = {
      ...base,
      job: {
        id: job.id,
        kind: job.kind,
        payload: job.payload,
        result: job.result,
        workerId: this.workerId,
        progress,
        signal,
      },
    };
    return kind.commits === 'batches' ? kind.run(ctx) : inTransaction(ctx, (tx) => kind.run(tx));
  }
}
