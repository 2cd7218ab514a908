import { containing } from '../../../db/like.js';
import type { ActorContext, Context } from '../../../kernel/context.js';
import { inScope, type Scope } from '../../../kernel/scope.js';
import type { UserDto } from './schemas.js';

export function selectUsers(ctx: Context) {
  return ctx.db
    .selectFrom('users as u')
    .innerJoin('areas as a', 'a.id', 'u.area_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.phone',
      'u.role',
      'u.area_id',
      'u.disabled_at',
      'u.locked_until',
      'u.must_change_password',
      'u.last_login_at',
      'u.created_at',
      'a.name as area_name',
      'a.level as area_level',
      'a.code as area_code',
      'a.path as area_path',
      'a.district_id',
    ]);
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
    area: { id: r.area_id, name: r.area_name, level: r.area_level, code: r.area_code },
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
