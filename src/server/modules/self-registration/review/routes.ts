import { serve } from '../../../http/contract.js';
import * as decide from './decide.js';
import { detail } from './detail.js';
import { figures } from './figures.js';
import { queue } from './queue.js';
import { reviewRoutes } from './schemas.js';

export const reviewPlugin = serve(reviewRoutes, {
  'GET /api/reg-submissions': (req) => queue(req.ctx, req.query),
  'GET /api/reg-submissions/:id': (req) => detail(req.ctx, req.params.id),
  'POST /api/reg-submissions/:id/accept': (req) => decide.accept(req.ctx, req.params.id, req.body),
  'POST /api/reg-submissions/:id/reject': (req) => decide.reject(req.ctx, req.params.id, req.body),
  'POST /api/reg-submissions/:id/place': (req) => decide.place(req.ctx, req.params.id, req.body),
  'GET /api/reg-figures': (req) => figures(req.ctx, req.query),
});
