/**
 * Failed sign-ins, counted per (claimed username, client address) in `sign_in_failures`
 * — alike for a name nobody has and for an account's, so no answer, count or pause tells
 * a stranger which names exist. An address that fails `LOGIN_MAX_FAILURES` times within
 * `LOGIN_FAILURE_WINDOW_MINUTES` for one name is refused for that name for
 * `LOGIN_LOCK_MINUTES`; the account is never locked, so a stranger cannot keep its owner
 * out. Against guessing spread over many addresses: once a name has
 * `LOGIN_DISTRIBUTED_FAILURES` failures from all addresses together within the window,
 * each address is paused at its first failure (a slower pace, not a lock), and the
 * failure that crossed the line writes `auth.guessing_suspected` for the admins.
 */
import { sql } from 'kysely';
import type { Context } from '../../../kernel/context.js';

/** A sign-in attempt: whose name it claims, from where, when. */
export interface Attempt {
  username: string;
  ip: string;
  /** The account's district, when the name is an account's. */
  districtId: string | null;
  now: Date;
}

/** The count of one name from one address, as the attempt found it. */
export interface Held {
  failures: number;
  windowFrom: Date;
  pausedUntil: Date | null;
}

/** A counted failure: how many from this address, the pause it set, and whether it crossed the distributed line. */
export interface Counted {
  failures: number;
  pausedUntil: Date | null;
  distributed: { failures: number; addresses: number } | null;
}

/** A request without an address (none in practice) shares one count with every other such request. */
export const NO_ADDRESS = '0.0.0.0';

const minutes = (n: number) => n * 60_000;

/**
 * Takes the name's row for this address (made if absent) under lock until the request's
 * transaction ends: one name's sign-ins from one address run one after another, so
 * failures sent in parallel all count and none is checked past a pause another set.
 * A success deletes the row; a failure counts on it.
 */
export async function holdAttempt(ctx: Context, a: Attempt): Promise<Held> {
  const row = await ctx.db
    .insertInto('sign_in_failures')
    .values({
      username: a.username,
      ip: a.ip,
      district_id: a.districtId,
      failures: 0,
      window_from: a.now,
      last_failed_at: a.now,
    })
    .onConflict((oc) =>
      oc.columns(['username', 'ip']).doUpdateSet((eb) => ({ district_id: eb.ref('excluded.district_id') })),
    )
    .returning(['failures', 'window_from', 'paused_until'])
    .executeTakeFirstOrThrow();
  return { failures: row.failures, windowFrom: row.window_from, pausedUntil: row.paused_until };
}

/** Whole seconds this address is still refused for the name, or null when it is not. */
export function pauseLeft(held: Held, now: Date): number | null {
  if (!held.pausedUntil || held.pausedUntil <= now) return null;
  return Math.ceil((held.pausedUntil.getTime() - now.getTime()) / 1000);
}

/** Counts a failure of the held attempt (wrong password, unknown name or disabled account alike). */
export async function countFailure(ctx: Context, a: Attempt, held: Held): Promise<Counted> {
  const config = ctx.config;
  const windowStart = new Date(a.now.getTime() - minutes(config.LOGIN_FAILURE_WINDOW_MINUTES));
  // A pause that has ended, or a window that has passed, starts counting afresh.
  const fresh = held.pausedUntil !== null || held.windowFrom <= windowStart;
  const before = fresh ? 0 : held.failures;
  const elsewhere = await ctx.db
    .selectFrom('sign_in_failures')
    .select([sql<number>`coalesce(sum(failures), 0)::int`.as('failures'), sql<number>`count(*)::int`.as('addresses')])
    .where('username', '=', a.username)
    .where('ip', '<>', a.ip)
    .where('failures', '>', 0)
    .where('last_failed_at', '>', windowStart)
    .executeTakeFirstOrThrow();
  const wideBefore = elsewhere.failures + before;
  const allowed = wideBefore >= config.LOGIN_DISTRIBUTED_FAILURES ? 1 : config.LOGIN_MAX_FAILURES;
  const failures = before + 1;
  const pausedUntil = failures >= allowed ? new Date(a.now.getTime() + minutes(config.LOGIN_LOCK_MINUTES)) : null;
  await ctx.db
    .updateTable('sign_in_failures')
    .set({ failures, window_from: fresh ? a.now : held.windowFrom, last_failed_at: a.now, paused_until: pausedUntil })
    .where('username', '=', a.username)
    .where('ip', '=', a.ip)
    .execute();
  const crossed = wideBefore < config.LOGIN_DISTRIBUTED_FAILURES && wideBefore + 1 >= config.LOGIN_DISTRIBUTED_FAILURES;
  return {
    failures,
    pausedUntil,
    distributed: crossed ? { failures: wideBefore + 1, addresses: elsewhere.addresses + 1 } : null,
  };
}

/** A success: this address's count for the name goes (other addresses' stay). */
export async function clearAttempt(ctx: Context, a: Attempt): Promise<void> {
  await ctx.db.deleteFrom('sign_in_failures').where('username', '=', a.username).where('ip', '=', a.ip).execute();
}

/** The hourly `sign_in_failures.purge` job: rows that neither count nor pause any more. */
export async function purgeSignInFailures(ctx: Context): Promise<number> {
  const now = ctx.clock.now();
  const windowStart = new Date(now.getTime() - minutes(ctx.config.LOGIN_FAILURE_WINDOW_MINUTES));
  const res = await ctx.db
    .deleteFrom('sign_in_failures')
    .where('last_failed_at', '<=', windowStart)
    .where((eb) => eb.or([eb('paused_until', 'is', null), eb('paused_until', '<=', now)]))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

export const SIGN_IN_FAILURES_PURGE_KIND = 'sign_in_failures.purge';
