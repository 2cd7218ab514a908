import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addRooms, createSite, siteDetail, siteList, siteQuery, updateSite } from './schemas.js';
import * as service from './service.js';

const params = z.object({ id: z.uuid() });
const tags = ['care sites'];

export const careSiteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary:
          'Isolation sites and designated hospitals serving the scope (on its path or inside it), with occupancy',
        querystring: siteQuery,
        response: { 200: siteList },
      },
    },
    async (req) => service.list(req.ctx, req.query),
  );
  app.get(
    '/:id',
    { schema: { tags, summary: 'A site with its rooms and their occupancy', params, response: { 200: siteDetail } } },
    async (req) => service.get(req.ctx, req.params.id),
  );
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Create an isolation site with its rooms, or a designated hospital with its beds (audited)',
        body: createSite,
        response: { 201: siteDetail },
      },
    },
    async (req, reply) => {
      const created = await service.create(req.ctx, req.body);
      reply.status(201);
      return created;
    },
  );
  app.post(
    '/:id/rooms',
    {
      schema: {
        tags,
        summary: 'Add rooms to an isolation site (audited)',
        params,
        body: addRooms,
        response: { 201: siteDetail },
      },
    },
    async (req, reply) => {
      const updated = await service.addRooms(req.ctx, req.params.id, req.body);
      reply.status(201);
      return updated;
    },
  );
  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary:
          'Rename, change the address, the beds or room labels and capacities — never below the persons placed now (audited)',
        params,
        body: updateSite,
        response: { 200: siteDetail },
      },
    },
    async (req) => service.update(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/:id/retire',
    {
      schema: {
        tags,
        summary: 'Retire a site no one is placed in any more (kept with its history; audited)',
        params,
        response: { 200: siteDetail },
      },
    },
    async (req) => service.retire(req.ctx, req.params.id),
  );
};
