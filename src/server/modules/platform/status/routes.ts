import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../app.js';
import { serverVersion } from '../../../db/connection.js';

const health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({ ok: z.boolean(), version: z.string().nullable(), latencyMs: z.number().nullable() }),
});

export const healthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database status',
        security: [],
        response: { 200: health, 503: health },
      },
    },
    async (req, reply) => {
      const started = performance.now();
      let dbVersion: string | null = null;
      try {
        dbVersion = await serverVersion(req.ctx.db);
      } catch (err) {
        req.log.warn({ err }, 'health: database unreachable');
      }
      const ok = dbVersion !== null;
      return reply.status(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'degraded',
        version: deps.version ?? '0.1.0',
        database: {
          ok,
          version: dbVersion,
          latencyMs: ok ? Math.round((performance.now() - started) * 10) / 10 : null,
        },
      });
    },
  );
};
