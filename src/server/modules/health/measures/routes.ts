import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as axes from './axes.js';
import * as nucleic from './nucleic.js';
import * as placement from './placement.js';
import {
  categoryBody,
  changeBody,
  checklistDto,
  endCategoryBody,
  extendBody,
  measureDto,
  placeBody,
  placeResult,
  profileDto,
  releaseBody,
  statusBody,
  testBody,
  testDto,
  testResultBody,
  timelineDto,
  workList,
  workListQuery,
} from './schemas.js';
import * as timeline from './timeline.js';
import { workList as list } from './worklists.js';

const idParam = z.object({ id: z.uuid() });
const tags = ['key persons'];

/** Under /api/health-persons: a key person's axes, placement and timeline. */
export const healthPersonRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: "Open a key person's health timeline (audited)",
        params: idParam,
        response: { 200: timelineDto },
      },
    },
    async (req) => timeline.open(req.ctx, req.params.id),
  );
  app.post(
    '/:id/placements',
    {
      schema: {
        tags,
        summary:
          'Record categories/status and place the person under the measure the rules in force that day give (strictest measure, longest period)',
        params: idParam,
        body: placeBody,
        response: { 201: placeResult },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return placement.place(req.ctx, req.params.id, req.body);
    },
  );
  app.post(
    '/:id/categories',
    {
      schema: {
        tags,
        summary: 'Add an exposure category',
        params: idParam,
        body: categoryBody,
        response: { 200: profileDto },
      },
    },
    async (req) => axes.addCategory(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/:id/categories/:key/end',
    {
      schema: {
        tags,
        summary: 'End an exposure category (with a reason)',
        params: z.object({ id: z.uuid(), key: z.string().max(40) }),
        body: endCategoryBody,
        response: { 200: profileDto },
      },
    },
    async (req) => axes.removeCategory(req.ctx, req.params.id, req.params.key, req.body.reason),
  );
  app.post(
    '/:id/status',
    {
      schema: {
        tags,
        summary: 'Change the epidemiological status (with a reason)',
        params: idParam,
        body: statusBody,
        response: { 200: profileDto },
      },
    },
    async (req) => axes.changeStatus(req.ctx, req.params.id, req.body),
  );
};

/** Under /api/measures: work lists and the decisions on a measure. */
export const measureRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: "Today's work list for the actor's area or a sub-area",
        querystring: workListQuery,
        response: { 200: workList },
      },
    },
    async (req) => list(req.ctx, req.query),
  );
  app.get(
    '/:id/checklist',
    { schema: { tags, summary: 'The release checklist today', params: idParam, response: { 200: checklistDto } } },
    async (req) => placement.releaseChecklist(req.ctx, req.params.id),
  );
  app.post(
    '/:id/extend',
    {
      schema: {
        tags,
        summary: 'Extend the planned end (reason, audited)',
        params: idParam,
        body: extendBody,
        response: { 200: measureDto },
      },
    },
    async (req) => placement.extend(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/:id/change',
    {
      schema: {
        tags,
        summary: 'Replace the measure by another from today (reason, audited)',
        params: idParam,
        body: changeBody,
        response: { 200: measureDto },
      },
    },
    async (req) => placement.change(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/:id/release',
    {
      schema: {
        tags,
        summary: 'Release when the checklist is clear (reason, audited)',
        params: idParam,
        body: releaseBody,
        response: { 200: measureDto },
      },
    },
    async (req) => placement.release(req.ctx, req.params.id, req.body),
  );
};

/** Under /api/nucleic-tests. */
export const nucleicTestRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Record a nucleic-acid test of a key person',
        body: testBody,
        response: { 201: testDto },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return nucleic.record(req.ctx, req.body);
    },
  );
  app.post(
    '/:id/result',
    {
      schema: {
        tags,
        summary: 'Enter the result of a pending test',
        params: idParam,
        body: testResultBody,
        response: { 200: testDto },
      },
    },
    async (req) => nucleic.setResult(req.ctx, req.params.id, req.body),
  );
};
