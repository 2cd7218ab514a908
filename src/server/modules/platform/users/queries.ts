import { containing } from '../../../db/like.js';
import { selectActorRows } from '../../../kernel/actors.js';
import type { ActorContext, Context } from '../../../kernel/context.js';
import { inScope, type Scope } from '../../../kernel/scope.js';
import type { UserDto } from './schemas.js';

/**
 * An account: the columns the kernel reads for an actor, and what an account's answer shows besides.
 * `locked_until`: the latest pause of an address for its username (sign-in failures are counted
 * per username and address; the account itself is never locked).
 */
export function selectUsers(ctx: Context) {
  return selectActorRows(ctx.db)
    .select(['u.phone', 'u.last_login_at', 'u.created_at', 'a.name as area_name', 'a.code as area_code'])
    .select((eb) =>
      eb
        .selectFrom('sign_in_failures as f')
        .select((f) => f.fn.max('f.paused_until').as('paused_until'))
        .whereRef('f.username', '=', 'u.username')
        .as('locked_until'),
    );
}

type Row = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;
export type UserRow = Row;

export function toDto(r: Row, now: Date): UserDto {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    phone: r.phone,
    role: r.role,
    area: { id: r.area_id, name: r.area_name, level: r.level, code: r.area_code },
    disabled: r.disabled_at !== null,
    locked: r.locked_until !== null && r.locked_until > now,
    mustChangePassword: r.must_change_password,
    lastLoginAt: r.last_login_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}

export function findInScope(c: ActorContext, id: string) {
  return selectUsers(c).where('u.id', '=', id).where(inScope(c, 'a.path')).executeTakeFirst();
}

/** The accounts scoped to an area inside `scope`, by username. */
export function list(
  ctx: Context,
  scope: Scope,
  f: { role?: string; q?: string; includeDisabled: boolean; after: string | null; limit: number },
) {
  let q = selectUsers(ctx).where(inScope(scope, 'a.path'));
  if (f.role) q = q.where('u.role', '=', f.role as Row['role']);
  if (!f.includeDisabled) q = q.where('u.disabled_at', 'is', null);
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'ilike', like)]));
  }
  if (f.after) q = q.where('u.username', '>', f.after);
  return q
    .orderBy('u.username')
    .limit(f.limit + 1)
    .execute();
}
