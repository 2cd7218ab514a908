/**
 * Actors as the kernel makes them: from a user row and their scope area. Sessions
 * build the request's actor this way; a job a user started acts as that user, loaded
 * afresh when it runs (a disabled account's job no longer acts).
 */
import type { Database } from '../db/connection.js';
import type { Actor } from './context.js';

/** The user's columns and their scope area's, for an actor. */
export function selectActorRows(db: Database) {
  return db
    .selectFrom('users as u')
    .innerJoin('areas as a', 'a.id', 'u.area_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.area_id',
      'u.disabled_at',
      'u.must_change_password',
      'a.path',
      'a.level',
      'a.district_id',
    ]);
}
type ActorRow = Awaited<ReturnType<ReturnType<typeof selectActorRows>['executeTakeFirstOrThrow']>>;

export function actorFrom(row: ActorRow, session: { sessionId: string; csrfToken: string }): Actor {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    areaId: String(row.area_id),
    areaPath: row.path,
    areaLevel: row.level,
    districtId: String(row.district_id),
    sessionId: session.sessionId,
    csrfToken: session.csrfToken,
    mustChangePassword: row.must_change_password,
  };
}

/** A user as the actor of work they started (a job), or null when disabled or gone. */
export async function loadActor(db: Database, by: { id: string } | { username: string }): Promise<Actor | null> {
  const q = selectActorRows(db);
  const row = await ('id' in by ? q.where('u.id', '=', by.id) : q.where('u.username', '=', by.username))
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? actorFrom(row, { sessionId: '', csrfToken: '' }) : null;
}
