import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.js';

const tags = ['command center'];
const figures = z.object({
  under: z.number().int(),
  byMeasure: z.record(z.string(), z.number().int()),
  new: z.number().int(),
  released: z.number().int(),
  symptomatic: z.number().int(),
  checkedIn: z.number().int(),
  notReported: z.number().int().describe('today: counted once the cut-off has passed'),
  reportsMissing: z.number().int().describe('communities without a daily report'),
});
const areaRef = z.object({ id: z.string(), name: z.string(), level: z.string() });
const areaId = z.string().regex(/^\d+$/).optional();

export const healthFigureRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Key-population figures of an area on a day, and per child area (drill-down)',
        querystring: z.object({ areaId, day: z.iso.date().optional() }),
        response: {
          200: z.object({
            day: z.string(),
            live: z.boolean(),
            cutOff: z.string(),
            area: areaRef,
            figures,
            children: z.array(areaRef.extend({ figures })),
          }),
        },
      },
    },
    async (req) => service.figures(req.ctx, req.query),
  );
  app.get(
    '/trend',
    {
      schema: {
        tags,
        summary: 'The same figures day by day (default the last 30 days, today last)',
        querystring: z.object({ areaId, days: z.coerce.number().int().min(2).max(90).default(30) }),
        response: { 200: z.object({ area: areaRef, days: z.array(figures.extend({ day: z.string() })) }) },
      },
    },
    async (req) => service.trend(req.ctx, req.query),
  );
};
