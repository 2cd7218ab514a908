import multipart from '@fastify/multipart';
import { serve } from '../../../http/contract.js';
import { importAreas } from './areas.js';
import { importRoutes } from './schemas.js';
import { errorReport, start } from './service.js';
import { checkedFile, MAX_UPLOAD_BYTES, receive } from './uploads.js';

export const importsPlugin = serve(
  importRoutes,
  {
    'POST /api/imports/uploads': (req) => receive(req.ctx, req.upload),
    'POST /api/imports': (req) => start(req.ctx, req.body),
    'POST /api/imports/areas': async (req) => {
      // The file is deleted after the request (not kept).
      const checked = checkedFile(req.ctx, req.upload, 'area.create');
      return importAreas(req.ctx, checked.path, checked.kind);
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
