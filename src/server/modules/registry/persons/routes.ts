import { serve } from '../../../http/contract.js';
import { lookupDocument } from './lookup.js';
import { merge } from './merge.js';
import { personRoutes } from './schemas.js';
import * as service from './service.js';
import { update } from './update.js';

export const personsPlugin = serve(personRoutes, {
  'GET /api/persons': (req) => service.search(req.ctx, req.query),
  'GET /api/persons/:id': (req) => service.get(req.ctx, req.params.id),
  'POST /api/persons': (req) => service.create(req.ctx, req.body),
  'POST /api/persons/document-lookup': (req) => lookupDocument(req.ctx, req.body),
  'PATCH /api/persons/:id': (req) => update(req.ctx, req.params.id, req.body),
  'POST /api/persons/:id/merge': (req) => merge(req.ctx, req.params.id, req.body),
  'POST /api/persons/:id/reveal': (req) => service.reveal(req.ctx, req.params.id, req.body),
});
