/**
 * The durable job queue, in PostgreSQL. Workers claim with FOR UPDATE SKIP LOCKED
 * under a lease they extend by heartbeat; a job whose worker died is reclaimed when
 * its lease expires; failures retry with exponential backoff up to max_attempts;
 * jobs can be cancelled (queued at once, running at the next heartbeat).
 */
import { sql } from 'kysely';
import type { Database } from '../db/connection.js';
import type { Job } from '../db/types.js';
import type { Context } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';

export interface EnqueueOptions {
  kind: string;
  payload?: Record<string, unknown>;
  runAt?: Date;
  priority?: number;
  maxAttempts?: number;
  /** Same kind + key is enqueued once: the existing job is returned. */
  idempotencyKey?: string;
  area?: { id: string; districtId: string } | null;
}

async function insert(db: Database, now: Date, createdBy: string | null, o: EnqueueOptions): Promise<Job> {
  const inserted = await db
    .insertInto('jobs')
    .values({
      kind: o.kind,
      payload: JSON.stringify(o.payload ?? {}),
      run_at: o.runAt ?? now,
      priority: o.priority ?? 0,
      max_attempts: o.maxAttempts ?? 5,
      idempotency_key: o.idempotencyKey ?? null,
      created_by: createdBy,
      area_id: o.area?.id ?? null,
      district_id: o.area?.districtId ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['kind', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return inserted;
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('kind', '=', o.kind)
    .where('idempotency_key', '=', o.idempotencyKey!)
    .executeTakeFirstOrThrow();
}

/** Enqueue inside the request's transaction: the job exists only if the request commits. */
export function enqueue(ctx: Context, o: EnqueueOptions): Promise<Job> {
  const a = ctx.actor;
  return insert(ctx.db, ctx.clock.now(), a?.id ?? null, {
    area: a ? { id: a.areaId, districtId: a.districtId } : null,
    ...o,
  });
}

/** Enqueue for the platform itself (schedules): the job runs with no actor. */
export function enqueueSystem(ctx: Context, o: EnqueueOptions): Promise<Job> {
  return insert(ctx.db, ctx.clock.now(), null, o);
}

const LOST_WORKER = JSON.stringify({ message: 'the worker stopped responding and no attempts are left' });

/**
 * Fails running jobs whose lease expired with no attempts left, and finishes cancelled ones.
 * Two statements, not one with a CASE: on Citus the queue is a Citus local table, and Citus
 * refuses a non-immutable function (jsonb_build_object) inside CASE. The error object is built
 * with immutable functions only (jsonb_set on a constant): Citus also refuses a STABLE function
 * (jsonb_build_object, to_jsonb) called with a column of the updated row.
 */
export async function reapExpired(db: Database, now: Date): Promise<number> {
  const failed = await sql`
    UPDATE jobs
    SET status = 'failed',
        error = jsonb_set(${LOST_WORKER}::jsonb, '{attempt}', attempts::text::jsonb),
        finished_at = ${now}, updated_at = ${now}, locked_by = NULL, lease_until = NULL
    WHERE status = 'running' AND lease_until < ${now} AND attempts >= max_attempts AND NOT cancel_requested`.execute(
    db,
  );
  const cancelled = await sql`
    UPDATE jobs
    SET status = 'cancelled', finished_at = ${now}, updated_at = ${now}, locked_by = NULL, lease_until = NULL
    WHERE status = 'running' AND lease_until < ${now} AND cancel_requested`.execute(db);
  return Number(failed.numAffectedRows ?? 0) + Number(cancelled.numAffectedRows ?? 0);
}

export async function claim(
  db: Database,
  workerId: string,
  now: Date,
  leaseMs: number,
  kinds: string[],
): Promise<Job | null> {
  if (kinds.length === 0) return null;
  const lease = new Date(now.getTime() + leaseMs);
  const { rows } = await sql<Job>`
    WITH next AS (
      SELECT id FROM jobs
      WHERE kind = ANY(${kinds}::text[])
        AND ((status = 'queued' AND run_at <= ${now}) OR (status = 'running' AND lease_until < ${now}))
      ORDER BY priority DESC, run_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    UPDATE jobs j
    SET status = 'running', attempts = j.attempts + 1, locked_by = ${workerId}, lease_until = ${lease},
        heartbeat_at = ${now}, updated_at = ${now}
    FROM next WHERE j.id = next.id
    RETURNING j.*`.execute(db);
  return rows[0] ?? null;
}

/** Extends the lease and records progress. Returns null when the lease was lost. */
export async function heartbeat(
  db: Database,
  jobId: string,
  workerId: string,
  now: Date,
  leaseMs: number,
  progress?: number,
): Promise<{ cancelRequested: boolean } | null> {
  const row = await db
    .updateTable('jobs')
    .set({
      lease_until: new Date(now.getTime() + leaseMs),
      heartbeat_at: now,
      updated_at: now,
      ...(progress === undefined ? {} : { progress: Math.max(0, Math.min(100, Math.round(progress))) }),
    })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .returning('cancel_requested')
    .executeTakeFirst();
  return row ? { cancelRequested: row.cancel_requested } : null;
}

type Ending =
  | { status: 'succeeded'; result: Record<string, unknown> }
  | { status: 'cancelled' }
  | { status: 'failed'; error: Record<string, unknown> };

/** Finishes a job this worker holds. A failure with attempts left goes back to the queue with backoff. */
export async function finish(
  db: Database,
  job: Job,
  workerId: string,
  now: Date,
  end: Ending,
  backoffMs = 5_000,
): Promise<boolean> {
  const retry = end.status === 'failed' && job.attempts < job.max_attempts && !job.cancel_requested;
  const delay = Math.min(backoffMs * 2 ** (job.attempts - 1), 3_600_000);
  const res = await db
    .updateTable('jobs')
    .set({
      status: retry ? 'queued' : end.status,
      run_at: retry ? new Date(now.getTime() + delay) : job.run_at,
      progress: end.status === 'succeeded' ? 100 : undefined,
      result: end.status === 'succeeded' ? JSON.stringify(end.result) : undefined,
      // A job that succeeds in the end carries no error from an earlier attempt.
      error:
        end.status === 'failed'
          ? JSON.stringify({ ...end.error, attempt: job.attempts })
          : end.status === 'succeeded'
            ? null
            : undefined,
      finished_at: retry ? null : now,
      locked_by: null,
      lease_until: null,
      updated_at: now,
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Cancels a queued job at once; asks a running one to stop. */
export async function cancel(ctx: Context, jobId: string): Promise<Job> {
  const { db } = ctx;
  const now = ctx.clock.now();
  const job = await db.selectFrom('jobs').selectAll().where('id', '=', jobId).forUpdate().executeTakeFirstOrThrow();
  if (job.status === 'queued') {
    return db
      .updateTable('jobs')
      .set({ status: 'cancelled', finished_at: now, updated_at: now, cancel_requested: true })
      .where('id', '=', jobId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  if (job.status === 'running') {
    return db
      .updateTable('jobs')
      .set({ cancel_requested: true, updated_at: now })
      .where('id', '=', jobId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  throw new AppError('JOB_NOT_CANCELLABLE');
}

/**
 * Saves a running job's checkpoint (its result so far) in the job's current transaction,
 * so a batch and the checkpoint after it commit together; refuses when another worker
 * has taken the job over.
 */
export async function checkpoint(
  ctx: { db: Database; clock: { now(): Date }; job: { id: string; workerId: string } },
  result: Record<string, unknown>,
  progress: number,
): Promise<void> {
  const saved = await ctx.db
    .updateTable('jobs')
    .set({ result: JSON.stringify(result), progress, updated_at: ctx.clock.now() })
    .where('id', '=', ctx.job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', ctx.job.workerId)
    .executeTakeFirst();
  if (Number(saved.numUpdatedRows) !== 1) throw new Error('the job was taken over by another worker');
}
