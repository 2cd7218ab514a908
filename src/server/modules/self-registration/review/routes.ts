import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { measureDto } from '../../health/measures/index.js';
import * as decide from './decide.js';
import { detail } from './detail.js';
import { figures } from './figures.js';
import { queue } from './queue.js';
import {
  acceptBody,
  acceptResult,
  figures as figuresDto,
  figuresQuery,
  placeBody,
  queue as queueDto,
  queueQuery,
  rejectBody,
  submissionDetail,
} from './schemas.js';

const tags = ['self-registration'];
const idParam = z.object({ id: z.uuid() });

/** Under /api/reg-submissions: the review queue of self-registered families. */
export const regSubmissionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'The review queue of your area, with filters',
        querystring: queueQuery,
        response: { 200: queueDto },
      },
    },
    async (req) => queue(req.ctx, req.query),
  );
  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A submission beside the registry, with proposals and versions (masked by role; audited)',
        params: idParam,
        response: { 200: submissionDetail },
      },
    },
    async (req) => detail(req.ctx, req.params.id),
  );
  app.post(
    '/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept (or merge into an existing household): the family enters the registry as self-registration',
        params: idParam,
        body: acceptBody,
        response: { 200: acceptResult },
      },
    },
    async (req) => decide.accept(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject with a reason',
        params: idParam,
        body: rejectBody,
        response: { 200: submissionDetail },
      },
    },
    async (req) => decide.reject(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/:id/place',
    {
      schema: {
        tags,
        summary: 'Place an accepted member under the measure their answers propose (rules in force today; audited)',
        params: idParam,
        body: placeBody,
        response: { 201: measureDto },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return decide.place(req.ctx, req.params.id, req.body);
    },
  );
};

/** Under /api/reg-figures: the command center's self-registration figures. */
export const regFigureRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary:
          'Codes active, submissions, persons, share reviewed, persons proposed: per area and day, with a 30-day trend',
        querystring: figuresQuery,
        response: { 200: figuresDto },
      },
    },
    async (req) => figures(req.ctx, req.query),
  );
};
