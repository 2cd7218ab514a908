import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dataset, datasetKey, datasetList, updateDataset } from './schemas.js';
import * as service from './service.js';

const tags = ['health data'];

export const healthDataRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/datasets',
    {
      schema: {
        tags,
        summary: 'The health datasets with their legal basis, purpose, retention and what happens after it',
        response: { 200: datasetList },
      },
    },
    async (req) => service.list(req.ctx),
  );
  app.patch(
    '/datasets/:key',
    {
      schema: {
        tags,
        summary: 'Change a retention period or action, with a reason (audited with the values before and after)',
        params: z.object({ key: datasetKey }),
        body: updateDataset,
        response: { 200: dataset },
      },
    },
    async (req) => service.update(req.ctx, req.params.key, req.body),
  );
};
