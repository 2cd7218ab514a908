/**
 * A registry record's history, within the actor's scope. Personal values in before
 * and after go through the presenter, masked by role like everywhere else.
 */
import { authorize, type Context } from '../../../kernel/context.js';
import { presenter } from '../../../kernel/present.js';
import { inScope } from '../../../kernel/scope.js';
import type { RecordType, VersionDto } from './schemas.js';

export async function versions(ctx: Context, type: RecordType, id: string): Promise<{ items: VersionDto[] }> {
  const c = authorize(ctx, type === 'person' || type === 'member' ? 'person.read' : 'place.read');
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
