import { serve } from '../../../http/contract.js';
import { healthDataRoutes } from './schemas.js';
import * as service from './service.js';

export const healthDataPlugin = serve(healthDataRoutes, {
  'GET /api/health-data/datasets': (req) => service.list(req.ctx),
  'PATCH /api/health-data/datasets/:key': (req) => service.update(req.ctx, req.params.key, req.body),
});
