import { serve } from '../../../http/contract.js';
import { alertRoutes } from './schemas.js';
import * as service from './service.js';

export const alertsPlugin = serve(alertRoutes, {
  'GET /api/alerts': (req) => service.list(req.ctx, req.query),
  'POST /api/alerts/:id/acknowledge': (req) => service.acknowledge(req.ctx, req.params.id),
  'POST /api/alerts/:id/handle': (req) => service.handle(req.ctx, req.params.id, req.body),
});
