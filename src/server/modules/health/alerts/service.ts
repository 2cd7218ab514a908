/**
 * The in-app inbox: the alerts a user receives (new → acknowledged → handled with a
 * note). An alert is shared by its recipients: whoever handles it handles it for all.
 */
import { sql } from 'kysely';
import { presenter } from '../../../kernel/present.js';
import { type ActorContext, authorize, type Context } from '../../../kernel/context.js';
import { decodeCursor, page } from '../../../http/cursor.js';
import { AppError } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { inScope } from '../../../kernel/scope.js';

function inbox(c: ActorContext) {
  return c.db
    .selectFrom('alert_recipients as r')
    .innerJoin('alerts as a', (j) => j.onRef('a.district_id', '=', 'r.district_id').onRef('a.id', '=', 'r.alert_id'))
    .innerJoin('areas as ar', 'ar.id', 'a.area_id')
    .leftJoin('persons as p', (j) => j.onRef('p.district_id', '=', 'a.district_id').onRef('p.id', '=', 'a.person_id'))
    .leftJoin('users as h', 'h.id', 'a.handled_by')
    .where('r.district_id', '=', c.actor.districtId)
    .where('r.user_id', '=', c.actor.id)
    .where(inScope(c, 'a.area_path'));
}

export async function list(
  ctx: Context,
  input: { state: 'open' | 'new' | 'acknowledged' | 'handled' | 'all'; after?: string | undefined; limit: number },
) {
  const c = authorize(ctx, 'health.read');
  const after = decodeCursor(input.after, 2) as [string, string] | null;
  let q = inbox(c).select([
    'a.id',
    'a.kind',
    'a.day',
    'a.state',
    'a.level',
    'a.created_at',
    'a.details',
    'a.note',
    'a.handled_at',
    'h.display_name as handled_by',
    'ar.id as area_id',
    'ar.name as area_name',
    'p.id as person_id',
    'p.name as person_name',
  ]);
  if (input.state === 'open') q = q.where('a.state', '<>', 'handled');
  else if (input.state !== 'all') q = q.where('a.state', '=', input.state);
  if (after) q = q.where(sql<boolean>`(a.created_at, a.id) < (${new Date(after[0])}, ${after[1]}::uuid)`);
  const rows = await q
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const { items, nextCursor } = page(rows, input.limit, (r) => [r.created_at.toISOString(), r.id]);
  const counts = await inbox(c)
    .select(['a.state', sql<number>`count(*)::int`.as('n')])
    .where('a.state', '<>', 'handled')
    .groupBy('a.state')
    .execute();
  return {
    counts: {
      new: counts.find((x) => x.state === 'new')?.n ?? 0,
      acknowledged: counts.find((x) => x.state === 'acknowledged')?.n ?? 0,
    },
    nextCursor,
    items: items.map((r) => ({
      id: r.id,
      kind: r.kind,
      day: r.day,
      state: r.state,
      level: r.level,
      createdAt: r.created_at.toISOString(),
      area: { id: r.area_id, name: r.area_name },
      person: r.person_id ? { id: r.person_id, name: presenter(c).value('name', r.person_name) } : null,
      details: r.details,
      note: r.note,
      handledAt: r.handled_at?.toISOString() ?? null,
      handledBy: r.handled_by,
    })),
  };
}

async function mine(c: ActorContext, id: string) {
  const a = await inbox(c)
    .select(['a.id', 'a.state', 'a.area_id', 'a.area_path', 'a.district_id', 'a.kind'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!a) throw new AppError('NOT_ALERT_RECIPIENT');
  await c.db
    .selectFrom('alerts')
    .select('id')
    .where('district_id', '=', a.district_id)
    .where('id', '=', id)
    .forUpdate()
    .execute();
  return a;
}

export async function acknowledge(ctx: Context, id: string) {
  const c = authorize(ctx, 'health.read');
  const a = await mine(c, id);
  if (a.state === 'handled') throw new AppError('ALERT_HANDLED');
  if (a.state === 'new') {
    await c.db
      .updateTable('alerts')
      .set({ state: 'acknowledged', acknowledged_at: c.clock.now(), acknowledged_by: c.actor.id })
      .where('district_id', '=', a.district_id)
      .where('id', '=', id)
      .where('state', '=', 'new')
      .execute();
    await audit(c, {
      action: 'alert.acknowledge',
      resourceType: 'alert',
      resourceId: id,
      area: { id: a.area_id, path: a.area_path, districtId: a.district_id },
    });
  }
  return { id, state: 'acknowledged' as const };
}

/** Handling stops the escalation; the note says what was done. */
export async function handle(ctx: Context, id: string, input: { note: string }) {
  const c = authorize(ctx, 'health.read');
  const a = await mine(c, id);
  if (a.state === 'handled') throw new AppError('ALERT_HANDLED');
  const now = c.clock.now();
  await c.db
    .updateTable('alerts')
    .set({
      state: 'handled',
      handled_at: now,
      handled_by: c.actor.id,
      note: input.note,
      escalate_at: null,
      acknowledged_at: sql`coalesce(acknowledged_at, ${now})`,
      acknowledged_by: sql`coalesce(acknowledged_by, ${c.actor.id}::uuid)`,
    })
    .where('district_id', '=', a.district_id)
    .where('id', '=', id)
    .execute();
  await audit(c, {
    action: 'alert.handle',
    resourceType: 'alert',
    resourceId: id,
    area: { id: a.area_id, path: a.area_path, districtId: a.district_id },
    details: { kind: a.kind, note: input.note },
  });
  return { id, state: 'handled' as const };
}
