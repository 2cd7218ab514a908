import { serve } from '../../../http/contract.js';
import { userRoutes } from './schemas.js';
import * as service from './service.js';

export const usersPlugin = serve(userRoutes, {
  'GET /api/users': (req) => service.list(req.ctx, req.query),
  'GET /api/users/:id': (req) => service.get(req.ctx, req.params.id),
  'POST /api/users': (req) => service.create(req.ctx, req.body),
  'PATCH /api/users/:id': (req) => service.update(req.ctx, req.params.id, req.body),
});
