import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { areaId } from '../../../kernel/schemas.js';
import { area, areaDetail, areaList, areaListQuery, createArea, updateArea } from './schemas.js';
import * as service from './service.js';

const params = z.object({ id: areaId });
const tags = ['areas'];

export const areaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: "List the children of an area (default: the actor's scope root), or search the visible subtree",
        querystring: areaListQuery,
        response: { 200: areaList },
      },
    },
    async (req) => service.list(req.ctx, req.query),
  );
  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One visible area with its ancestors inside the scope',
        params,
        response: { 200: areaDetail },
      },
    },
    async (req) => service.get(req.ctx, req.params.id),
  );
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Create a sub-area (level follows the parent)',
        body: createArea,
        response: { 201: area },
      },
    },
    async (req, reply) => {
      const created = await service.create(req.ctx, req.body);
      reply.status(201);
      return created;
    },
  );
  app.patch(
    '/:id',
    { schema: { tags, summary: 'Rename, or correct code/vintage', params, body: updateArea, response: { 200: area } } },
    async (req) => service.update(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/:id/retire',
    { schema: { tags, summary: 'Retire an area (kept with its history)', params, response: { 200: area } } },
    async (req) => service.retire(req.ctx, req.params.id),
  );
  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete an empty area created by mistake; areas with data answer 409 AREA_HAS_DATA',
        params,
      },
    },
    async (req, reply) => {
      await service.remove(req.ctx, req.params.id);
      reply.status(204);
      return null;
    },
  );
};
