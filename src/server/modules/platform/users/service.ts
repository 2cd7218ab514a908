/**
 * Accounts: admins create, edit, reassign, disable, unlock and reset users, all
 * inside their own area subtree. A user outside it does not exist for them.
 */
import { type Role, roleFitsLevel } from '../../../../domain/permissions.js';
import { type ActorContext, authorize, type Context } from '../../../kernel/context.js';
import { decodeCursor, page } from '../../../http/cursor.js';
import { AppError, fieldProblem, notFound } from '../../../kernel/errors.js';
import { areaInScope, scopeOrArea } from '../../../kernel/scope.js';
import { audit } from '../../../kernel/audit.js';
import { assertPasswordPolicy, hashPassword } from '../../../kernel/passwords.js';
import { deleteOtherSessions } from '../../../kernel/sessions.js';
import * as q from './queries.js';
import type { UserDto } from './schemas.js';

async function assignableArea(c: ActorContext, areaId: string, role: Role) {
  const area = await areaInScope(c, areaId);
  if (area.retired_at) throw new AppError('AREA_RETIRED');
  if (!roleFitsLevel(role, area.level))
    throw new AppError('ROLE_SCOPE_MISMATCH', [fieldProblem('role', 'role_scope')], { role, level: area.level });
  return area;
}

export async function list(
  ctx: Context,
  f: { areaId?: string; role?: Role; q?: string; includeDisabled: boolean; after?: string; limit: number },
) {
  const c = authorize(ctx, 'user.read');
  const scope = await scopeOrArea(c, f.areaId);
  const after = decodeCursor(f.after, 1);
  const rows = await q.list(c, scope, { ...f, after: after ? String(after[0]) : null });
  const p = page(rows, f.limit, (r) => [r.username]);
  const now = c.clock.now();
  return { items: p.items.map((r) => q.toDto(r, now)), nextCursor: p.nextCursor };
}

export async function get(ctx: Context, id: string): Promise<UserDto> {
  const c = authorize(ctx, 'user.read');
  const row = await q.findInScope(c, id);
  if (!row) throw notFound();
  return q.toDto(row, c.clock.now());
}

export async function create(
  ctx: Context,
  input: {
    username: string;
    displayName: string;
    phone?: string | null;
    role: Role;
    areaId: string;
    initialPassword: string;
  },
): Promise<UserDto> {
  const c = authorize(ctx, 'user.manage');
  const area = await assignableArea(c, input.areaId, input.role);
  assertPasswordPolicy('initialPassword', input.initialPassword, input.username);
  const { id } = await c.db
    .insertInto('users')
    .values({
      username: input.username,
      display_name: input.displayName,
      phone: input.phone ?? null,
      role: input.role,
      area_id: area.id,
      password_hash: await hashPassword(input.initialPassword),
      must_change_password: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(c, {
    action: 'user.create',
    resourceType: 'user',
    resourceId: id,
    area: { id: area.id, path: area.path, districtId: area.district_id },
    changes: {
      username: [null, input.username],
      displayName: [null, input.displayName],
      role: [null, input.role],
      areaId: [null, area.id],
    },
  });
  return get(c, id);
}

export async function update(
  ctx: Context,
  id: string,
  input: {
    displayName?: string;
    phone?: string | null;
    role?: Role;
    areaId?: string;
    disabled?: boolean;
    resetPassword?: string;
    unlock?: true;
  },
): Promise<UserDto> {
  const c = authorize(ctx, 'user.manage');
  const before = await q.findInScope(c, id);
  if (!before) throw notFound();
  const self = id === c.actor.id;
  if (
    self &&
    (input.disabled === true ||
      (input.role && input.role !== before.role) ||
      (input.areaId && input.areaId !== before.area_id))
  ) {
    throw new AppError('CANNOT_CHANGE_SELF');
  }
  const role = input.role ?? before.role;
  const areaId = input.areaId ?? before.area_id;
  const area = role !== before.role || areaId !== before.area_id ? await assignableArea(c, areaId, role) : null;
  const changes: Record<string, [unknown, unknown]> = {};
  const set: Record<string, unknown> = {};
  const note = (field: string, column: string, from: unknown, to: unknown) => {
    if (to === undefined || from === to) return;
    changes[field] = [from, to];
    set[column] = to;
  };
  note('displayName', 'display_name', before.display_name, input.displayName);
  note('phone', 'phone', before.phone, input.phone);
  note('role', 'role', before.role, input.role);
  note('areaId', 'area_id', before.area_id, input.areaId);
  const now = c.clock.now();
  if (input.disabled !== undefined && input.disabled !== (before.disabled_at !== null)) {
    changes.disabled = [!input.disabled, input.disabled];
    set.disabled_at = input.disabled ? now : null;
  }
  // Unlock: every address's failures and pauses for this username go (the account itself is never locked).
  const unlock = input.unlock === true;
  if (unlock) changes.locked = [before.locked_until !== null && before.locked_until > now, false];
  if (input.resetPassword !== undefined) {
    assertPasswordPolicy('resetPassword', input.resetPassword, before.username);
    changes.password = ['(reset)', '(reset)'];
    set.password_hash = await hashPassword(input.resetPassword);
    set.must_change_password = true;
  }
  if (Object.keys(set).length === 0 && !unlock) return q.toDto(before, now);
  if (Object.keys(set).length > 0) await c.db.updateTable('users').set(set).where('id', '=', id).execute();
  if (unlock) await c.db.deleteFrom('sign_in_failures').where('username', '=', before.username).execute();
  // Access changed: the user's open sessions must not keep the old rights.
  if (set.disabled_at || set.password_hash || set.role || set.area_id) await deleteOtherSessions(c, id, null);
  const target = area ?? { id: before.area_id, path: before.path, district_id: before.district_id };
  await audit(c, {
    action: 'user.update',
    resourceType: 'user',
    resourceId: id,
    area: { id: target.id, path: target.path, districtId: target.district_id },
    changes,
  });
  return get(c, id);
}
