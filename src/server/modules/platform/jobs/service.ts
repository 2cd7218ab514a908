/** Jobs as the console sees them: one's own jobs and those of one's area subtree. */
import { sql } from 'kysely';
import type { Job } from '../../../db/types.js';
import { cancel as cancelJob } from '../../../jobs/queue.js';
import { type ActorContext, authorize, type Context } from '../../../kernel/context.js';
import { decodeCursor, page } from '../../../http/cursor.js';
import { notFound } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { inScope } from '../../../kernel/scope.js';
import type { JobDto } from './schemas.js';

export function toDto(j: Job): JobDto {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    progress: j.progress,
    attempts: j.attempts,
    maxAttempts: j.max_attempts,
    cancelRequested: j.cancel_requested,
    result: j.result,
    error: j.error,
    runAt: j.run_at.toISOString(),
    createdAt: j.created_at.toISOString(),
    finishedAt: j.finished_at?.toISOString() ?? null,
  };
}

function visibleJobs(c: ActorContext) {
  return c.db
    .selectFrom('jobs as j')
    .leftJoin('areas as a', 'a.id', 'j.area_id')
    .selectAll('j')
    .where((eb) => eb.or([eb('j.created_by', '=', c.actor.id), inScope(c, 'a.path')]));
}

export async function list(ctx: Context, f: { status?: Job['status']; kind?: string; after?: string; limit: number }) {
  const c = authorize(ctx, 'job.read');
  let q = visibleJobs(c);
  if (f.status) q = q.where('j.status', '=', f.status);
  if (f.kind) q = q.where('j.kind', '=', f.kind);
  const after = decodeCursor(f.after, 2);
  if (after)
    q = q.where(sql<boolean>`(j.created_at, j.id) < (${String(after[0])}::timestamptz, ${String(after[1])}::uuid)`);
  const rows = await q
    .orderBy('j.created_at', 'desc')
    .orderBy('j.id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const p = page(rows, f.limit, (r) => [r.created_at.toISOString(), r.id]);
  return { items: p.items.map(toDto), nextCursor: p.nextCursor };
}

export async function get(ctx: Context, id: string): Promise<JobDto> {
  const c = authorize(ctx, 'job.read');
  const job = await visibleJobs(c).where('j.id', '=', id).executeTakeFirst();
  if (!job) throw notFound();
  return toDto(job);
}

export async function cancel(ctx: Context, id: string): Promise<JobDto> {
  const c = authorize(ctx, 'job.cancel');
  const job = await visibleJobs(c).where('j.id', '=', id).executeTakeFirst();
  if (!job) throw notFound();
  const updated = await cancelJob(c, id);
  await audit(c, {
    action: 'job.cancel',
    resourceType: 'job',
    resourceId: id,
    changes: { status: [job.status, updated.status] },
  });
  return toDto(updated);
}
