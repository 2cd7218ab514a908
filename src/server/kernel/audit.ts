/**
 * Writing the audit log. `audit` writes through the request's handle, so the
 * row commits or rolls back with the change it describes. `auditApart` writes in
 * its own transaction, for events that must be kept even when the request fails
 * (failed logins, lockouts, reads of sensitive data).
 */
import type { Database } from '../db/connection.js';
import type { Context } from './context.js';

/** The district key of audit rows written before any district was known (a sign-in for an unknown name). */
export const PLATFORM_DISTRICT = '0';

export interface AuditEntry {
  action: string;
  resourceType?: string;
  resourceId?: string | number;
  /** The area the record belongs to; defaults to the actor's own area. */
  area?: { id: string; path: string; districtId: string } | null;
  changes?: Record<string, unknown>;
  details?: Record<string, unknown>;
  /** For events without a signed-in actor (failed login): the claimed identity. */
  actorOverride?: { id: string | null; username: string | null };
}

/** The audit row for an entry, as inserted (for statements that write it themselves). */
export function auditValues(ctx: Context, e: AuditEntry) {
  const a = ctx.actor;
  const area = e.area ?? (a ? { id: a.areaId, path: a.areaPath, districtId: a.districtId } : null);
  return {
    at: ctx.clock.now(),
    district_id: area?.districtId ?? PLATFORM_DISTRICT,
    actor_id: e.actorOverride ? e.actorOverride.id : (a?.id ?? null),
    actor_username: e.actorOverride ? e.actorOverride.username : (a?.username ?? null),
    action: e.action,
    resource_type: e.resourceType ?? null,
    resource_id: e.resourceId === undefined ? null : String(e.resourceId),
    area_id: area?.id ?? null,
    area_path: area?.path ?? null,
    ip: ctx.ip,
    request_id: ctx.requestId,
    changes: e.changes ? JSON.stringify(e.changes) : null,
    details: e.details ? JSON.stringify(e.details) : null,
  };
}

async function write(db: Database, ctx: Context, e: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(auditValues(ctx, e)).execute();
}

export function audit(ctx: Context, e: AuditEntry): Promise<void> {
  return write(ctx.db, ctx, e);
}

export function auditApart(ctx: Context, e: AuditEntry): Promise<void> {
  return ctx.root.transaction().execute((tx) => write(tx, ctx, e));
}

/** Field-by-field difference of two records, for the audit `changes` column. */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(after)) {
    if (v !== undefined && JSON.stringify(before[k]) !== JSON.stringify(v)) out[k] = [before[k], v];
  }
  return out;
}
