import type { Config } from '../../../config.js';
import { serve } from '../../../http/contract.js';
import { Refusal } from '../../../kernel/errors.js';
import { lookupSession, SESSION_COOKIE } from '../../../kernel/sessions.js';
import { authRoutes } from './schemas.js';
import * as service from './service.js';

/** Sign-in is rate limited per the running configuration. */
export function authPlugin(config: Config) {
  return serve(authRoutes, {
    'POST /api/auth/login': {
      options: { config: { rateLimit: { max: config.LOGIN_RATE_PER_MINUTE, timeWindow: '1 minute' } } },
      handler: async (req, reply) => {
        const ctx = req.ctx;
        const session = await service.login(ctx, req.body, req.headers['user-agent'] ?? null);
        // The pipeline commits the refusal's writes, then answers with its error.
        if (session instanceof Refusal) {
          const retry = session.error.details?.retryAfterSeconds;
          if (typeof retry === 'number') reply.header('retry-after', String(retry));
          return session as never;
        }
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
    },
    'POST /api/auth/logout': async (req, reply) => {
      await service.logout(req.ctx);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return null;
    },
    'GET /api/me': (req) => service.me(req.ctx),
    'POST /api/me/password': async (req) => {
      await service.changePassword(req.ctx, req.body);
      return null;
    },
  });
}
