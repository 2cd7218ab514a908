import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as categories from './categories.js';
import { category, endCategory, inForce, newCategory, newRule, placementDto, preview, rule } from './schemas.js';
import * as service from './service.js';

const tags = ['health rules'];

export const healthRuleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Exposure categories and measure rules in force on a day (default today, Asia/Shanghai)',
        querystring: z.object({ day: z.iso.date().optional() }),
        response: { 200: inForce },
      },
    },
    async (req) => service.inForce(req.ctx, req.query.day),
  );
  app.get(
    '/history',
    {
      schema: {
        tags,
        summary: "A rule's versions, oldest first",
        querystring: z.object({ appliesTo: z.string().max(50) }),
        response: { 200: z.object({ items: z.array(rule) }) },
      },
    },
    async (req) => service.history(req.ctx, req.query.appliesTo),
  );
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Add a version of a rule, effective today or later (district staff; audited)',
        body: newRule,
        response: { 201: rule },
      },
    },
    async (req, reply) => {
      const created = await service.addVersion(req.ctx, req.body);
      reply.status(201);
      return created;
    },
  );
  app.post(
    '/preview',
    {
      schema: {
        tags,
        summary: 'The measure and planned end the rules in force on a day give for these categories and status',
        body: preview,
        response: { 200: placementDto.nullable() },
      },
    },
    async (req) => service.previewPlacement(req.ctx, req.body),
  );
  app.post(
    '/categories',
    {
      schema: {
        tags,
        summary: 'Add an exposure category, in force from today or later (district staff; audited)',
        body: newCategory,
        response: { 201: category },
      },
    },
    async (req, reply) => {
      const created = await categories.addCategory(req.ctx, req.body);
      reply.status(201);
      return created;
    },
  );
  app.post(
    '/categories/:key/end',
    {
      schema: {
        tags,
        summary: 'End an exposure category from today or later (district staff; audited)',
        params: z.object({ key: z.string().max(40) }),
        body: endCategory,
        response: { 200: category },
      },
    },
    async (req) => categories.endCategory(req.ctx, req.params.key, req.body),
  );
};
