/**
 * The request context every service and query receives: who is acting, over
 * which area subtree, and the database handle to use. For a write request the
 * handle is the request's transaction; queries never take a loose `tx` argument.
 */
import type { FastifyBaseLogger } from 'fastify';
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
  districtId: string;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

export interface RequestContext {
  /** The request's transaction for writes; the pool for reads. */
  db: Database;
  /**
   * The pool itself: audit rows a read request writes (`auditApart`; a read holds no
   * connection), the self-registration write batcher. A write request must not take a
   * second connection while it holds its transaction's (see `Refusal` instead).
   */
  root: Database;
  actor: Actor | null;
  /** The request carried a session that has expired (idle or absolute). */
  sessionExpired: boolean;
  requestId: string;
  ip: string | null;
  clock: Clock;
  config: Config;
  log: FastifyBaseLogger;
  /** The in-memory area tree for hot read paths. */
  areas: AreaDirectory;
  /** Runs `fn` once the request's transaction has committed (at once for reads), before the reply. */
  afterCommit(fn: () => void): void;
}

export type ActorContext = RequestContext & { actor: Actor };

/** Deny by default: the actor must be signed in and hold the permission. */
export function authorize(ctx: RequestContext, permission: Permission): ActorContext {
  requireActor(ctx);
  if (ctx.actor!.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  if (!can(ctx.actor!.role, permission)) throw new AppError('FORBIDDEN');
  return ctx as ActorContext;
}

export function requireActor(ctx: RequestContext): ActorContext {
  if (!ctx.actor) throw new AppError(ctx.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  return ctx as ActorContext;
}
