/**
 * The review queue: submissions of the reviewer's area (the grid the dwelling belongs
 * to; the code's area while the address is unresolved), oldest first while open,
 * newest first once decided. Filters read columns kept with each submission.
 */
import { sql } from 'kysely';
import type { QueueFilter } from '../../../../domain/self-registration.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { decodeCursor, page } from '../../../http/cursor.js';
import { presenter } from '../../../kernel/present.js';
import { inScope, recordInScope, scopeOrArea } from '../../../kernel/scope.js';
import { placeName } from '../codes/index.js';

const WAITING_MS = 24 * 3600_000;

export async function queue(
  ctx: Context,
  input: {
    filter: QueueFilter;
    areaId?: string | undefined;
    codeId?: string | undefined;
    after?: string | undefined;
    limit: number;
  },
) {
  const c = authorize(ctx, 'selfreg.read');
  const scope = await scopeOrArea(c, input.areaId);
  // A code outside the scope is not there: 404, not an empty queue.
  if (input.codeId) await recordInScope(c, 'reg_codes', input.codeId);
  const now = c.clock.now();
  const open = !['accepted', 'rejected', 'all'].includes(input.filter);
  let q = c.db
    .selectFrom('reg_submissions as s')
    .innerJoin('reg_codes as k', (j) => j.onRef('k.district_id', '=', 's.district_id').onRef('k.id', '=', 's.code_id'))
    .leftJoin('courtyards as ky', (j) =>
      j.onRef('ky.district_id', '=', 's.district_id').onRef('ky.id', '=', 'k.courtyard_id'),
    )
    .innerJoin('areas as a', 'a.id', 's.area_id')
    .leftJoin('dwellings as d', (j) =>
      j.onRef('d.district_id', '=', 's.district_id').onRef('d.id', '=', 's.dwelling_id'),
    )
    .leftJoin('courtyards as y', (j) =>
      j.onRef('y.district_id', '=', 's.district_id').onRef('y.id', '=', 'd.courtyard_id'),
    )
    .leftJoin('buildings as b', (j) =>
      j.onRef('b.district_id', '=', 's.district_id').onRef('b.id', '=', 'd.building_id'),
    )
    .leftJoin('units as u', (j) => j.onRef('u.district_id', '=', 's.district_id').onRef('u.id', '=', 'd.unit_id'))
    .select([
      's.id',
      's.status',
      's.version',
      's.code_id',
      'k.area_id as code_area',
      'ky.name as code_courtyard',
      's.area_id',
      'a.name as area_name',
      's.dwelling_id',
      'd.area_path as dwelling_path',
      's.address',
      's.area_path',
    ])
    .select([
      'y.name as courtyard',
      'b.label as building',
      'u.label as unit',
      'd.room',
      's.head_name',
      's.members',
      's.category_members',
      's.fever_members',
      's.conflict_members',
      's.changed_after_review',
      's.submitted_at',
      's.updated_at',
    ])
    .where(inScope(scope, 's.area_path'));
  if (input.codeId) q = q.where('s.code_id', '=', input.codeId);
  if (open) q = q.where('s.status', '=', 'new');
  if (input.filter === 'accepted' || input.filter === 'rejected') q = q.where('s.status', '=', input.filter);
  if (input.filter === 'conflicts') q = q.where('s.conflict_members', '>', 0);
  if (input.filter === 'category') q = q.where('s.category_members', '>', 0);
  if (input.filter === 'fever') q = q.where('s.fever_members', '>', 0);
  if (input.filter === 'waiting') q = q.where('s.submitted_at', '<', new Date(now.getTime() - WAITING_MS));
  const cursor = decodeCursor(input.after, 2);
  const key = open ? 's.submitted_at' : 's.updated_at';
  if (cursor)
    q = q.where(
      sql<boolean>`(${sql.ref(key)}, s.id) ${sql.raw(open ? '>' : '<')} (${new Date(String(cursor[0]))}, ${String(cursor[1])}::uuid)`,
    );
  q = open ? q.orderBy('s.submitted_at').orderBy('s.id') : q.orderBy('s.updated_at', 'desc').orderBy('s.id', 'desc');
  const rows = await q.limit(input.limit + 1).execute();
  const p = page(rows, input.limit, (r) => [(open ? r.submitted_at : r.updated_at).toISOString(), r.id]);
  const show = presenter(c);
  const names = new Map<string, string>();
  const codeName = async (r: (typeof rows)[number]) => {
    if (!names.has(r.code_id)) names.set(r.code_id, await placeName(c, r.code_area, r.code_courtyard));
    return names.get(r.code_id)!;
  };
  const items = [];
  for (const r of p.items) {
    const parts = { courtyard: r.courtyard ?? '', building: r.building, unit: r.unit, room: r.room ?? '' };
    items.push({
      id: r.id,
      status: r.status,
      version: r.version,
      code: { id: r.code_id, placeName: await codeName(r) },
      area: { id: String(r.area_id), name: r.area_name },
      place: r.dwelling_path
        ? show.address(parts, r.dwelling_path).text
        : show.writtenAddress(r.address ?? '', r.area_path),
      listed: r.dwelling_id !== null,
      headName: show.value('name', r.head_name),
      members: r.members,
      categoryMembers: r.category_members,
      feverMembers: r.fever_members,
      conflictMembers: r.conflict_members,
      changedAfterReview: r.changed_after_review,
      submittedAt: r.submitted_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      waitingHours: r.status === 'new' ? Math.floor((now.getTime() - r.submitted_at.getTime()) / 360_000) / 10 : 0,
    });
  }
  return { items, nextCursor: p.nextCursor };
}
