import { serve } from '../../../http/contract.js';
import { careSiteRoutes } from './schemas.js';
import * as service from './service.js';

export const careSitesPlugin = serve(careSiteRoutes, {
  'GET /api/care-sites': (req) => service.list(req.ctx, req.query),
  'GET /api/care-sites/:id': (req) => service.get(req.ctx, req.params.id),
  'POST /api/care-sites': (req) => service.create(req.ctx, req.body),
  'POST /api/care-sites/:id/rooms': (req) => service.addRooms(req.ctx, req.params.id, req.body),
  'PATCH /api/care-sites/:id': (req) => service.update(req.ctx, req.params.id, req.body),
  'POST /api/care-sites/:id/retire': (req) => service.retire(req.ctx, req.params.id),
});
