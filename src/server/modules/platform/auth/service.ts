/**
 * Signing in and out, and changing one's password. A refused sign-in keeps what it
 * wrote (the failure count, a lockout, their audit rows): it returns a `Refusal`, so
 * the request's own transaction commits before the error is answered — one
 * connection per request, however many sign-ins fail at once.
 */
import type { ExpressionBuilder } from 'kysely';
import { permissionsOf, RESOURCE_ACTIONS } from '../../../../domain/permissions.js';
import type { DB } from '../../../db/types.js';
import type { Context } from '../../../kernel/context.js';
import { requireActor } from '../../../kernel/context.js';
import { AppError, fieldProblem, Refusal } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { assertPasswordPolicy, hashPassword, verifyAgainstNothing, verifyPassword } from '../../../kernel/passwords.js';
import type { MeDto } from './schemas.js';
import { createSession, deleteOtherSessions, deleteSession } from '../../../kernel/sessions.js';

export async function login(
  ctx: Context,
  input: { username: string; password: string },
  userAgent: string | null,
): Promise<{ token: string; expiresAt: Date; userId: string } | Refusal> {
  const now = ctx.clock.now();
  const user = await ctx.db
    .selectFrom('users as u')
    .innerJoin('areas as a', 'a.id', 'u.area_id')
    .select([
      'u.id',
      'u.username',
      'u.password_hash',
      'u.disabled_at',
      'u.locked_until',
      'u.failed_logins',
      'a.id as areaId',
      'a.path',
      'a.district_id',
    ])
    .where('u.username', '=', input.username)
    .executeTakeFirst();
  const claimed = { id: user?.id ?? null, username: input.username };
  const area = user ? { id: user.areaId, path: user.path, districtId: user.district_id } : null;

  if (!user) {
    await verifyAgainstNothing(input.password);
    await audit(ctx, { action: 'auth.login_failed', actorOverride: claimed, details: { reason: 'unknown_user' } });
    return new Refusal(new AppError('INVALID_CREDENTIALS'));
  }
  const notLocked = (eb: ExpressionBuilder<DB, 'users'>) =>
    eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]);
  /** An audit row about this sign-in, by the username it claimed. */
  const auditSignIn = (action: string, details?: Record<string, unknown>) =>
    audit(ctx, { action, actorOverride: claimed, area, resourceType: 'user', resourceId: user.id, details });
  const refusedLocked = async (until: Date) => {
    await auditSignIn('auth.login_refused_locked');
    return new Refusal(new AppError('ACCOUNT_LOCKED', [], { lockedUntil: until.toISOString() }));
  };
  /** Locked by a sign-in running beside this one after this one read the user. */
  const lockedMeanwhile = async () => {
    const r = await ctx.db
      .selectFrom('users')
      .select('locked_until')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    return refusedLocked(r.locked_until!);
  };
  if (user.locked_until && user.locked_until > now) return refusedLocked(user.locked_until);
  const ok = await verifyPassword(user.password_hash, input.password);
  if (!ok) {
    // Counted in the database under the row's lock, and only while not locked: failures
    // sent in parallel each count, and none slips past a lock another one set.
    const counted = await ctx.db
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', user.id)
      .where(notLocked)
      .returning('failed_logins')
      .executeTakeFirst();
    if (!counted) return lockedMeanwhile();
    const failures = counted.failed_logins;
    const lock = failures >= ctx.config.LOGIN_MAX_FAILURES;
    const lockedUntil = lock ? new Date(now.getTime() + ctx.config.LOGIN_LOCK_MINUTES * 60_000) : null;
    if (lock)
      await ctx.db
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: lockedUntil })
        .where('id', '=', user.id)
        .execute();
    await auditSignIn('auth.login_failed', { reason: 'wrong_password', failures });
    if (lock) {
      await auditSignIn('auth.lockout', { lockedUntil: lockedUntil!.toISOString() });
      return new Refusal(new AppError('ACCOUNT_LOCKED', [], { lockedUntil: lockedUntil!.toISOString() }));
    }
    return new Refusal(new AppError('INVALID_CREDENTIALS'));
  }
  if (user.disabled_at) {
    await auditSignIn('auth.login_failed', { reason: 'disabled' });
    return new Refusal(new AppError('INVALID_CREDENTIALS'));
  }
  const signedIn = await ctx.db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: now })
    .where('id', '=', user.id)
    .where(notLocked)
    .executeTakeFirst();
  if (signedIn.numUpdatedRows === 0n) return lockedMeanwhile();
  const session = await createSession(ctx, user.id, userAgent);
  await auditSignIn('auth.login');
  return { ...session, userId: user.id };
}

export async function logout(ctx: Context): Promise<void> {
  const c = requireActor(ctx);
  await deleteSession(ctx, c.actor.sessionId);
  await audit(ctx, { action: 'auth.logout', resourceType: 'user', resourceId: c.actor.id });
}

export async function changePassword(
  ctx: Context,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const c = requireActor(ctx);
  const row = await ctx.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', c.actor.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, input.currentPassword)))
    throw new AppError('WRONG_PASSWORD', [fieldProblem('currentPassword', 'wrong_password')]);
  assertPasswordPolicy('newPassword', input.newPassword, c.actor.username);
  if (input.newPassword === input.currentPassword)
    throw new AppError('VALIDATION_FAILED', [fieldProblem('newPassword', 'same_as_current')]);
  await ctx.db
    .updateTable('users')
    .set({
      password_hash: await hashPassword(input.newPassword),
      must_change_password: false,
      password_changed_at: ctx.clock.now(),
    })
    .where('id', '=', c.actor.id)
    .execute();
  await deleteOtherSessions(ctx, c.actor.id, c.actor.sessionId);
  await audit(ctx, { action: 'auth.password_changed', resourceType: 'user', resourceId: c.actor.id });
}

export async function me(ctx: Context): Promise<MeDto> {
  const c = requireActor(ctx);
  const scope = await ctx.db
    .selectFrom('areas')
    .select(['id', 'name', 'level', 'code', 'path'])
    .where('id', '=', c.actor.areaId)
    .executeTakeFirstOrThrow();
  return {
    user: {
      id: c.actor.id,
      username: c.actor.username,
      displayName: c.actor.displayName,
      role: c.actor.role,
      mustChangePassword: c.actor.mustChangePassword,
    },
    scope,
    permissions: c.actor.mustChangePassword ? [] : permissionsOf(c.actor.role),
    csrfToken: c.actor.csrfToken,
    resources: RESOURCE_ACTIONS as unknown as Record<string, string[]>,
  };
}
