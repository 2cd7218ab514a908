import { serve } from '../../../http/contract.js';
import { exportRoutes } from './schemas.js';
import { exportPersons } from './service.js';

export const exportsPlugin = serve(exportRoutes, {
  'GET /api/exports/persons': async (req, reply) => {
    const out = await exportPersons(req.ctx, req.query);
    if (!out) {
      reply.status(204);
      return null;
    }
    reply.header('content-type', out.contentType);
    reply.header(
      'content-disposition',
      `attachment; filename="persons.${req.query.format}"; filename*=UTF-8''${encodeURIComponent(out.filename)}`,
    );
    reply.header('cache-control', 'no-store');
    return reply.send(out.body);
  },
});
