/**
 * A key person's health profile: the gate to every health record (BRIEF §8: health
 * fields exist only for persons with a category, status or measure), their exposure
 * categories with dates, their epidemiological status, and the timeline events.
 */
import { sql } from 'kysely';
import { shanghaiDay } from '../../../../domain/clock.js';
import type { EpiStatus } from '../../../../domain/health.js';
import type { ActorContext } from '../../../kernel/context.js';
import { AppError, fieldProblem, notFound, validationError } from '../../../kernel/errors.js';
import { inScope } from '../../../kernel/scope.js';
import type { HealthEventKind } from '../../../db/types-health.js';

export interface ScopedPerson {
  id: string;
  name: string;
  districtId: string;
  gridId: string;
  areaPath: string;
}

/** A live person inside the actor's scope, or 404. */
export async function personInScope(c: ActorContext, personId: string): Promise<ScopedPerson> {
  const p = await c.db
    .selectFrom('persons')
    .select(['id', 'name', 'district_id', 'grid_id', 'area_path'])
    .where('id', '=', personId)
    .where('merged_into', 'is', null)
    .where(inScope(c, 'area_path'))
    .executeTakeFirst();
  if (!p) throw notFound();
  return { id: p.id, name: p.name, districtId: p.district_id, gridId: p.grid_id, areaPath: p.area_path };
}

/** The person's profile, locked for the change that follows; created on first need. */
export async function ensureProfile(c: ActorContext, p: ScopedPerson) {
  await c.db
    .insertInto('health_profiles')
    .values({ district_id: p.districtId, person_id: p.id, grid_id: p.gridId })
    .onConflict((oc) => oc.columns(['district_id', 'person_id']).doNothing())
    .execute();
  return c.db
    .selectFrom('health_profiles')
    .selectAll()
    .where('district_id', '=', p.districtId)
    .where('person_id', '=', p.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** The health profile of a person already found in scope, if they have one. */
export function profileOf(c: ActorContext, p: { id: string; districtId: string }) {
  return c.db
    .selectFrom('health_profiles')
    .selectAll()
    .where('district_id', '=', p.districtId)
    .where('person_id', '=', p.id)
    .executeTakeFirst();
}

/** The profile of a person in scope, or an error saying they are not a key person. */
export async function requireProfile(c: ActorContext, personId: string) {
  const p = await personInScope(c, personId);
  const profile = await profileOf(c, p);
  if (!profile) throw new AppError('NOT_A_KEY_PERSON');
  return { person: p, profile };
}

export async function event(
  c: ActorContext,
  p: { id: string; districtId: string },
  kind: HealthEventKind,
  details: Record<string, unknown>,
  reason?: string | null,
) {
  const now = c.clock.now();
  await c.db
    .insertInto('health_events')
    .values({
      person_id: p.id,
      district_id: p.districtId,
      at: now,
      day: shanghaiDay(now),
      kind,
      details: JSON.stringify(details),
      reason: reason ?? null,
      actor_id: c.actor.id,
    })
    .execute();
}

/** Category keys in force on a day; unknown or not-yet-valid keys are refused by field. */
export async function checkCategories(c: ActorContext, keys: string[], day: string, field = 'categories') {
  if (keys.length === 0) return;
  const known = await c.db
    .selectFrom('health_categories')
    .select(['key', 'effective_from', 'effective_until'])
    .where('district_id', '=', c.actor.districtId)
    .where('key', 'in', keys)
    .execute();
  const problems = keys.flatMap((k, i) => {
    const cat = known.find((x) => x.key === k);
    if (!cat) return [fieldProblem(`${field}.${i}.key`, 'unknown_category')];
    if (cat.effective_from > day || (cat.effective_until !== null && cat.effective_until <= day))
      return [
        fieldProblem(`${field}.${i}.key`, 'category_not_in_force', {
          from: cat.effective_from,
          until: cat.effective_until ?? '—',
        }),
      ];
    return [];
  });
  if (problems.length) throw validationError(problems);
}

/** Adds categories the person does not hold yet; returns the keys now current. */
export async function addCategories(
  c: ActorContext,
  p: ScopedPerson,
  items: { key: string; lastContact?: string | undefined }[],
  day: string,
): Promise<string[]> {
  for (const item of items) {
    const added = await c.db
      .insertInto('health_person_categories')
      .values({
        person_id: p.id,
        district_id: p.districtId,
        category_key: item.key,
        from_day: day,
        last_contact: item.lastContact ?? null,
        actor_id: c.actor.id,
      })
      .onConflict((oc) =>
        oc.columns(['district_id', 'person_id', 'category_key']).where('until_day', 'is', null).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (added) await event(c, p, 'category_added', { key: item.key, from: day, lastContact: item.lastContact ?? null });
  }
  return syncCategories(c, p);
}

export async function endCategory(c: ActorContext, p: ScopedPerson, key: string, reason: string): Promise<string[]> {
  const today = shanghaiDay(c.clock.now());
  const ended = await c.db
    .updateTable('health_person_categories')
    .set({ until_day: sql`greatest(from_day, ${today}::date)` })
    .where('district_id', '=', p.districtId)
    .where('person_id', '=', p.id)
    .where('category_key', '=', key)
    .where('until_day', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!ended) throw notFound();
  await event(c, p, 'category_ended', { key, until: today }, reason);
  return syncCategories(c, p);
}

/** Copies the current categories and the latest last-contact day onto the profile. */
async function syncCategories(c: ActorContext, p: { id: string; districtId: string }): Promise<string[]> {
  const row = await sql<{ keys: string[]; last_contact: string | null }>`
    UPDATE health_profiles hp SET
      categories = coalesce((SELECT array_agg(category_key ORDER BY category_key) FROM health_person_categories
                             WHERE district_id = hp.district_id AND person_id = hp.person_id AND until_day IS NULL), '{}'),
      last_contact = greatest(hp.last_contact, (SELECT max(last_contact) FROM health_person_categories
                             WHERE district_id = hp.district_id AND person_id = hp.person_id AND until_day IS NULL)),
      updated_at = ${c.clock.now()}
    WHERE hp.district_id = ${p.districtId} AND hp.person_id = ${p.id}
    RETURNING categories AS keys, last_contact`.execute(c.db);
  return row.rows[0]?.keys ?? [];
}

export async function setStatus(
  c: ActorContext,
  p: ScopedPerson,
  status: EpiStatus,
  day: string,
  reason: string | null,
) {
  const current = await c.db
    .selectFrom('health_profiles')
    .select(['status'])
    .where('district_id', '=', p.districtId)
    .where('person_id', '=', p.id)
    .executeTakeFirstOrThrow();
  if (current.status === status) return;
  await c.db
    .updateTable('health_profiles')
    .set({ status, status_since: day, updated_at: c.clock.now() })
    .where('district_id', '=', p.districtId)
    .where('person_id', '=', p.id)
    .execute();
  await event(c, p, 'status', { from: current.status, to: status, since: day }, reason);
}

export async function setLastContact(c: ActorContext, p: { id: string; districtId: string }, lastContact: string) {
  await c.db
    .updateTable('health_profiles')
    .set({ last_contact: sql`greatest(last_contact, ${lastContact}::date)` })
    .where('district_id', '=', p.districtId)
    .where('person_id', '=', p.id)
    .execute();
}

export const profileDto = (r: {
  person_id: string;
  status: EpiStatus;
  status_since: string | null;
  categories: string[];
  last_contact: string | null;
}) => ({
  personId: r.person_id,
  status: r.status,
  statusSince: r.status_since,
  categories: r.categories,
  lastContact: r.last_contact,
});
