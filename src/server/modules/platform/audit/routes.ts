import { serve } from '../../../http/contract.js';
import { auditRoutes } from './schemas.js';
import * as service from './service.js';

export const auditPlugin = serve(auditRoutes, {
  'GET /api/audit': (req) => service.list(req.ctx, req.query),
});
