import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createdPerson,
  createPerson,
  mergePersons,
  person,
  personList,
  personSearch,
  reveal,
  revealed,
  updatePerson,
} from './schemas.js';
import { update } from './update.js';
import { merge } from './merge.js';
import * as service from './service.js';

const params = z.object({ id: z.uuid() });
const tags = ['persons'];

export const personRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary:
          'Search persons in the scope by name fragment, document number, mobile or its last 4 digits (masked by role)',
        querystring: personSearch,
        response: { 200: personList },
      },
    },
    async (req) => service.search(req.ctx, req.query),
  );
  app.get(
    '/:id',
    { schema: { tags, summary: 'One person, masked by role', params, response: { 200: person } } },
    async (req) => service.get(req.ctx, req.params.id),
  );
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Register a person (one record per document in the district)',
        body: createPerson,
        response: { 201: createdPerson },
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
    {
      schema: {
        tags,
        summary: "Correct a person's record (the document changes only by a merge)",
        params,
        body: updatePerson,
        response: { 200: person },
      },
    },
    async (req) => update(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/:id/merge',
    {
      schema: {
        tags,
        summary: 'Fold a duplicate record of the same person into this one, keeping history',
        params,
        body: mergePersons,
        response: { 200: person },
      },
    },
    async (req) => merge(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/:id/reveal',
    {
      schema: {
        tags,
        summary: 'Reveal masked fields with a reason (audited)',
        params,
        body: reveal,
        response: { 200: revealed },
      },
    },
    async (req) => service.reveal(req.ctx, req.params.id, req.body),
  );
};
