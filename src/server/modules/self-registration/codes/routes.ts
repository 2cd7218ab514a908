import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { codeDto, codeList, codeListQuery, createCode, poster, setStatus, updateCode } from './schemas.js';
import * as service from './service.js';

const tags = ['self-registration'];
const idParam = z.object({ id: z.uuid() });

/** Under /api/reg-codes: the QR codes staff post for families to register themselves. */
export const regCodeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Create a registration code for a courtyard, grid or community',
        body: createCode,
        response: { 201: codeDto },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return service.create(req.ctx, req.body);
    },
  );
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Codes in your area, newest first',
        querystring: codeListQuery,
        response: { 200: codeList },
      },
    },
    async (req) => service.list(req.ctx, req.query),
  );
  app.get(
    '/:id',
    { schema: { tags, summary: 'One code with its submission counts', params: idParam, response: { 200: codeDto } } },
    async (req) => service.get(req.ctx, req.params.id),
  );
  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change the responsible person, expiry, note or the ask-everyone switch (district staff)',
        params: idParam,
        body: updateCode,
        response: { 200: codeDto },
      },
    },
    async (req) => service.update(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/:id/status',
    {
      schema: {
        tags,
        summary: 'Pause, resume or revoke a code (reason, audited; revoking is final)',
        params: idParam,
        body: setStatus,
        response: { 200: codeDto },
      },
    },
    async (req) => service.setStatus(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/:id/poster',
    {
      schema: {
        tags,
        summary: 'What the printable A4 poster shows: the QR (SVG), the place, the responsible person, instructions',
        params: idParam,
        response: { 200: poster },
      },
    },
    async (req) => service.poster(req.ctx, req.params.id),
  );
  app.get(
    '/:id/qr.png',
    { schema: { tags, summary: 'The QR code as a 1024 px PNG download', params: idParam, produces: ['image/png'] } },
    async (req, reply) => {
      const { png, filename } = await service.qrPng(req.ctx, req.params.id);
      return reply.type('image/png').header('content-disposition', `attachment; filename="${filename}"`).send(png);
    },
  );
};
