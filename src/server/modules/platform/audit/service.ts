/** Browsing the audit log: admins and commanders see the entries of their subtree. */
import { escapeLike } from '../../../db/like.js';
import { authorize, type Context, may } from '../../../kernel/context.js';
import { page } from '../../../http/cursor.js';
import { inScope, scopeOrArea } from '../../../kernel/scope.js';
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

export async function list(ctx: Context, f: Filter) {
  const c = authorize(ctx, 'audit.read');
  const scope = await scopeOrArea(c, f.areaId);
  let q = c.db
    .selectFrom('audit_log as l')
    .leftJoin('areas as a', 'a.id', 'l.area_id')
    .selectAll('l')
    .select('a.name as area_name');
  // Entries tied to no area but to the district (the platform's own jobs) are shown to
  // those who may read them, unfiltered by area. Entries tied to no district at all (a
  // failed sign-in with an unknown username: PLATFORM_DISTRICT, kernel/audit.ts) belong
  // to no district: no district's staff see them (operators find them in the log).
  const arealess = may(c, 'audit.read_arealess') && !f.areaId;
  // The scope's district (the actor's) is named outside the OR: one shard on Citus.
  q = q
    .where('l.district_id', '=', scope.districtId)
    .where((eb) =>
      arealess ? eb.or([inScope(scope, 'l.area_path'), eb('l.area_path', 'is', null)]) : inScope(scope, 'l.area_path'),
    );
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
