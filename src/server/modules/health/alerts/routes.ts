import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.js';

const tags = ['alerts'];
const kind = z.enum(['symptomatic', 'not_reported', 'period_ending', 'overdue_release', 'report_missing']);
const state = z.enum(['new', 'acknowledged', 'handled']);
export const alertDto = z.object({
  id: z.string(),
  kind,
  day: z.string(),
  state,
  level: z
    .number()
    .int()
    .describe(
      '0: grid worker and medical officers; 1: escalated to community (or street) staff; 2: to street (or district) staff',
    ),
  createdAt: z.string(),
  area: z.object({ id: z.string(), name: z.string() }),
  person: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  details: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  handledAt: z.string().nullable(),
  handledBy: z.string().nullable(),
});
const idParam = z.object({ id: z.uuid() });
const stateDto = z.object({ id: z.string(), state });

export const alertRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: "The signed-in user's alert inbox, newest first",
        querystring: z.object({
          state: z.enum(['open', 'new', 'acknowledged', 'handled', 'all']).default('open'),
          after: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            counts: z.object({ new: z.number().int(), acknowledged: z.number().int() }),
            items: z.array(alertDto),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => service.list(req.ctx, req.query),
  );
  app.post(
    '/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge an alert (seen, being dealt with)',
        params: idParam,
        response: { 200: stateDto },
      },
    },
    async (req) => service.acknowledge(req.ctx, req.params.id),
  );
  app.post(
    '/:id/handle',
    {
      schema: {
        tags,
        summary: 'Mark an alert handled, saying what was done (stops its escalation)',
        params: idParam,
        body: z.object({ note: z.string().trim().min(2).max(1000) }),
        response: { 200: stateDto },
      },
    },
    async (req) => service.handle(req.ctx, req.params.id, req.body),
  );
};
