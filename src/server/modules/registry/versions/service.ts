/**
 * A registry record's history, within the actor's scope. Personal values in before
 * and after go through the presenter, masked by role like everywhere else.
 */
import { type ActorContext, authorize, type Context } from '../../../kernel/context.js';
import { notFound } from '../../../kernel/errors.js';
import { presenter } from '../../../kernel/present.js';
import { inScope, recordInScope } from '../../../kernel/scope.js';
import type { RecordType, VersionDto } from './schemas.js';

/** The record itself must be inside the scope (404 otherwise), whatever its versions say. */
async function recordVisible(c: ActorContext, type: RecordType, id: string): Promise<void> {
  if (type === 'person') return recordInScope(c, 'persons', id);
  if (type === 'courtyard') return recordInScope(c, 'courtyards', id);
  if (type === 'dwelling') return recordInScope(c, 'dwellings', id);
  if (type === 'household') return recordInScope(c, 'households', id);
  if (type === 'occupancy') return recordInScope(c, 'occupancies', id);
  // Buildings, units and memberships live where their courtyard or household does.
  const found =
    type === 'member'
      ? await c.db
          .selectFrom('household_members as m')
          .innerJoin('households as h', (j) =>
            j.onRef('h.district_id', '=', 'm.district_id').onRef('h.id', '=', 'm.household_id'),
          )
          .select('m.id')
          .where('m.id', '=', id)
          .where(inScope(c, 'h.area_path'))
          .executeTakeFirst()
      : await c.db
          .selectFrom('courtyards as y')
          .innerJoin('buildings as b', (j) =>
            j.onRef('b.district_id', '=', 'y.district_id').onRef('b.courtyard_id', '=', 'y.id'),
          )
          .leftJoin('units as u', (j) =>
            j.onRef('u.district_id', '=', 'b.district_id').onRef('u.building_id', '=', 'b.id'),
          )
          .select('y.id')
          .where(type === 'building' ? 'b.id' : 'u.id', '=', id)
          .where(inScope(c, 'y.area_path'))
          .executeTakeFirst();
  if (!found) throw notFound();
}

export async function versions(ctx: Context, type: RecordType, id: string): Promise<{ items: VersionDto[] }> {
  const c = authorize(ctx, type === 'person' || type === 'member' ? 'person.read' : 'place.read');
  await recordVisible(c, type, id);
  const rows = await c.db
    .selectFrom('record_versions as v')
    .leftJoin('users as u', 'u.id', 'v.actor_id')
    .select(['v.id', 'v.at', 'u.username', 'v.channel', 'v.before', 'v.after'])
    .where('v.record_type', '=', type)
    .where('v.record_id', '=', id)
    .where(inScope(c, 'v.area_path'))
    .orderBy('v.id')
    .limit(500)
    .execute();
  const shown = presenter(c);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorUsername: r.username,
      channel: r.channel,
      before: shown.deep(r.before) as Record<string, unknown> | null,
      after: shown.deep(r.after) as Record<string, unknown> | null,
    })),
  };
}
