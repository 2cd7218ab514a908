/**
 * Signing in and out, and changing one's password. Failed sign-ins are counted per
 * (username, client address), alike for names nobody has (failures.ts). A refused
 * sign-in keeps what it wrote (the count, a pause, their audit rows): it returns a
 * `Refusal`, so the request's own transaction commits before the error is answered —
 * one connection per request, however many sign-ins fail at once.
 */
import { permissionsOf, RESOURCE_ACTIONS } from '../../../../domain/permissions.js';
import type { Context } from '../../../kernel/context.js';
import { requireActor } from '../../../kernel/context.js';
import { AppError, fieldProblem, Refusal } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { assertPasswordPolicy, hashPassword, verifyAgainstNothing, verifyPassword } from '../../../kernel/passwords.js';
import type { MeDto } from './schemas.js';
import { createSession, deleteOtherSessions, deleteSession } from '../../../kernel/sessions.js';
import { type Attempt, clearAttempt, countFailure, holdAttempt, NO_ADDRESS, pauseLeft } from './failures.js';

/** The one answer to an address paused for a name, whether the name is an account's or not. */
const paused = (seconds: number) => new Refusal(new AppError('SIGN_IN_PAUSED', [], { retryAfterSeconds: seconds }));

export async function login(
  ctx: Context,
  input: { username: string; password: string },
  userAgent: string | null,
): Promise<{ token: string; expiresAt: Date; userId: string } | Refusal> {
  const now = ctx.clock.now();
  const user = await ctx.db
    .selectFrom('users as u')
    .innerJoin('areas as a', 'a.id', 'u.area_id')
    .select(['u.id', 'u.password_hash', 'u.disabled_at', 'a.id as areaId', 'a.path', 'a.district_id'])
    .where('u.username', '=', input.username)
    .executeTakeFirst();
  const claimed = { id: user?.id ?? null, username: input.username };
  /** An audit row about this sign-in, by the username it claimed (and the account, if there is one). */
  const auditSignIn = (action: string, details?: Record<string, unknown>) =>
    audit(ctx, {
      action,
      actorOverride: claimed,
      details,
      ...(user
        ? {
            area: { id: user.areaId, path: user.path, districtId: user.district_id },
            resourceType: 'user',
            resourceId: user.id,
          }
        : {}),
    });
  const attempt: Attempt = {
    username: input.username,
    ip: ctx.ip ?? NO_ADDRESS,
    districtId: user?.district_id ?? null,
    now,
  };
  // Held until the commit: this name's sign-ins from this address wait for one another.
  const held = await holdAttempt(ctx, attempt);
  const left = pauseLeft(held, now);
  if (left !== null) {
    await auditSignIn('auth.login_refused_locked');
    return paused(left);
  }
  // A name nobody has costs the same check, so the time taken tells nothing either.
  let ok = false;
  if (user) ok = await verifyPassword(user.password_hash, input.password);
  else await verifyAgainstNothing(input.password);
  if (!user || !ok || user.disabled_at) {
    const reason = !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled';
    const counted = await countFailure(ctx, attempt, held);
    await auditSignIn('auth.login_failed', { reason, failures: counted.failures });
    if (counted.distributed)
      await auditSignIn('auth.guessing_suspected', {
        ...counted.distributed,
        windowMinutes: ctx.config.LOGIN_FAILURE_WINDOW_MINUTES,
      });
    if (!counted.pausedUntil) return new Refusal(new AppError('INVALID_CREDENTIALS'));
    await auditSignIn('auth.lockout', { pausedUntil: counted.pausedUntil.toISOString() });
    return paused(ctx.config.LOGIN_LOCK_MINUTES * 60);
  }
  await clearAttempt(ctx, attempt);
  await ctx.db.updateTable('users').set({ last_login_at: now }).where('id', '=', user.id).execute();
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
