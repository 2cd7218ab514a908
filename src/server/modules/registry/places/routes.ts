import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as dwellings from './dwellings.js';
import {
  building,
  contact,
  courtyard,
  courtyardDetail,
  courtyardList,
  courtyardQuery,
  createBuilding,
  createContact,
  createCourtyard,
  createDwelling,
  createUnit,
  dwelling,
  updateCourtyard,
} from './schemas.js';
import * as service from './service.js';

const params = z.object({ id: z.uuid() });
const tags = ['places'];

export const placeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/courtyards',
    {
      schema: {
        tags,
        summary: 'Courtyards (小区/院落) in the scope, with their figures',
        querystring: courtyardQuery,
        response: { 200: courtyardList },
      },
    },
    async (req) => service.listCourtyards(req.ctx, req.query),
  );
  app.post(
    '/courtyards',
    {
      schema: { tags, summary: 'Register a courtyard on a grid', body: createCourtyard, response: { 201: courtyard } },
    },
    async (req, reply) => {
      const created = await service.createCourtyard(req.ctx, req.body);
      reply.status(201);
      return created;
    },
  );
  app.get(
    '/courtyards/:id',
    {
      schema: { tags, summary: 'A courtyard with its buildings and units', params, response: { 200: courtyardDetail } },
    },
    async (req) => service.getCourtyard(req.ctx, req.params.id),
  );
  app.patch(
    '/courtyards/:id',
    {
      schema: {
        tags,
        summary: 'Rename, retype, or set the gate status (open / closed management, with dates)',
        params,
        body: updateCourtyard,
        response: { 200: courtyard },
      },
    },
    async (req) => service.updateCourtyard(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/courtyards/:id/buildings',
    { schema: { tags, summary: 'Add a building (楼栋)', params, body: createBuilding, response: { 201: building } } },
    async (req, reply) => {
      const created = await service.addBuilding(req.ctx, req.params.id, req.body);
      reply.status(201);
      return created;
    },
  );
  app.post(
    '/courtyards/:id/contacts',
    {
      schema: {
        tags,
        summary: 'Add a responsible person (网格员, 楼栋长 …) to a courtyard',
        params,
        body: createContact,
        response: { 201: contact },
      },
    },
    async (req, reply) => {
      const created = await service.addContact(req.ctx, req.params.id, req.body);
      reply.status(201);
      return created;
    },
  );
  app.post(
    '/buildings/:id/units',
    {
      schema: {
        tags,
        summary: 'Add a unit (单元) to a building',
        params,
        body: createUnit,
        response: { 201: z.object({ id: z.uuid(), label: z.string() }) },
      },
    },
    async (req, reply) => {
      const created = await service.addUnit(req.ctx, req.params.id, req.body);
      reply.status(201);
      return created;
    },
  );
  app.get(
    '/courtyards/:id/dwellings',
    {
      schema: {
        tags,
        summary: 'Dwellings of a courtyard (or one building), in keyset pages',
        params,
        querystring: z.object({
          buildingId: z.uuid().optional(),
          after: z.string().max(400).optional(),
          limit: z.coerce.number().int().min(1).max(2000).default(500),
        }),
        response: { 200: z.object({ items: z.array(dwelling), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => dwellings.listDwellings(req.ctx, req.params.id, req.query),
  );
  app.post(
    '/dwellings',
    {
      schema: {
        tags,
        summary: 'Add a dwelling (户室) under a unit, a building, or a rural courtyard',
        body: createDwelling,
        response: { 201: dwelling },
      },
    },
    async (req, reply) => {
      const created = await dwellings.createDwelling(req.ctx, req.body);
      reply.status(201);
      return created;
    },
  );
};
