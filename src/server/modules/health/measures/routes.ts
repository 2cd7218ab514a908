import { serve } from '../../../http/contract.js';
import * as axes from './axes.js';
import * as nucleic from './nucleic.js';
import * as placement from './placement.js';
import * as release from './release.js';
import { measureRoutes } from './schemas.js';
import * as timeline from './timeline.js';
import { workList } from './worklists.js';

export const measuresPlugin = serve(measureRoutes, {
  'GET /api/health-persons/:id': (req) => timeline.open(req.ctx, req.params.id),
  'POST /api/health-persons/:id/placements': (req) => placement.place(req.ctx, req.params.id, req.body),
  'POST /api/health-persons/:id/categories': (req) => axes.addCategory(req.ctx, req.params.id, req.body),
  'POST /api/health-persons/:id/categories/:key/end': (req) =>
    axes.removeCategory(req.ctx, req.params.id, req.params.key, req.body.reason),
  'POST /api/health-persons/:id/status': (req) => axes.changeStatus(req.ctx, req.params.id, req.body),
  'GET /api/measures': (req) => workList(req.ctx, req.query),
  'GET /api/measures/:id/checklist': (req) => release.releaseChecklist(req.ctx, req.params.id),
  'POST /api/measures/:id/extend': (req) => placement.extend(req.ctx, req.params.id, req.body),
  'POST /api/measures/:id/change': (req) => placement.change(req.ctx, req.params.id, req.body),
  'POST /api/measures/:id/release': (req) => release.release(req.ctx, req.params.id, req.body),
  'POST /api/nucleic-tests': (req) => nucleic.record(req.ctx, req.body),
  'POST /api/nucleic-tests/:id/result': (req) => nucleic.setResult(req.ctx, req.params.id, req.body),
});
