import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as moves from './moves.js';
import {
  addMember,
  courtyardHouseholds,
  courtyardHouseholdsQuery,
  createHousehold,
  dwellingHistory,
  household,
  memberLeaves,
  moveIn,
  moveOut,
  occupancy,
  relationship,
  rentalsChanged,
  rentalsChangedQuery,
} from './schemas.js';
import * as service from './service.js';
import * as views from './views.js';

const params = z.object({ id: z.uuid() });
const tags = ['households'];

export const householdRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/households',
    {
      schema: {
        tags,
        summary: 'Register a household in a dwelling with its members (new or existing persons) and occupancy',
        body: createHousehold,
        response: { 201: household },
      },
    },
    async (req, reply) => {
      const created = await service.create(req.ctx, req.body);
      reply.status(201);
      return created;
    },
  );
  app.get(
    '/households/:id',
    {
      schema: {
        tags,
        summary: 'A household: members, current dwelling, occupancy history',
        params,
        response: { 200: household },
      },
    },
    async (req) => service.get(req.ctx, req.params.id),
  );
  app.post(
    '/households/:id/move-out',
    {
      schema: {
        tags,
        summary: 'Record moving out (the occupancy ends; history is kept)',
        params,
        body: moveOut,
        response: { 200: household },
      },
    },
    async (req) => moves.moveOut(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/households/:id/move-in',
    {
      schema: {
        tags,
        summary: 'Record moving into a dwelling (a current occupancy ends the day before)',
        params,
        body: moveIn,
        response: { 200: household },
      },
    },
    async (req) => moves.moveIn(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/households/:id/members',
    {
      schema: { tags, summary: 'A member joins the household', params, body: addMember, response: { 200: household } },
    },
    async (req) => moves.addMember(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/households/:id/members/:memberId/leave',
    {
      schema: {
        tags,
        summary: 'A member leaves the household',
        params: params.extend({ memberId: z.uuid() }),
        body: memberLeaves,
        response: { 200: household },
      },
    },
    async (req) => moves.memberLeaves(req.ctx, req.params.id, req.params.memberId, req.body),
  );
  app.get(
    '/dwellings/:id',
    {
      schema: {
        tags,
        summary: '一房一户: a dwelling and its households over time',
        params,
        response: { 200: dwellingHistory },
      },
    },
    async (req) => views.dwellingHistory(req.ctx, req.params.id),
  );
  app.get(
    '/persons/:id/households',
    {
      schema: {
        tags,
        summary: "A person's households and the dwellings they lived in",
        params,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                householdId: z.uuid(),
                relationship,
                startDate: z.string(),
                endDate: z.string().nullable(),
                occupancies: z.array(occupancy),
              }),
            ),
          }),
        },
      },
    },
    async (req) => views.personHouseholds(req.ctx, req.params.id),
  );
  app.get(
    '/courtyards/:id/households',
    {
      schema: {
        tags,
        summary: 'The households living in a courtyard now, with their members, building by building (keyset pages)',
        params,
        querystring: courtyardHouseholdsQuery,
        response: { 200: courtyardHouseholds },
      },
    },
    async (req) => views.courtyardHouseholds(req.ctx, req.params.id, req.query),
  );
  app.get(
    '/rentals-changed',
    {
      schema: {
        tags,
        summary: "A grid's rentals that started or ended on a day (default today, Asia/Shanghai)",
        querystring: rentalsChangedQuery,
        response: { 200: rentalsChanged },
      },
    },
    async (req) => views.rentalsChanged(req.ctx, req.query.gridId, req.query.day),
  );
};
