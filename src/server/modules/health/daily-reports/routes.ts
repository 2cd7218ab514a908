import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { draft, draftQuery, fileReport, listQuery, missingList, report, reportList } from './schemas.js';
import * as service from './service.js';

const tags = ['daily reports'];

export const dailyReportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/draft',
    {
      schema: {
        tags,
        summary: "The figures a community's report for a day would carry, derived from the day's records",
        querystring: draftQuery,
        response: { 200: draft },
      },
    },
    async (req) => service.draft(req.ctx, req.query),
  );
  app.post(
    '/',
    {
      schema: {
        tags,
        summary:
          "File the community's report for today or yesterday (201); the same id again returns it (200); another filing for the same day revises it (200, audited)",
        body: fileReport,
        response: { 200: report, 201: report },
      },
    },
    async (req, reply) => {
      const { created, report: filed } = await service.file(req.ctx, req.body);
      reply.status(created ? 201 : 200);
      return filed;
    },
  );
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Reports filed for a day in the scope (or an area of it)',
        querystring: listQuery,
        response: { 200: reportList },
      },
    },
    async (req) => service.list(req.ctx, req.query),
  );
  app.get(
    '/missing',
    {
      schema: {
        tags,
        summary: 'Communities in the scope (or an area of it) without a report for the day, with their street',
        querystring: listQuery,
        response: { 200: missingList },
      },
    },
    async (req) => service.missing(req.ctx, req.query),
  );
};
