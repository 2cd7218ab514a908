/**
 * Builds the Fastify app: plugins, the request pipeline, then each module's routes.
 * Each module wires only its own routes; nothing here knows their internals.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { Clock } from '../domain/clock.js';
import type { Config } from './config.js';
import type { Database } from './db/connection.js';
import { installErrorHandling } from './http/error-handler.js';
import { AppError } from './kernel/errors.js';
import { installPipeline } from './http/pipeline.js';
import { installSecurityHeaders } from './http/security-headers.js';
import { serializerCompiler } from './http/serializer.js';
import { AreaDirectory } from './kernel/area-directory.js';
import { areasPlugin } from './modules/platform/areas/index.js';
import { auditPlugin } from './modules/platform/audit/index.js';
import { authPlugin } from './modules/platform/auth/index.js';
import { dashboardPlugin } from './modules/platform/dashboard/index.js';
import { statusPlugin } from './modules/platform/status/index.js';
import { jobsPlugin } from './modules/platform/jobs/index.js';
import { personsPlugin } from './modules/registry/persons/index.js';
import { placesPlugin } from './modules/registry/places/index.js';
import { householdsPlugin } from './modules/registry/households/index.js';
import { versionsPlugin } from './modules/registry/versions/index.js';
import { transfersPlugin } from './modules/registry/transfers/index.js';
import { exportsPlugin } from './modules/registry/exports/index.js';
import { importsPlugin } from './modules/registry/imports/index.js';
import { healthRulesPlugin } from './modules/health/rules/index.js';
import { alertsPlugin } from './modules/health/alerts/index.js';
import { checkinsPlugin } from './modules/health/checkins/index.js';
import { careSitesPlugin } from './modules/health/care-sites/index.js';
import { dailyReportsPlugin } from './modules/health/daily-reports/index.js';
import { healthDataPlugin } from './modules/health/data/index.js';
import { healthFiguresPlugin } from './modules/health/figures/index.js';
import { measuresPlugin } from './modules/health/measures/index.js';
import { usersPlugin } from './modules/platform/users/index.js';
import { codesPlugin } from './modules/self-registration/codes/index.js';
import { reviewPlugin } from './modules/self-registration/review/index.js';
import { publicRegistrationPlugin } from './modules/self-registration/intake/index.js';
import { logRequest } from './http/log-redact.js';

export interface AppDeps {
  config: Config;
  db: Database;
  clock: Clock;
  /** Where the built console lives; defaults to dist/web beside the package. */
  webRoot?: string;
  version?: string;
  /** A pino logger to share (the platform's); otherwise one is made from config. */
  logger?: FastifyBaseLogger;
  /** The area directory (listening for changes); otherwise one with a short TTL. */
  areas?: AreaDirectory;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_WEB_ROOT = path.resolve(here, '../../dist/web');

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    ...(deps.logger
      ? { loggerInstance: deps.logger }
      : {
          logger: {
            level: config.LOG_LEVEL,
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
            serializers: { req: logRequest },
          },
        }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.TRUST_PROXY,
    // Routes are declared without a trailing slash (src/server/api.ts); `/api/alerts/` reaches them too.
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: 1_048_576,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, deps.webRoot ?? DEFAULT_WEB_ROOT);
  installSecurityHeaders(app);

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Shuangsheng (双胜) API',
        version: deps.version ?? '0.1.0',
        description:
          'District epidemic prevention and economic recovery platform. Cookie sessions; writes need the X-CSRF-Token header from GET /api/me.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ss_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const areas = deps.areas ?? new AreaDirectory(deps.db, app.log);
  app.addHook('onClose', () => areas.close());
  // One budget per client address across the public endpoints (no account: rate limited
  // before anything else is done, the body not yet read).
  if (config.SELFREG_RATE_LIMIT) {
    const publicBudget = app.createRateLimit({
      max: config.PUBLIC_RATE_PER_ADDRESS,
      timeWindow: '1 minute',
      keyGenerator: (req) => `public:${req.ip}`,
    });
    app.addHook('onRequest', async (req, reply) => {
      if (!req.routeOptions.url?.startsWith('/api/public/')) return;
      const r = await publicBudget(req);
      if (!r.isAllowed && r.isExceeded) {
        reply.header('retry-after', String(r.ttlInSeconds));
        throw new AppError('RATE_LIMITED');
      }
    });
  }
  installPipeline(app, { ...deps, areas });
  // In production the API's documentation is for signed-in staff only (after the session is read).
  if (config.mode === 'production')
    app.addHook('onRequest', (req, _reply, done) => {
      const path = req.url.split('?')[0]!;
      const docs = path === '/api/openapi.json' || path === '/api/docs' || path.startsWith('/api/docs/');
      done(docs && !req.actor ? new AppError('UNAUTHENTICATED') : undefined);
    });

  app.get('/api/openapi.json', { schema: { hide: true } }, () => Promise.resolve(app.swagger()));
  await app.register(statusPlugin(deps.version ?? '0.1.0'));
  await app.register(authPlugin(config));
  await app.register(areasPlugin);
  await app.register(usersPlugin);
  await app.register(auditPlugin);
  await app.register(dashboardPlugin);
  await app.register(jobsPlugin);
  await app.register(personsPlugin);
  await app.register(placesPlugin);
  await app.register(householdsPlugin);
  await app.register(versionsPlugin);
  await app.register(transfersPlugin);
  await app.register(exportsPlugin);
  await app.register(importsPlugin);
  await app.register(healthRulesPlugin);
  await app.register(measuresPlugin);
  await app.register(checkinsPlugin);
  await app.register(alertsPlugin);
  await app.register(healthFiguresPlugin);
  await app.register(careSitesPlugin);
  await app.register(dailyReportsPlugin);
  await app.register(healthDataPlugin);
  await app.register(codesPlugin);
  await app.register(publicRegistrationPlugin(config));
  await app.register(reviewPlugin);

  const webRoot = deps.webRoot ?? DEFAULT_WEB_ROOT;
  if (existsSync(path.join(webRoot, 'index.html'))) {
    // Built files come with .br and .gz beside them (vite.config.ts): sent as the client accepts.
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'], preCompressed: true });
  }
  return app;
}
