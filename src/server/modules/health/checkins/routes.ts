import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as links from './links.js';
import * as service from './service.js';

const tags = ['check-ins'];
const temperature = z.number().nullable().describe('°C, one decimal, 34.0–42.5; null when it could not be taken');
const symptoms = z.array(z.string().max(20)).max(12).default([]);
const saved = z.object({
  personId: z.string(),
  day: z.string(),
  temperature: z.number().nullable(),
  symptoms: z.array(z.string()),
  state: z.enum(['normal', 'symptomatic', 'to_review']),
  revisions: z.number().int(),
  amended: z.boolean(),
});

/** Under /api/checkins: staff enter a check-in after a visit or call. */
export const checkinRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: "Enter a key person's check-in after a visit or call (a second one the same day amends it)",
        body: z.object({
          id: z.uuid().describe('client-generated: the same submission twice changes nothing'),
          personId: z.uuid(),
          day: z.iso.date().optional(),
          temperature,
          symptoms,
          needsReview: z.boolean().optional(),
          channel: z.enum(['staff_visit', 'staff_call']),
        }),
        response: { 200: saved },
      },
    },
    async (req) => service.recordByStaff(req.ctx, req.body),
  );
};

const linkDto = z.object({
  id: z.string(),
  scope: z.enum(['person', 'household']),
  path: z.string(),
  url: z.string().nullable().describe('PUBLIC_URL + path; null when PUBLIC_URL is not configured'),
  token: z.string(),
  expiresAt: z.string(),
  qrSvg: z.string(),
});

/** Under /api/health-persons: issuing a personal check-in link. */
export const checkinLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/:id/checkin-links',
    {
      schema: {
        tags,
        summary: 'Issue a check-in link (and QR code) for the person, or for the household they head',
        params: z.object({ id: z.uuid() }),
        body: z.object({ scope: z.enum(['person', 'household']).default('person') }),
        response: { 201: linkDto },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return links.createLink(req.ctx, req.params.id, req.body);
    },
  );
};

const viewDto = z.object({
  day: z.string(),
  cutOff: z.string(),
  scope: z.enum(['person', 'household']),
  symptoms: z.array(z.string()),
  people: z.array(
    z.object({
      personId: z.string(),
      name: z.string().nullable().describe('masked'),
      relationship: z.string().nullable(),
      measure: z.string(),
      measureLabel: z.string(),
      plannedEnd: z.string().nullable(),
      self: z.boolean(),
      today: z
        .object({ temperature: z.number().nullable(), symptoms: z.array(z.string()), state: z.string() })
        .nullable(),
    }),
  ),
});

/** Under /api/public/checkin: the page behind a personal link (no account; rate limited). */
export const publicCheckinRoutes: FastifyPluginAsyncZod = async (app) => {
  const token = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32}$/) });
  const rateLimit = { max: 60, timeWindow: '1 minute' };
  app.get(
    '/:token',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Who this link reports for today (masked names)',
        security: [],
        params: token,
        response: { 200: viewDto },
      },
    },
    async (req) => links.view(req.ctx, req.params.token),
  );
  app.post(
    '/:token',
    {
      config: { rateLimit, csrf: false },
      schema: {
        tags,
        summary: "Report today's temperature and symptoms for the people of this link",
        security: [],
        params: token,
        body: z.object({
          submissionId: z.uuid(),
          entries: z
            .array(z.object({ personId: z.uuid(), temperature, symptoms }))
            .min(1)
            .max(20),
        }),
        response: {
          200: z.object({
            day: z.string(),
            saved: z.array(z.object({ personId: z.string(), state: z.string(), amended: z.boolean() })),
          }),
        },
      },
    },
    async (req) => links.submit(req.ctx, req.params.token, req.body),
  );
};
