import { serve } from '../../../http/contract.js';
import { dailyReportRoutes } from './schemas.js';
import * as service from './service.js';

export const dailyReportsPlugin = serve(dailyReportRoutes, {
  'GET /api/daily-reports/draft': (req) => service.draft(req.ctx, req.query),
  'POST /api/daily-reports': async (req, reply) => {
    const { created, report } = await service.file(req.ctx, req.body);
    reply.status(created ? 201 : 200);
    return report;
  },
  'GET /api/daily-reports': (req) => service.list(req.ctx, req.query),
  'GET /api/daily-reports/missing': (req) => service.missing(req.ctx, req.query),
});
