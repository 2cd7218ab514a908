import { serve } from '../../../http/contract.js';
import * as moves from './moves.js';
import { householdRoutes } from './schemas.js';
import * as service from './service.js';
import * as views from './views.js';

export const householdsPlugin = serve(householdRoutes, {
  'POST /api/households': (req) => service.create(req.ctx, req.body),
  'GET /api/households/:id': (req) => service.get(req.ctx, req.params.id),
  'POST /api/households/:id/move-out': (req) => moves.moveOut(req.ctx, req.params.id, req.body),
  'POST /api/households/:id/move-in': (req) => moves.moveIn(req.ctx, req.params.id, req.body),
  'POST /api/households/:id/members': (req) => moves.addMember(req.ctx, req.params.id, req.body),
  'POST /api/households/:id/members/:memberId/leave': (req) =>
    moves.memberLeaves(req.ctx, req.params.id, req.params.memberId, req.body),
  'GET /api/dwellings/:id': (req) => views.dwellingHistory(req.ctx, req.params.id),
  'GET /api/persons/:id/households': (req) => views.personHouseholds(req.ctx, req.params.id),
  'GET /api/courtyards/:id/households': (req) => views.courtyardHouseholds(req.ctx, req.params.id, req.query),
  'GET /api/rentals-changed': (req) => views.rentalsChanged(req.ctx, req.query.gridId, req.query.day),
});
