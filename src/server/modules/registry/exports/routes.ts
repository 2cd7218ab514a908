import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { areaId } from '../../../kernel/schemas.js';
import { exportPersons } from './service.js';

const query = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  areaId: areaId.optional().describe("default: the actor's scope"),
  courtyardId: z.uuid().optional().describe('only the persons living in this courtyard now'),
  q: z.string().trim().min(1).max(20).optional().describe('name fragment, as in the persons search'),
  unmasked: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('needs person.export_unmasked and a reason'),
  reason: z.string().trim().max(200).optional(),
  check: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('only check permission, scope and reason (204), so a client can show a refusal before it downloads'),
});

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/persons',
    {
      schema: {
        tags: ['exports'],
        summary:
          'Export persons (a courtyard, an area or a name search) as CSV or XLSX, streamed; masked unless asked otherwise with a reason; audited and watermarked',
        querystring: query,
      },
    },
    async (req, reply) => {
      const out = await exportPersons(req.ctx, req.query);
      if (!out) {
        reply.status(204);
        return null;
      }
      reply.header('content-type', out.contentType);
      reply.header(
        'content-disposition',
        `attachment; filename="persons.${req.query.format}"; filename*=UTF-8''${encodeURIComponent(out.filename)}`,
      );
      reply.header('cache-control', 'no-store');
      return reply.send(out.body);
    },
  );
};
