/**
 * Transfers between grids. A grid worker who finds a person "registered elsewhere"
 * asks for them; staff whose area contains both grids (the common parent area, or
 * above) approve or reject. Until approved, the requester learns nothing about the
 * person; the approver sees the person as their role may.
 */
import { sql } from 'kysely';
import { pathIds } from '../../../../domain/areas.js';
import { shanghaiDay } from '../../../../domain/clock.js';
import { checkDocument, type DocumentType } from '../../../../domain/id-number.js';
import { type ActorContext, authorize, type Context, may } from '../../../kernel/context.js';
import { decodeCursor, page } from '../../../http/cursor.js';
import { AppError, fieldProblem, notFound, validationError } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { findInScope, presentPerson } from '../persons/index.js';
import { contains, gridInScope, inScope } from '../../../kernel/scope.js';
import { recordVersion } from '../../../kernel/versions.js';
import type { TransferDto } from './schemas.js';

function transfers(c: ActorContext) {
  return c.db
    .selectFrom('person_transfers as t')
    .innerJoin('areas as tg', 'tg.id', 't.to_grid_id')
    .innerJoin('areas as fg', 'fg.id', 't.from_grid_id')
    .innerJoin('users as u', 'u.id', 't.requested_by')
    .select([
      't.id',
      't.district_id',
      't.status',
      't.reason',
      't.requested_at',
      't.person_id',
      't.approver_path',
      't.requested_by',
      't.decided_at',
      't.decision_note',
      't.to_grid_id',
      't.from_grid_id',
      'tg.name as to_name',
      'fg.name as from_name',
      'u.username',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof transfers>['executeTakeFirstOrThrow']>>;

async function toDto(c: ActorContext, r: Row): Promise<TransferDto> {
  const approver = may(c, 'transfer.approve') && contains(c, r.approver_path);
  const mayKnow = approver || r.status === 'approved';
  const p = mayKnow ? await findInScope(c, r.person_id) : undefined;
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    requestedBy: r.username,
    requestedAt: r.requested_at.toISOString(),
    toGrid: { id: r.to_grid_id, name: r.to_name },
    fromGrid: approver ? { id: r.from_grid_id, name: r.from_name } : null,
    person: p ? presentPerson(c, p) : null,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionNote: r.decision_note,
  };
}

export async function request(
  ctx: Context,
  input: { docType: DocumentType; docNumber: string; toGridId: string; reason: string },
) {
  const c = authorize(ctx, 'person.create');
  const doc = checkDocument(input.docType, input.docNumber, shanghaiDay(c.clock.now()));
  if (!doc.ok) throw validationError(doc.problems.map((p) => fieldProblem('docNumber', p)));
  const toGrid = await gridInScope(c, input.toGridId);
  const person = await c.db
    .selectFrom('persons')
    .select(['id', 'grid_id', 'area_path', 'district_id'])
    .where('district_id', '=', toGrid.district_id)
    .where('doc_type', '=', input.docType)
    .where('doc_number', '=', doc.number)
    .where('merged_into', 'is', null)
    .executeTakeFirst();
  if (!person || person.district_id !== toGrid.district_id)
    throw new AppError('NOT_FOUND', [fieldProblem('docNumber', 'invalid')]);
  if (contains(c, person.area_path))
    throw new AppError('PERSON_EXISTS', [fieldProblem('docNumber', 'conflict')], { personId: person.id });
  // The common parent area: the deepest area on both paths.
  const from = pathIds(person.area_path);
  const to = pathIds(toGrid.path);
  let depth = 0;
  while (depth < from.length && from[depth] === to[depth]) depth++;
  const approverArea = from[depth - 1]!;
  const approverPath = `/${from.slice(0, depth).join('/')}/`;
  const pending = await c.db
    .selectFrom('person_transfers')
    .select('id')
    .where('district_id', '=', person.district_id)
    .where('person_id', '=', person.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (pending) throw new AppError('CONFLICT', [fieldProblem('docNumber', 'transfer_pending')]);
  const row = await c.db
    .insertInto('person_transfers')
    .values({
      district_id: person.district_id,
      person_id: person.id,
      from_grid_id: person.grid_id,
      to_grid_id: input.toGridId,
      approver_area: approverArea,
      approver_path: approverPath,
      reason: input.reason,
      requested_by: c.actor.id,
      requested_at: c.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(c, {
    action: 'transfer.request',
    resourceType: 'transfer',
    resourceId: row.id,
    area: { id: input.toGridId, path: toGrid.path, districtId: toGrid.district_id },
  });
  return toDto(
    c,
    await transfers(c)
      .where('t.district_id', '=', person.district_id)
      .where('t.id', '=', row.id)
      .executeTakeFirstOrThrow(),
  );
}

export async function list(ctx: Context, f: { status?: TransferDto['status']; after?: string; limit: number }) {
  const c = authorize(ctx, 'person.read');
  const approver = may(c, 'transfer.approve');
  // A transfer stays inside its district: the person's, the grid's, the requester's.
  let q = transfers(c)
    .where('t.district_id', '=', c.actor.districtId)
    .where((eb) =>
      approver
        ? eb.or([eb('t.requested_by', '=', c.actor.id), inScope(c, 't.approver_path')])
        : eb('t.requested_by', '=', c.actor.id),
    );
  if (f.status) q = q.where('t.status', '=', f.status);
  const after = decodeCursor(f.after, 2);
  if (after)
    q = q.where(sql<boolean>`(t.requested_at, t.id) < (${String(after[0])}::timestamptz, ${String(after[1])}::uuid)`);
  const rows = await q
    .orderBy('t.requested_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const p = page(rows, f.limit, (r) => [r.requested_at.toISOString(), r.id]);
  return { items: await Promise.all(p.items.map((r) => toDto(c, r))), nextCursor: p.nextCursor };
}

export async function decide(ctx: Context, id: string, approve: boolean, note?: string) {
  const c = authorize(ctx, 'transfer.approve');
  const t = await transfers(c)
    .where('t.id', '=', id)
    .where(inScope(c, 't.approver_path'))
    .forUpdate('t')
    .executeTakeFirst();
  if (!t) throw notFound();
  if (t.status !== 'pending') throw new AppError('CONFLICT', [fieldProblem('status', 'already_decided')]);
  const now = c.clock.now();
  await c.db
    .updateTable('person_transfers')
    .set({
      status: approve ? 'approved' : 'rejected',
      decided_by: c.actor.id,
      decided_at: now,
      decision_note: note ?? null,
    })
    .where('district_id', '=', t.district_id)
    .where('id', '=', id)
    .execute();
  const toGrid = await c.db
    .selectFrom('areas')
    .select(['path', 'district_id'])
    .where('id', '=', t.to_grid_id)
    .executeTakeFirstOrThrow();
  if (approve) {
    // The person now belongs to the requesting grid; a current household in the old grid is left today.
    const person = await c.db
      .updateTable('persons')
      .set({ grid_id: t.to_grid_id, updated_at: now })
      .where('district_id', '=', t.district_id)
      .where('id', '=', t.person_id)
      .returning(['area_path', 'district_id'])
      .executeTakeFirstOrThrow();
    const today = shanghaiDay(now);
    const left = await c.db
      .updateTable('household_members')
      .set({ end_date: today })
      .where('district_id', '=', t.district_id)
      .where('person_id', '=', t.person_id)
      .where('end_date', 'is', null)
      .returning('id')
      .execute();
    await recordVersion(c, {
      type: 'person',
      id: t.person_id,
      place: person,
      before: { grid_id: t.from_grid_id },
      after: { grid_id: t.to_grid_id, transfer: id },
    });
    for (const m of left)
      await recordVersion(c, {
        type: 'member',
        id: m.id,
        place: person,
        before: { end_date: null },
        after: { end_date: today },
      });
  }
  await audit(c, {
    action: approve ? 'transfer.approve' : 'transfer.reject',
    resourceType: 'transfer',
    resourceId: id,
    area: { id: t.to_grid_id, path: toGrid.path, districtId: toGrid.district_id },
    details: note ? { note } : undefined,
  });
  return toDto(
    c,
    await transfers(c).where('t.district_id', '=', t.district_id).where('t.id', '=', id).executeTakeFirstOrThrow(),
  );
}
