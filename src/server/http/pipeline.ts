/**
 * The request pipeline, decided in one place:
 *  1. onRequest: the session cookie becomes `req.actor` (or nobody).
 *     Cookie-authenticated writes must carry the session's CSRF token (X-CSRF-Token).
 *  2. every /api route handler is wrapped: writes (POST/PUT/PATCH/DELETE) run inside
 *     one transaction that also holds their audit rows; the reply is serialized
 *     only after the transaction has committed. Reads get the pool.
 *     So write handlers *return* their result (set the status with reply.status());
 *     they never call reply.send(), which would answer before the commit. A handler
 *     that refuses but must keep what it wrote returns a `Refusal`: committed, then
 *     answered as the error (a failed sign-in and its audit rows).
 *     A route marked `atomicStatement` writes everything — its rows and its audit
 *     row — in one SQL statement, atomic by itself: it gets the pool and saves the
 *     BEGIN and COMMIT round trips (the public self-registration submit, a campaign's
 *     hot path).
 *  3. control characters in any body, query or path parameter are refused before
 *     validation (control-chars.ts).
 *  4. an upload route (multipart) is refused before its body is read unless a signed-in
 *     actor sends it; its file is read and stored first (uploads.ts: deadlines, uploads in
 *     progress per account and per address), and only then does its transaction take a
 *     pool connection — a slow client never holds one.
 */
import { timingSafeEqual } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { type Actor, baseContext, type Context, inTransaction, type Platform } from '../kernel/context.js';
import { lookupSession, SESSION_COOKIE } from '../kernel/sessions.js';
import { AppError, Refusal } from '../kernel/errors.js';
import { installControlCharacterCheck } from './control-chars.js';
import { type ReceivedUpload, receiveUpload, UploadSlots } from './uploads.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionExpired: boolean;
    ctx: Context;
    /** An upload route's file, stored before the handler runs (null: the form had none). */
    upload: ReceivedUpload | null;
  }
  interface FastifyContextConfig {
    /** false: a write route that is exempt from the CSRF check (sign-in). */
    csrf?: boolean;
    /** true: the handler's writes, audit row included, are one statement; no explicit transaction. */
    atomicStatement?: boolean;
    /** true: a multipart upload; the file is received before the handler (see uploads.ts). */
    upload?: boolean;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isWrite(method: RouteOptions['method']): boolean {
  const list = Array.isArray(method) ? method : [method];
  return list.some((m) => WRITE_METHODS.has(String(m).toUpperCase()));
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function installPipeline(app: FastifyInstance, deps: Platform): void {
  const { db, clock, config } = deps;
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('ctx', null as unknown as Context);
  app.decorateRequest('upload', null);
  const slots = new UploadSlots(config.UPLOADS_PER_ACCOUNT, config.UPLOADS_PER_ADDRESS);
  installControlCharacterCheck(app);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await lookupSession(db, token, config.SESSION_SECRET!, clock.now(), config.SESSION_IDLE_MINUTES);
      if (found && 'actor' in found) req.actor = found.actor;
      else {
        req.sessionExpired = found !== null;
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    // An upload's body is read only for a signed-in actor.
    if (!req.actor && req.routeOptions.config.upload === true)
      throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    // Checked before the body is even validated: a forged write learns nothing.
    if (req.actor && WRITE_METHODS.has(req.method) && req.routeOptions.config.csrf !== false) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, req.actor.csrfToken)) throw new AppError('CSRF_TOKEN_INVALID');
    }
  });

  const context = (req: FastifyRequest): Context =>
    baseContext(deps, {
      actor: req.actor,
      sessionExpired: req.sessionExpired,
      requestId: req.id,
      ip: req.ip ?? null,
      log: req.log,
    });

  /** Receives an upload route's file (no database connection is held meanwhile). */
  async function receive(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!req.actor) throw new AppError('UNAUTHENTICATED');
    const release = slots.take(req.actor.id, req.ip);
    try {
      req.upload = await receiveUpload(req, config);
    } catch (e) {
      // The rest of a refused body is not read: the connection closes after the answer.
      reply.header('connection', 'close');
      throw e;
    } finally {
      release();
    }
  }

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const inner = route.handler;
    const upload = route.config?.upload === true;
    if (isWrite(route.method) && route.config?.atomicStatement !== true) {
      route.handler = async function transactional(req, reply) {
        if (upload) await receive(req, reply);
        let committed = false;
        try {
          const result: unknown = await inTransaction(context(req), async (tx) => {
            req.ctx = tx;
            return await inner.call(this, req, reply);
          });
          committed = true;
          if (result instanceof Refusal) throw result.error;
          return result;
        } finally {
          // A file the handler did not keep, or kept in a transaction that did not commit.
          if (req.upload && !(committed && req.upload.kept)) await rm(req.upload.path, { force: true });
        }
      };
    } else {
      route.handler = function read(req, reply) {
        req.ctx = context(req);
        return inner.call(this, req, reply);
      };
    }
  });
}
