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
import { serializerCompiler } from './http/serializer.js';
import { AreaDirectory } from './kernel/area-directory.js';
import { areaRoutes } from './modules/platform/areas/routes.js';
import { auditRoutes } from './modules/platform/audit/routes.js';
import { authRoutes } from './modules/platform/auth/routes.js';
import { dashboardRoutes } from './modules/platform/dashboard/routes.js';
import { healthRoutes } from './modules/platform/status/routes.js';
import { jobRoutes } from './modules/platform/jobs/routes.js';
import { personsPlugin } from './modules/registry/persons/index.js';
import { placesPlugin } from './modules/registry/places/index.js';
import { householdsPlugin } from './modules/registry/households/index.js';
import { versionsPlugin } from './modules/registry/versions/index.js';
import { transfersPlugin } from './modules/registry/transfers/index.js';
import { exportsPlugin } from './modules/registry/exports/index.js';
import { importsPlugin } from './modules/registry/imports/index.js';
import { healthRuleRoutes } from './modules/health/rules/routes.js';
import { alertRoutes } from './modules/health/alerts/routes.js';
import { checkinLinkRoutes, checkinRoutes, publicCheckinRoutes } from './modules/health/checkins/routes.js';
import { careSiteRoutes } from './modules/health/care-sites/routes.js';
import { dailyReportRoutes } from './modules/health/daily-reports/routes.js';
import { healthDataRoutes } from './modules/health/data/routes.js';
import { healthFigureRoutes } from './modules/health/figures/routes.js';
import { healthPersonRoutes, measureRoutes, nucleicTestRoutes } from './modules/health/measures/routes.js';
import { userRoutes } from './modules/platform/users/routes.js';
import { regCodeRoutes } from './modules/self-registration/codes/routes.js';
import { regFigureRoutes, regSubmissionRoutes } from './modules/self-registration/review/routes.js';
import { publicRegistrationRoutes } from './modules/self-registration/intake/routes.js';

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
          },
        }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1_048_576,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, deps.webRoot ?? DEFAULT_WEB_ROOT);

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

  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' });
    done();
  });
  const areas = deps.areas ?? new AreaDirectory(deps.db, app.log);
  app.addHook('onClose', () => areas.close());
  installPipeline(app, { ...deps, areas });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes, { prefix: '/api', deps });
  await app.register(authRoutes, { prefix: '/api', config });
  await app.register(areaRoutes, { prefix: '/api/areas' });
  await app.register(userRoutes, { prefix: '/api/users' });
  await app.register(auditRoutes, { prefix: '/api/audit' });
  await app.register(dashboardRoutes, { prefix: '/api/dashboard' });
  await app.register(jobRoutes, { prefix: '/api/jobs' });
  await app.register(personsPlugin);
  await app.register(placesPlugin);
  await app.register(householdsPlugin);
  await app.register(versionsPlugin);
  await app.register(transfersPlugin);
  await app.register(exportsPlugin);
  await app.register(importsPlugin);
  await app.register(healthRuleRoutes, { prefix: '/api/health-rules' });
  await app.register(healthPersonRoutes, { prefix: '/api/health-persons' });
  await app.register(checkinLinkRoutes, { prefix: '/api/health-persons' });
  await app.register(measureRoutes, { prefix: '/api/measures' });
  await app.register(nucleicTestRoutes, { prefix: '/api/nucleic-tests' });
  await app.register(checkinRoutes, { prefix: '/api/checkins' });
  await app.register(publicCheckinRoutes, { prefix: '/api/public/checkin' });
  await app.register(alertRoutes, { prefix: '/api/alerts' });
  await app.register(healthFigureRoutes, { prefix: '/api/health-figures' });
  await app.register(careSiteRoutes, { prefix: '/api/care-sites' });
  await app.register(dailyReportRoutes, { prefix: '/api/daily-reports' });
  await app.register(healthDataRoutes, { prefix: '/api/health-data' });
  await app.register(regCodeRoutes, { prefix: '/api/reg-codes' });
  await app.register(publicRegistrationRoutes, { prefix: '/api/public', config });
  await app.register(regSubmissionRoutes, { prefix: '/api/reg-submissions' });
  await app.register(regFigureRoutes, { prefix: '/api/reg-figures' });

  const webRoot = deps.webRoot ?? DEFAULT_WEB_ROOT;
  if (existsSync(path.join(webRoot, 'index.html'))) {
    // Built files come with .br and .gz beside them (vite.config.ts): sent as the client accepts.
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'], preCompressed: true });
  }
  return app;
}
