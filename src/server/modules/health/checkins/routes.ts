import { serve } from '../../../http/contract.js';
import * as links from './links.js';
import { checkinRoutes } from './schemas.js';
import * as service from './service.js';

/** The page behind a personal link needs no account: rate limited per address. */
const limited = { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } };

export const checkinsPlugin = serve(checkinRoutes, {
  'POST /api/checkins': (req) => service.recordByStaff(req.ctx, req.body),
  'POST /api/health-persons/:id/checkin-links': (req) => links.createLink(req.ctx, req.params.id, req.body),
  'GET /api/public/checkin/:token': { options: limited, handler: (req) => links.view(req.ctx, req.params.token) },
  'POST /api/public/checkin/:token': {
    options: limited,
    handler: (req) => links.submit(req.ctx, req.params.token, req.body),
  },
});
