import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditList, auditQuery } from './schemas.js';
import * as service from './service.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['audit'],
        summary: "Browse and filter the append-only audit log of the actor's subtree (newest first)",
        querystring: auditQuery,
        response: { 200: auditList },
      },
    },
    async (req) => service.list(req.ctx, req.query),
  );
};
