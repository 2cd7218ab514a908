import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { areaId } from '../../../kernel/schemas.js';
import { importAreas } from './areas.js';
import { errorReport, start } from './service.js';
import { MAX_UPLOAD_BYTES, receive, saveFile } from './uploads.js';

const tags = ['imports'];

export const uploadResult = z.object({
  uploadId: z.uuid(),
  filename: z.string(),
  size: z.number().int(),
  kind: z.enum(['csv', 'xlsx']),
  sheet: z.string().nullable(),
  headerRow: z.number().int().describe('1-based row of the header in the file'),
  columns: z.array(
    z.object({
      index: z.number().int(),
      header: z.string(),
      field: z.string().nullable().describe("the server's guess of the column's meaning"),
      numeric: z.boolean().describe('Excel stored values of this column as numbers: ID numbers in it have lost digits'),
    }),
  ),
  sample: z.array(z.array(z.string())),
  fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
});

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  app.post(
    '/uploads',
    {
      schema: {
        tags,
        summary:
          'Upload a ledger (xlsx or csv, multipart field "file"): returns the detected header row, column guesses and sample rows',
        consumes: ['multipart/form-data'],
        response: { 201: uploadResult },
      },
    },
    async (req, reply) => {
      const created = await receive(req.ctx, await req.file());
      reply.status(201);
      return created;
    },
  );
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Import an uploaded ledger into a grid (or a community, with a 网格 column) as a background job',
        body: z.object({
          uploadId: z.uuid(),
          targetAreaId: areaId,
          mapping: z.record(z.string().regex(/^\d+$/), z.string()).describe('column index → field key'),
        }),
        response: { 201: z.object({ jobId: z.uuid() }) },
      },
    },
    async (req, reply) => {
      const created = await start(req.ctx, req.body);
      reply.status(201);
      return created;
    },
  );
  app.post(
    '/areas',
    {
      schema: {
        tags,
        summary:
          'Import areas (streets/towns, communities/villages, grids) from xlsx or csv with 区划代码 and 名称 columns; existing ones are renamed',
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({
            created: z.number().int(),
            renamed: z.number().int(),
            unchanged: z.number().int(),
            rejected: z.number().int(),
            errors: z.array(
              z.object({ row: z.number().int(), column: z.string(), value: z.string(), reason: z.string() }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const saved = await saveFile(req.ctx, await req.file(), 'area.create');
      try {
        return await importAreas(req.ctx, saved.path, saved.kind);
      } finally {
        await saved.remove();
      }
    },
  );
  app.get(
    '/:jobId/errors',
    {
      schema: {
        tags,
        summary: 'The rows an import refused or warned about (row, column, value, reason) as CSV or XLSX',
        params: z.object({ jobId: z.uuid() }),
        querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
      },
    },
    async (req, reply) => {
      const out = await errorReport(req.ctx, req.params.jobId, req.query.format);
      reply.header('content-type', out.contentType);
      reply.header(
        'content-disposition',
        `attachment; filename="import-errors.${req.query.format}"; filename*=UTF-8''${encodeURIComponent(out.filename)}`,
      );
      return reply.send(out.body);
    },
  );
};
