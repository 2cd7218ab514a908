/**
 * Sessions: an opaque random token in an HttpOnly cookie; the database keeps only
 * its HMAC (keyed by SESSION_SECRET), so a leaked table cannot be replayed.
 * Idle and absolute expiry are both enforced on every lookup.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Database } from '../../db/connection.js';
import type { Actor, RequestContext } from '../../http/context.js';

export const SESSION_COOKIE = 'ss_session';
const TOUCH_EVERY_MS = 60_000;

export function sessionKey(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}

export async function createSession(
  ctx: RequestContext,
  userId: string,
  userAgent: string | null,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.SESSION_ABSOLUTE_HOURS * 3_600_000);
  await ctx.db
    .insertInto('sessions')
    .values({
      id: sessionKey(ctx.config.SESSION_SECRET!, token),
      user_id: userId,
      csrf_token: randomBytes(24).toString('base64url'),
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: ctx.ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

export type SessionLookup = { actor: Actor } | { expired: true } | null;

/** Resolves a cookie token to the acting user, or says why it cannot. */
export async function lookupSession(
  db: Database,
  token: string,
  secret: string,
  now: Date,
  idleMinutes: number,
): Promise<SessionLookup> {
  const id = sessionKey(secret, token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('areas as a', 'a.id', 'u.area_id')
    .select([
      's.id as sessionId',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.area_id',
      'u.disabled_at',
      'u.must_change_password',
      'a.path',
      'a.district_id',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const idleLimit = now.getTime() - idleMinutes * 60_000;
  if (row.disabled_at || row.expires_at <= now || row.last_seen_at.getTime() <= idleLimit) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return { expired: true };
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  return {
    actor: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      areaId: row.area_id,
      areaPath: row.path,
      districtId: row.district_id,
      sessionId: row.sessionId,
      csrfToken: row.csrf_token,
      mustChangePassword: row.must_change_password,
    },
  };
}

export async function deleteSession(ctx: RequestContext, sessionId: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteOtherSessions(ctx: RequestContext, userId: string, keep: string | null): Promise<void> {
  let q = ctx.db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id', '<>', keep);
  await q.execute();
}

export async function purgeExpiredSessions(db: Database, now: Date, idleMinutes: number): Promise<number> {
  const res = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', new Date(now.getTime() - idleMinutes * 60_000))]),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
