import { serve } from '../../../http/contract.js';
import { jobRoutes } from './schemas.js';
import * as service from './service.js';

export const jobsPlugin = serve(jobRoutes, {
  'GET /api/jobs': (req) => service.list(req.ctx, req.query),
  'GET /api/jobs/:id': (req) => service.get(req.ctx, req.params.id),
  'POST /api/jobs/:id/cancel': (req) => service.cancel(req.ctx, req.params.id),
});
