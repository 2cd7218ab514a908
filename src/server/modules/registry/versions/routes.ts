/**
 * A registry record's history: GET /api/versions?type=&id= (within the actor's
 * scope). Personal values in before/after are masked by role like everywhere else.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../kernel/context.js';
import { presenter } from '../../../kernel/present.js';
import { inScope } from '../../../kernel/scope.js';

const recordType = z.enum(['courtyard', 'building', 'unit', 'dwelling', 'household', 'occupancy', 'person', 'member']);
const version = z.object({
  id: z.string(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  channel: z.enum(['staff', 'import', 'self_registration', 'survey']),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});

export const versionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/versions',
    {
      schema: {
        tags: ['registry'],
        summary:
          "A record's versions: who, when, channel, before and after (oldest first; personal values masked by role)",
        querystring: z.object({ type: recordType, id: z.uuid() }),
        response: { 200: z.object({ items: z.array(version) }) },
      },
    },
    async (req) => {
      const c = authorize(
        req.ctx,
        req.query.type === 'person' || req.query.type === 'member' ? 'person.read' : 'place.read',
      );
      const rows = await c.db
        .selectFrom('record_versions as v')
        .leftJoin('users as u', 'u.id', 'v.actor_id')
        .select(['v.id', 'v.at', 'u.username', 'v.channel', 'v.before', 'v.after'])
        .where('v.record_type', '=', req.query.type)
        .where('v.record_id', '=', req.query.id)
        .where(inScope(c, 'v.area_path'))
        .orderBy('v.id')
        .limit(500)
        .execute();
      const shown = presenter(c);
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorUsername: r.username,
          channel: r.channel,
          before: shown.deep(r.before) as Record<string, unknown> | null,
          after: shown.deep(r.after) as Record<string, unknown> | null,
        })),
      };
    },
  );
};
