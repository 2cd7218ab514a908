import { serve } from '../../../http/contract.js';
import { versionRoutes } from './schemas.js';
import { versions } from './service.js';

export const versionsPlugin = serve(versionRoutes, {
  'GET /api/versions': (req) => versions(req.ctx, req.query.type, req.query.id),
});
