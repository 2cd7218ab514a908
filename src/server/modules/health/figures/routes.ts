import { serve } from '../../../http/contract.js';
import { healthFigureRoutes } from './schemas.js';
import * as service from './service.js';

export const healthFiguresPlugin = serve(healthFigureRoutes, {
  'GET /api/health-figures': (req) => service.figures(req.ctx, req.query),
  'GET /api/health-figures/trend': (req) => service.trend(req.ctx, req.query),
});
