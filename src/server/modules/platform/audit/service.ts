/** Browsing the audit log: admins and commanders see the entries of their subtree. */
import { escapeLike } from '../../../db/like.js';
import { type ActorContext, authorize, type Context } from '../../../kernel/context.js';
import { page } from '../../../http/cursor.js';
import { notFound } from '../../../kernel/errors.js';
import type { AuditEntryDto } from './schemas.js';

interface Filter {
  action?: string;
  actor?: string;
  resourceType?: string;
  resourceId?: string;
  areaId?: string;
  from?: string;
  to?: string;
  after?: string;
  limit: number;
}

async function scopePath(c: ActorContext, areaId?: string): Promise<string> {
  if (!areaId) return c.actor.areaPath;
  const a = await c.db
    .selectFrom('areas')
    .select('path')
    .where('id', '=', areaId)
    .where('path', 'like', `${c.actor.areaPath}%`)
    .executeTakeFirst();
  if (!a) throw notFound();
  return a.path;
}

export async function list(ctx: Context, f: Filter) {
  const c = authorize(ctx, 'audit.read');
  const path = await scopePath(c, f.areaId);
  let q = c.db
    .selectFrom('audit_log as l')
    .leftJoin('areas as a', 'a.id', 'l.area_id')
    .selectAll('l')
    .select('a.name as area_name');
  // Entries tied to no area (a failed sign-in with an unknown username) belong to the
  // district: only a district-wide system admin sees them.
  const districtWide = c.actor.role === 'system_admin' && !f.areaId;
  q = q.where((eb) => {
    const inside = eb('l.area_path', 'like', `${path}%`);
    return districtWide ? eb.or([inside, eb('l.area_path', 'is', null)]) : inside;
  });
  if (f.action)
    q = f.action.endsWith('.')
      ? q.where('l.action', 'like', `${escapeLike(f.action)}%`)
      : q.where('l.action', '=', f.action);
  if (f.actor) q = q.where('l.actor_username', '=', f.actor.toLowerCase());
  if (f.resourceType) q = q.where('l.resource_type', '=', f.resourceType);
  if (f.resourceId) q = q.where('l.resource_id', '=', f.resourceId);
  if (f.from) q = q.where('l.at', '>=', new Date(f.from));
  if (f.to) q = q.where('l.at', '<', new Date(f.to));
  if (f.after) q = q.where('l.id', '<', f.after);
  const rows = await q
    .orderBy('l.id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const p = page(rows, f.limit, (r) => [r.id]);
  const items: AuditEntryDto[] = p.items.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorUsername: r.actor_username,
    action: r.action,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    areaId: r.area_id,
    areaName: r.area_name,
    ip: r.ip,
    requestId: r.request_id,
    changes: r.changes,
    details: r.details,
  }));
  // The cursor is the plain id of the last entry.
  const last = p.items[p.items.length - 1];
  return { items, nextCursor: p.nextCursor && last ? last.id : null };
}
