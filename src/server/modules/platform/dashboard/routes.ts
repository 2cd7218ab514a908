import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboard, dashboardQuery } from './schemas.js';
import { figures } from './service.js';

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Command-center figures of an area (default: scope root) and of each child',
        querystring: dashboardQuery,
        response: { 200: dashboard },
      },
    },
    async (req) => figures(req.ctx, req.query.areaId),
  );
};
