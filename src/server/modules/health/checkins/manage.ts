/**
 * Staff's side of personal check-in links after they are issued: the links of a person
 * (never their tokens: only hashes are kept) and revoking one — a lost phone, a link
 * sent to the wrong family. A revoked link stops at once: its page and its submissions
 * answer CHECKIN_LINK_REVOKED and record nothing. Revoking is final and audited with
 * its reason; revoking a revoked link again changes nothing.
 */
import { authorize, type Context } from '../../../kernel/context.js';
import { notFound } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { inScope } from '../../../kernel/scope.js';
import { requireProfile } from '../measures/index.js';
import type { LinkSummaryDto } from './schemas.js';

interface LinkRow {
  id: string;
  scope: 'person' | 'household';
  created_by: string | null;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

function summary(c: Context, r: LinkRow): LinkSummaryDto {
  return {
    id: r.id,
    scope: r.scope,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    state: r.revoked_at ? 'revoked' : r.expires_at <= c.clock.now() ? 'expired' : 'active',
  };
}

const COLUMNS = [
  'l.id',
  'l.scope',
  'u.display_name as created_by',
  'l.created_at',
  'l.expires_at',
  'l.last_used_at',
  'l.revoked_at',
] as const;

export async function listLinks(ctx: Context, personId: string) {
  const c = authorize(ctx, 'health.record');
  const { person } = await requireProfile(c, personId);
  const rows = await c.db
    .selectFrom('health_checkin_links as l')
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .select(COLUMNS)
    .where('l.district_id', '=', person.districtId)
    .where('l.person_id', '=', person.id)
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(100)
    .execute();
  return { items: rows.map((r) => summary(c, r)) };
}

export async function revokeLink(ctx: Context, id: string, input: { reason: string }): Promise<LinkSummaryDto> {
  const c = authorize(ctx, 'health.record');
  // The link is in scope when its person is: outside, it answers 404 like one that does not exist.
  const link = await c.db
    .selectFrom('health_checkin_links as l')
    .innerJoin('persons as p', (j) => j.onRef('p.district_id', '=', 'l.district_id').onRef('p.id', '=', 'l.person_id'))
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .select([...COLUMNS, 'l.person_id', 'p.grid_id', 'p.area_path', 'p.district_id'])
    .where('l.district_id', '=', c.actor.districtId)
    .where('l.id', '=', id)
    .where(inScope(c, 'p.area_path'))
    .forUpdate('l')
    .executeTakeFirst();
  if (!link) throw notFound();
  if (link.revoked_at) return summary(c, link);
  const now = c.clock.now();
  await c.db
    .updateTable('health_checkin_links')
    .set({ revoked_at: now })
    .where('district_id', '=', link.district_id)
    .where('id', '=', link.id)
    .execute();
  await audit(c, {
    action: 'health.checkin_link_revoke',
    resourceType: 'checkin_link',
    resourceId: link.id,
    area: { id: link.grid_id, path: link.area_path, districtId: link.district_id },
    changes: { revoked_at: [null, now.toISOString()] },
    details: { personId: link.person_id, scope: link.scope, reason: input.reason },
  });
  return summary(c, { ...link, revoked_at: now });
}
