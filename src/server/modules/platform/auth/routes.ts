import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../../config.js';
import { Refusal } from '../../../kernel/errors.js';
import * as service from './service.js';
import { changePassword, login, me } from './schemas.js';
import { lookupSession, SESSION_COOKIE } from '../../../kernel/sessions.js';

export const authRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the HttpOnly session cookie',
        security: [],
        body: login,
        response: { 200: me },
      },
      config: {
        csrf: false,
        rateLimit: { max: config.LOGIN_RATE_PER_MINUTE, timeWindow: '1 minute' },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const session = await service.login(ctx, req.body, req.headers['user-agent'] ?? null);
      // The pipeline commits the refusal's writes, then answers with its error.
      if (session instanceof Refusal) return session as never;
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.COOKIE_SECURE,
        expires: session.expiresAt,
      });
      const found = await lookupSession(
        ctx.db,
        session.token,
        ctx.config.SESSION_SECRET!,
        ctx.clock.now(),
        ctx.config.SESSION_IDLE_MINUTES,
      );
      return service.me({ ...ctx, actor: found && 'actor' in found ? found.actor : null });
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out (ends this session)' } },
    async (req, reply) => {
      await service.logout(req.ctx);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.status(204);
      return null;
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, scope, computed permissions and CSRF token',
        response: { 200: me },
      },
    },
    async (req) => service.me(req.ctx),
  );

  app.post(
    '/me/password',
    { schema: { tags: ['auth'], summary: 'Change own password; ends other sessions', body: changePassword } },
    async (req, reply) => {
      await service.changePassword(req.ctx, req.body);
      reply.status(204);
      return null;
    },
  );
};
