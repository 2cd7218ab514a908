import multipart from '@fastify/multipart';
import { serve } from '../../../http/contract.js';
import { importAreas } from './areas.js';
import { importRoutes } from './schemas.js';
import { errorReport, start } from './service.js';
import { MAX_UPLOAD_BYTES, receive, saveFile } from './uploads.js';

export const importsPlugin = serve(
  importRoutes,
  {
    'POST /api/imports/uploads': async (req) => receive(req.ctx, await req.file()),
    'POST /api/imports': (req) => start(req.ctx, req.body),
    'POST /api/imports/areas': async (req) => {
      const saved = await saveFile(req.ctx, await req.file(), 'area.create');
      try {
        return await importAreas(req.ctx, saved.path, saved.kind);
      } finally {
        await saved.remove();
      }
    },
    'GET /api/imports/:jobId/errors': async (req, reply) => {
      const out = await errorReport(req.ctx, req.params.jobId, req.query.format);
      reply.header('content-type', out.contentType);
      reply.header(
        'content-disposition',
        `attachment; filename="import-errors.${req.query.format}"; filename*=UTF-8''${encodeURIComponent(out.filename)}`,
      );
      return reply.send(out.body);
    },
  },
  async (app) => {
    await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  },
);
