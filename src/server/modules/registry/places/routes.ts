import { serve } from '../../../http/contract.js';
import * as dwellings from './dwellings.js';
import { placeRoutes } from './schemas.js';
import * as service from './service.js';

export const placesPlugin = serve(placeRoutes, {
  'GET /api/courtyards': (req) => service.listCourtyards(req.ctx, req.query),
  'POST /api/courtyards': (req) => service.createCourtyard(req.ctx, req.body),
  'GET /api/courtyards/:id': (req) => service.getCourtyard(req.ctx, req.params.id),
  'PATCH /api/courtyards/:id': (req) => service.updateCourtyard(req.ctx, req.params.id, req.body),
  'POST /api/courtyards/:id/buildings': (req) => service.addBuilding(req.ctx, req.params.id, req.body),
  'POST /api/courtyards/:id/contacts': (req) => service.addContact(req.ctx, req.params.id, req.body),
  'POST /api/buildings/:id/units': (req) => service.addUnit(req.ctx, req.params.id, req.body),
  'GET /api/courtyards/:id/dwellings': (req) => dwellings.listDwellings(req.ctx, req.params.id, req.query),
  'POST /api/dwellings': (req) => dwellings.createDwelling(req.ctx, req.body),
});
