/** Exports of persons: the one download route and its query. */
import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';
import { areaId } from '../../../kernel/schemas.js';

const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');

export const exportQuery = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  areaId: areaId.optional().describe("default: the actor's scope"),
  courtyardId: z.uuid().optional().describe('only the persons living in this courtyard now'),
  q: z.string().trim().min(1).max(20).optional().describe('name fragment, as in the persons search'),
  unmasked: flag.describe('needs person.export_unmasked and a reason'),
  reason: z.string().trim().max(200).optional(),
  check: flag.describe(
    'only check permission, scope and reason (204), so a client can show a refusal before it downloads',
  ),
});

export const exportRoutes = defineRoutes({
  'GET /api/exports/persons': {
    tags: ['exports'],
    summary:
      'Export persons (a courtyard, an area or a name search) as CSV or XLSX, streamed; masked unless asked otherwise with a reason; audited and watermarked',
    query: exportQuery,
    file: true,
  },
});
