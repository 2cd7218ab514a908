import { serve } from '../../../http/contract.js';
import * as categories from './categories.js';
import { healthRuleRoutes } from './schemas.js';
import * as service from './service.js';

export const healthRulesPlugin = serve(healthRuleRoutes, {
  'GET /api/health-rules': (req) => service.inForce(req.ctx, req.query.day),
  'GET /api/health-rules/history': (req) => service.history(req.ctx, req.query.appliesTo),
  'POST /api/health-rules': (req) => service.addVersion(req.ctx, req.body),
  'POST /api/health-rules/preview': (req) => service.previewPlacement(req.ctx, req.body),
  'POST /api/health-rules/categories': (req) => categories.addCategory(req.ctx, req.body),
  'POST /api/health-rules/categories/:key/end': (req) => categories.endCategory(req.ctx, req.params.key, req.body),
});
