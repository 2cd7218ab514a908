import { serve } from '../../../http/contract.js';
import { transferRoutes } from './schemas.js';
import * as service from './service.js';

export const transfersPlugin = serve(transferRoutes, {
  'POST /api/transfers': (req) => service.request(req.ctx, req.body),
  'GET /api/transfers': (req) => service.list(req.ctx, req.query),
  'POST /api/transfers/:id/approve': (req) => service.decide(req.ctx, req.params.id, true, req.body.note),
  'POST /api/transfers/:id/reject': (req) => service.decide(req.ctx, req.params.id, false, req.body.note),
});
