import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decide, requestTransfer, transfer, transferList, transferQuery } from './schemas.js';
import * as service from './service.js';

const params = z.object({ id: z.uuid() });
const tags = ['transfers'];

export const transferRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Ask for a person registered elsewhere in the district to be moved to one of your grids',
        body: requestTransfer,
        response: { 201: transfer },
      },
    },
    async (req, reply) => {
      const created = await service.request(req.ctx, req.body);
      reply.status(201);
      return created;
    },
  );
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Transfers one asked for, and those waiting for one as approver (staff of the common parent area)',
        querystring: transferQuery,
        response: { 200: transferList },
      },
    },
    async (req) => service.list(req.ctx, req.query),
  );
  app.post(
    '/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve: the person moves to the requesting grid',
        params,
        body: decide,
        response: { 200: transfer },
      },
    },
    async (req) => service.decide(req.ctx, req.params.id, true, req.body.note),
  );
  app.post(
    '/:id/reject',
    { schema: { tags, summary: 'Reject the request', params, body: decide, response: { 200: transfer } } },
    async (req) => service.decide(req.ctx, req.params.id, false, req.body.note),
  );
};
