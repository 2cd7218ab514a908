/**
 * Runs jobs in this process: polls the queue, runs a claimed job's handler while
 * a heartbeat keeps its lease, and records the outcome. Several processes can run
 * runners against one database; SKIP LOCKED keeps them from taking the same job.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../domain/clock.js';
import type { Database } from '../db/connection.js';
import type { Job } from '../db/types.js';
import { claim, finish, heartbeat, reapExpired } from './queue.js';

export interface JobTools {
  /** Reports progress 0–100; also refreshes the lease. */
  progress(pct: number): Promise<void>;
  /** Aborted when the job is cancelled or the lease is lost. */
  signal: AbortSignal;
  log: FastifyBaseLogger;
}

export type JobHandler = (job: Job, tools: JobTools) => Promise<Record<string, unknown> | void>;

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

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    private readonly handlers: Record<string, JobHandler>,
    opts: RunnerOptions = {},
  ) {
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
    const job = await claim(this.db, this.workerId, this.clock.now(), this.leaseMs, Object.keys(this.handlers));
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
      () => beat().catch((err) => log.warn({ err }, 'heartbeat failed')),
      Math.max(50, this.leaseMs / 3),
    );
    let ending: Parameters<typeof finish>[4];
    try {
      const result = await this.handlers[job.kind]!(job, { progress: (pct) => beat(pct), signal: abort.signal, log });
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
}
