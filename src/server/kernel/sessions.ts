/**
 * Sessions: an opaque random token in an HttpOnly cookie; the database keeps only
 * its HMAC (keyed by SESSION_SECRET), so a leaked table cannot be replayed.
 * Idle and absolute expiry are both enforced on every lookup.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Database } from '../db/connection.js';
import { actorFrom, selectActorRows } from './actors.js';
import type { Actor, Context } from './context.js';

export const SESSION_COOKIE = 'ss_session';
const TOUCH_EVERY_MS = 60_000;

/**
 * A short-lived in-process cache of resolved sessions, so a busy console does not
 * pay a session query on every request. Expiry is still checked on every request;
 * sign-out, password changes and account changes evict at once in this process,
 * other processes notice within CACHE_TTL_MS.
 */
const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 20_000;
interface Cached {
  actor: Actor;
  expiresAt: Date;
  lastSeenAt: Date;
  disabled: boolean;
  cachedAt: number;
}
const cache = new Map<string, Cached>();

function remember(id: string, entry: Cached): void {
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(id, entry);
}

function forgetUser(userId: string): void {
  for (const [id, e] of cache) if (e.actor.id === userId) cache.delete(id);
}

const keys = new Map<string, string>();

export function sessionKey(secret: string, token: string): string {
  const memo = `${secret}\u0000${token}`;
  let key = keys.get(memo);
  if (key === undefined) {
    key = createHmac('sha256', secret).update(token).digest('base64url');
    if (keys.size >= CACHE_MAX) keys.delete(keys.keys().next().value!);
    keys.set(memo, key);
  }
  return key;
}

export async function createSession(
  ctx: Context,
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
  let entry = cache.get(id);
  if (!entry || now.getTime() - entry.cachedAt >= CACHE_TTL_MS || now.getTime() < entry.cachedAt) {
    const loaded = await load(db, id);
    if (!loaded) {
      cache.delete(id);
      return null;
    }
    entry = { ...loaded, cachedAt: now.getTime() };
    remember(id, entry);
  }
  const idleLimit = now.getTime() - idleMinutes * 60_000;
  if (entry.disabled || entry.expiresAt <= now || entry.lastSeenAt.getTime() <= idleLimit) {
    cache.delete(id);
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return { expired: true };
  }
  if (now.getTime() - entry.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    entry.lastSeenAt = now;
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  return { actor: entry.actor };
}

async function load(db: Database, id: string): Promise<Omit<Cached, 'cachedAt'> | null> {
  const row = await selectActorRows(db)
    .innerJoin('sessions as s', 's.user_id', 'u.id')
    .select(['s.id as sessionId', 's.csrf_token', 's.last_seen_at', 's.expires_at'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    disabled: row.disabled_at !== null,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    actor: actorFrom(row, { sessionId: row.sessionId, csrfToken: row.csrf_token }),
  };
}

export async function deleteSession(ctx: Context, sessionId: string): Promise<void> {
  cache.delete(sessionId);
  await ctx.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends a user's sessions (all, or all but `keep`): after a password or access change. */
export async function deleteOtherSessions(ctx: Context, userId: string, keep: string | null): Promise<void> {
  forgetUser(userId); // the kept session reloads too: its user changed
  let q = ctx.db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id', '<>', keep);
  await q.execute();
}

export async function purgeExpiredSessions(c: Context): Promise<number> {
  const now = c.clock.now();
  const idleMinutes = c.config.SESSION_IDLE_MINUTES;
  const res = await c.db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', new Date(now.getTime() - idleMinutes * 60_000))]),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
