/**
 * The context every service and query receives, the same for an HTTP request and a
 * background job: who is acting, the database handle to use, the clock, the
 * configuration, the log, and what runs after commit. For a write request (and a job's
 * transaction) the handle is the transaction; queries never take a loose `tx` argument.
 *
 * Who acts: a signed-in user (`actor`), or nobody — an anonymous request, or a system
 * job of the platform's own clockwork (audit rows then carry no actor). A job a user
 * started (an import) acts as that user, loaded afresh when it runs (`loadActor`);
 * nothing builds an actor by hand.
 */
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { AreaLevel } from '../../domain/areas.js';
import type { Clock } from '../../domain/clock.js';
import { can, type Permission, type Role } from '../../domain/permissions.js';
import type { Config } from '../config.js';
import type { Database } from '../db/connection.js';
import type { AreaDirectory } from './area-directory.js';
import { AppError } from './errors.js';

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  areaId: string;
  /** Materialized path of the actor's scope area: every visible record lies under it. */
  areaPath: string;
  areaLevel: AreaLevel;
  districtId: string;
  /** The session the request came with; empty for a job acting for its creator. */
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

export interface Context {
  /** The transaction for writes (a request's, a job's); the pool for reads. */
  db: Database;
  /**
   * The pool itself: audit rows a read request writes (`auditApart`; a read holds no
   * connection), the self-registration write batcher. A write must not take a second
   * connection while it holds its transaction's (see `Refusal` instead).
   */
  root: Database;
  actor: Actor | null;
  /** The request carried a session that has expired (idle or absolute). */
  sessionExpired: boolean;
  /** The request's id, or `job:<id>` for a job. */
  requestId: string;
  ip: string | null;
  clock: Clock;
  config: Config;
  log: FastifyBaseLogger;
  /** The in-memory area tree for hot read paths. */
  areas: AreaDirectory;
  /** Runs `fn` once the transaction has committed (at once outside one), before the reply. */
  afterCommit(fn: () => void): void;
}

export type ActorContext = Context & { actor: Actor };

/** What a context is made from: the process's shared parts. */
export interface Platform {
  db: Database;
  clock: Clock;
  config: Config;
  areas: AreaDirectory;
}

/** A context on the pool (reads, a job's own transactions): after-commit hooks run at once. */
export function baseContext(
  p: Platform,
  who: { actor: Actor | null; requestId: string; ip?: string | null; log: FastifyBaseLogger; sessionExpired?: boolean },
): Context {
  return {
    db: p.db,
    root: p.db,
    actor: who.actor,
    sessionExpired: who.sessionExpired ?? false,
    requestId: who.requestId,
    ip: who.ip ?? null,
    clock: p.clock,
    config: p.config,
    log: who.log,
    areas: p.areas,
    afterCommit: (fn) => fn(),
  };
}

/**
 * Runs `fn` in one transaction with a context bound to it; after-commit hooks run once
 * it has committed. The one way a context gets a transaction (requests and jobs alike).
 */
export async function inTransaction<C extends Context, T>(c: C, fn: (tx: C) => Promise<T>): Promise<T> {
  const committed: (() => void)[] = [];
  const result = await c.root
    .transaction()
    .execute((trx) => fn({ ...c, db: trx, afterCommit: (f: () => void) => committed.push(f) }));
  for (const f of committed) f();
  return result;
}

/** Deny by default: the actor must be signed in and hold the permission. */
export function authorize(ctx: Context, permission: Permission): ActorContext {
  const c = requireActor(ctx);
  if (c.actor.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  if (!can(c.actor.role, permission)) throw new AppError('FORBIDDEN');
  return c;
}

export function requireActor(ctx: Context): ActorContext {
  if (!ctx.actor) throw new AppError(ctx.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  return ctx as ActorContext;
}

/** Whether the signed-in actor holds a permission (for a view that shows more to some roles). */
export function may(c: ActorContext, permission: Permission): boolean {
  return can(c.actor.role, permission);
}

let savepoints = 0;

/**
 * Runs `fn` under a savepoint of the context's transaction: when it throws, what it
 * wrote is undone and the error rethrown, and the transaction goes on (a ledger row
 * the database refuses, reported without losing its batch).
 */
export async function underSavepoint<T>(c: Context, fn: () => Promise<T>): Promise<T> {
  const name = sql.id(`sp_${++savepoints}`);
  await sql`savepoint ${name}`.execute(c.db);
  try {
    const result = await fn();
    await sql`release savepoint ${name}`.execute(c.db);
    return result;
  } catch (err) {
    await sql`rollback to savepoint ${name}`.execute(c.db);
    throw err;
  }
}
