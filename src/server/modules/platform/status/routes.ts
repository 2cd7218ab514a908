import { serverVersion } from '../../../db/connection.js';
import { serve } from '../../../http/contract.js';
import { health, statusRoutes } from './schemas.js';

/** The status route, told the running version by the composition root. */
export function statusPlugin(version: string) {
  return serve(
    statusRoutes,
    {
      'GET /api/health': async (req, reply) => {
        const started = performance.now();
        let dbVersion: string | null = null;
        try {
          dbVersion = await serverVersion(req.ctx.db);
        } catch (err) {
          req.log.warn({ err }, 'health: database unreachable');
        }
        const ok = dbVersion !== null;
        const told = req.actor !== null;
        reply.status(ok ? 200 : 503);
        return {
          status: ok ? 'ok' : 'degraded',
          version: told ? version : null,
          database: {
            ok,
            version: told ? dbVersion : null,
            latencyMs: ok ? Math.round((performance.now() - started) * 10) / 10 : null,
          },
        };
      },
    },
    // The contract declares success statuses only: the degraded answer (503, same body)
    // gets its schema here, for its serializer and the OpenAPI document.
    (app) => {
      app.addHook('onRoute', (route) => {
        const response = route.schema?.response as Record<number, unknown> | undefined;
        if (route.url === '/api/health' && response) response[503] = health;
      });
      return Promise.resolve();
    },
  );
}
