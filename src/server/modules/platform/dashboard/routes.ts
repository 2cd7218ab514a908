import { serve } from '../../../http/contract.js';
import { dashboardRoutes } from './schemas.js';
import { figures } from './service.js';

export const dashboardPlugin = serve(dashboardRoutes, {
  'GET /api/dashboard': (req) => figures(req.ctx, req.query.areaId),
});
