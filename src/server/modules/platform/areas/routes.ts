import { serve } from '../../../http/contract.js';
import { areaRoutes } from './schemas.js';
import * as service from './service.js';

export const areasPlugin = serve(areaRoutes, {
  'GET /api/areas': (req) => service.list(req.ctx, req.query),
  'GET /api/areas/:id': (req) => service.get(req.ctx, req.params.id),
  'POST /api/areas': (req) => service.create(req.ctx, req.body),
  'PATCH /api/areas/:id': (req) => service.update(req.ctx, req.params.id, req.body),
  'POST /api/areas/:id/retire': (req) => service.retire(req.ctx, req.params.id),
  'DELETE /api/areas/:id': async (req) => {
    await service.remove(req.ctx, req.params.id);
    return null;
  },
});
