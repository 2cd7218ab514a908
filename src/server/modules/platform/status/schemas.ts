import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';

/** Versions are told to signed-in users only (null for others: no fingerprinting from outside). */
export const health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string().nullable(),
  database: z.object({ ok: z.boolean(), version: z.string().nullable(), latencyMs: z.number().nullable() }),
});
export type HealthDto = z.infer<typeof health>;

export const statusRoutes = defineRoutes({
  'GET /api/health': {
    tags: ['system'],
    summary: 'Liveness and database status',
    description:
      'Answers 503 with the same body when the database does not answer. The versions are null unless a signed-in user asks.',
    public: true,
    response: health,
  },
});
