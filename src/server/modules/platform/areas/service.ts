/**
 * Area use cases: browse the visible tree, create, rename/recode, retire, delete.
 * Everything outside the actor's subtree does not exist for them (404).
 */
import { sql } from 'kysely';
import { checkAreaCode, checkVintage, childLevel, pathIds, statisticalCode } from '../../../../domain/areas.js';
import { shanghaiYear } from '../../../../domain/clock.js';
import { type ActorContext, authorize, type Context } from '../../../kernel/context.js';
import { decodeCursor, page } from '../../../http/cursor.js';
import { AppError, fieldProblem, notFound, validationError } from '../../../kernel/errors.js';
import { audit, diff } from '../../../kernel/audit.js';
import { type AreaNode, areasChanged } from '../../../kernel/area-directory.js';
import { actorScope, contains } from '../../../kernel/scope.js';
import * as q from './queries.js';
import * as tree_ from './tree.js';
import type { AreaDto } from './schemas.js';

async function visible(c: ActorContext, id: string, lock = false) {
  const row = await q.findInScope(c, id, { lock });
  if (!row) throw notFound();
  return row;
}

const auditArea = (row: q.AreaRow) => ({ id: row.id, path: row.path, districtId: row.district_id });

function assertCode(
  c: ActorContext,
  level: q.AreaRow['level'],
  code: string,
  parentCode: string | null,
  vintage: number,
) {
  const problems = [...checkAreaCode(level, code, parentCode), ...checkVintage(vintage, shanghaiYear(c.clock.now()))];
  if (problems.length) throw validationError(problems.map((p) => fieldProblem(p.field, p.reason)));
}

export async function list(
  ctx: Context,
  input: { parentId?: string; q?: string; includeRetired: boolean; after?: string; limit: number },
) {
  const c = authorize(ctx, 'area.read');
  const tree = await c.areas.snapshot();
  const root = tree.get(c.actor.areaId);
  if (!root) throw notFound();
  const shown = (n: AreaNode) => input.includeRetired || !n.retired_at;
  const dto = (n: AreaNode) => tree_.toDto(n, input.includeRetired);
  if (input.q) {
    const after = decodeCursor(input.after, 3);
    const needle = input.q.toLowerCase();
    const rows = tree_
      .subtree(root)
      .filter((n) => shown(n) && (n.name.toLowerCase().includes(needle) || n.code.startsWith(input.q!)))
      .sort(tree_.bySearchKey)
      .filter(
        (n) =>
          !after || tree_.bySearchKey(n, { depth: Number(after[0]), code: String(after[1]), id: String(after[2]) }) > 0,
      )
      .slice(0, input.limit + 1);
    const p = page(rows, input.limit, (r) => [r.depth, r.code, r.id]);
    return { items: p.items.map(dto), nextCursor: p.nextCursor, scopeRoot: dto(root) };
  }
  const parent = tree.get(input.parentId ?? root.id);
  if (!parent || !contains(c, parent.path)) throw notFound();
  const after = decodeCursor(input.after, 2);
  const rows = parent.children
    .filter((n) => shown(n) && (!after || tree_.byCode(n, { code: String(after[0]), id: String(after[1]) }) > 0))
    .slice(0, input.limit + 1);
  const p = page(rows, input.limit, (r) => [r.code, r.id]);
  return { items: p.items.map(dto), nextCursor: p.nextCursor, scopeRoot: dto(root) };
}

export async function get(ctx: Context, id: string) {
  const c = authorize(ctx, 'area.read');
  const tree = await c.areas.snapshot();
  const node = tree.get(id);
  if (!node || !contains(c, node.path)) throw notFound();
  const scopeDepth = pathIds(actorScope(c).path).length - 1;
  const ancestors = pathIds(node.path)
    .slice(scopeDepth, -1)
    .map((a) => tree.get(a)!)
    .map(({ id: aid, name, level, code }) => ({ id: aid, name, level, code }));
  return { ...tree_.toDto(node, false), ancestors };
}

export async function create(
  ctx: Context,
  input: { parentId: string; code: string; vintage: number; name: string },
): Promise<AreaDto> {
  const c = authorize(ctx, 'area.create');
  const parent = await visible(c, input.parentId, true);
  if (parent.retired_at) throw new AppError('AREA_RETIRED');
  const level = childLevel(parent.level);
  if (!level) throw new AppError('AREA_LEVEL_MISMATCH');
  assertCode(c, level, input.code, parent.code, input.vintage);
  const inserted = await c.db
    .insertInto('areas')
    .values({
      parent_id: parent.id,
      level,
      code: input.code,
      stat_code: statisticalCode(level, input.code),
      vintage: input.vintage,
      name: input.name,
    })
    .returningAll()
    .returning(sql<number>`0`.as('child_count'))
    .executeTakeFirstOrThrow();
  await areasChanged(c);
  await audit(c, {
    action: 'area.create',
    resourceType: 'area',
    resourceId: inserted.id,
    area: auditArea(inserted),
    changes: {
      name: [null, input.name],
      code: [null, input.code],
      vintage: [null, input.vintage],
      level: [null, level],
    },
  });
  return q.toDto(inserted);
}

export async function update(
  ctx: Context,
  id: string,
  input: { name?: string; code?: string; vintage?: number },
): Promise<AreaDto> {
  const c = authorize(ctx, 'area.update');
  const row = await visible(c, id, true);
  if (row.retired_at) throw new AppError('AREA_RETIRED');
  const changes = diff(row, { name: input.name, code: input.code, vintage: input.vintage });
  if (Object.keys(changes).length === 0) return q.toDto(row);
  if (input.code !== undefined || input.vintage !== undefined) {
    const parent = await q.parentCode(c, row.parent_id);
    assertCode(c, row.level, input.code ?? row.code, parent, input.vintage ?? row.vintage);
  }
  const code = input.code ?? row.code;
  const updated = await c.db
    .updateTable('areas')
    .set({
      name: input.name ?? row.name,
      code,
      stat_code: statisticalCode(row.level, code),
      vintage: input.vintage ?? row.vintage,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await areasChanged(c);
  await audit(c, { action: 'area.update', resourceType: 'area', resourceId: id, area: auditArea(row), changes });
  return q.toDto({ ...updated, child_count: row.child_count });
}

function assertNotOwnScope(c: ActorContext, id: string) {
  if (id === c.actor.areaId) throw new AppError('FORBIDDEN');
}

export async function retire(ctx: Context, id: string): Promise<AreaDto> {
  const c = authorize(ctx, 'area.retire');
  assertNotOwnScope(c, id);
  const row = await visible(c, id, true);
  if (row.retired_at) return q.toDto(row);
  const held = await q.holdings(c, row);
  if (held.activeChildren > 0)
    throw new AppError('AREA_HAS_ACTIVE_CHILDREN', [], { activeChildren: held.activeChildren });
  if (held.activeUsers > 0) throw new AppError('AREA_HAS_ACTIVE_USERS', [], { activeUsers: held.activeUsers });
  const now = c.clock.now();
  const updated = await c.db
    .updateTable('areas')
    .set({ retired_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await areasChanged(c);
  await audit(c, {
    action: 'area.retire',
    resourceType: 'area',
    resourceId: id,
    area: auditArea(row),
    changes: { retiredAt: [null, now.toISOString()] },
  });
  return q.toDto({ ...updated, child_count: 0 });
}

/** Hard delete is only for a mistaken, empty area; anything with data is retired instead. */
export async function remove(ctx: Context, id: string): Promise<void> {
  const c = authorize(ctx, 'area.retire');
  assertNotOwnScope(c, id);
  const row = await visible(c, id, true);
  const held = await q.holdings(c, row);
  if (held.children + held.users + held.jobs + held.records > 0) throw new AppError('AREA_HAS_DATA', [], held);
  await c.db.deleteFrom('area_counters').where('district_id', '=', row.district_id).where('area_id', '=', id).execute();
  try {
    await c.db.deleteFrom('areas').where('id', '=', id).execute();
  } catch (e) {
    if ((e as { code?: string }).code === '23503') throw new AppError('AREA_HAS_DATA');
    throw e;
  }
  await areasChanged(c);
  await audit(c, {
    action: 'area.delete',
    resourceType: 'area',
    resourceId: id,
    area: row.parent_id
      ? { id: row.parent_id, path: row.path.replace(/[0-9]+\/$/, ''), districtId: row.district_id }
      : null,
    changes: { name: [row.name, null], code: [row.code, null] },
  });
}
