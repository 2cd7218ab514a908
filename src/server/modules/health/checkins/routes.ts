import { serve } from '../../../http/contract.js';
import * as links from './links.js';
import * as manage from './manage.js';
import { checkinRoutes } from './schemas.js';
import * as service from './service.js';

// The page behind a personal link needs no account: its requests count against the
// public budget per address (PUBLIC_RATE_PER_ADDRESS, app.ts).
export const checkinsPlugin = serve(checkinRoutes, {
  'POST /api/checkins': (req) => service.recordByStaff(req.ctx, req.body),
  'POST /api/health-persons/:id/checkin-links': (req) => links.createLink(req.ctx, req.params.id, req.body),
  'GET /api/health-persons/:id/checkin-links': (req) => manage.listLinks(req.ctx, req.params.id),
  'POST /api/checkin-links/:id/revoke': (req) => manage.revokeLink(req.ctx, req.params.id, req.body),
  'GET /api/public/checkin/:token': (req) => links.view(req.ctx, req.params.token),
  'POST /api/public/checkin/:token': (req) => links.submit(req.ctx, req.params.token, req.body),
});
