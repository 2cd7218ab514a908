import { serve } from '../../../http/contract.js';
import { codeRoutes } from './schemas.js';
import * as service from './service.js';

export const codesPlugin = serve(codeRoutes, {
  'POST /api/reg-codes': (req) => service.create(req.ctx, req.body),
  'GET /api/reg-codes': (req) => service.list(req.ctx, req.query),
  'GET /api/reg-codes/:id': (req) => service.get(req.ctx, req.params.id),
  'PATCH /api/reg-codes/:id': (req) => service.update(req.ctx, req.params.id, req.body),
  'POST /api/reg-codes/:id/status': (req) => service.setStatus(req.ctx, req.params.id, req.body),
  'GET /api/reg-codes/:id/poster': (req) => service.poster(req.ctx, req.params.id),
  'GET /api/reg-codes/:id/qr.png': async (req, reply) => {
    const { png, filename } = await service.qrPng(req.ctx, req.params.id);
    return reply.type('image/png').header('content-disposition', `attachment; filename="${filename}"`).send(png);
  },
});
