import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { job, jobList, jobListQuery } from './schemas.js';
import * as service from './service.js';

const params = z.object({ id: z.uuid() });
const tags = ['jobs'];

export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: "Background jobs: one's own and those of one's area subtree",
        querystring: jobListQuery,
        response: { 200: jobList },
      },
    },
    async (req) => service.list(req.ctx, req.query),
  );
  app.get(
    '/:id',
    { schema: { tags, summary: 'A job with its progress, result or error report', params, response: { 200: job } } },
    async (req) => service.get(req.ctx, req.params.id),
  );
  app.post(
    '/:id/cancel',
    { schema: { tags, summary: 'Cancel a queued job, or ask a running one to stop', params, response: { 200: job } } },
    async (req) => service.cancel(req.ctx, req.params.id),
  );
};
