/**
 * A registry record's history: GET /api/versions?type=&id= (within the actor's
 * scope). Personal values in before/after are masked by role like everywhere else.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  maskBirthDate,
  maskIdNumber,
  maskName,
  maskPhone,
  type PersonalField,
  visibility,
} from '../../../../domain/masking.js';
import type { Role } from '../../../../domain/permissions.js';
import { authorize } from '../../../kernel/context.js';

const recordType = z.enum(['courtyard', 'building', 'unit', 'dwelling', 'household', 'occupancy', 'person', 'member']);
const version = z.object({
  id: z.string(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  channel: z.enum(['staff', 'import', 'self_registration', 'survey']),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});

/** Person columns that carry personal data, with their policy field and mask. */
const PERSONAL: Record<string, [PersonalField, (v: string) => string]> = {
  name: ['name', maskName],
  doc_number: ['idNumber', maskIdNumber],
  phone: ['phone', maskPhone],
  birth_date: ['birthDate', maskBirthDate],
};

export function maskValues(role: Role, values: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!values) return values;
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => {
      const rule = PERSONAL[k];
      if (!rule || typeof v !== 'string') return [k, v];
      const seen = visibility(role, rule[0]);
      return [k, seen === 'full' ? v : seen === 'masked' ? rule[1](v) : null];
    }),
  );
}

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
        .where('v.area_path', 'like', `${c.actor.areaPath}%`)
        .orderBy('v.id')
        .limit(500)
        .execute();
      const role = c.actor.role;
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorUsername: r.username,
          channel: r.channel,
          before: maskValues(role, r.before),
          after: maskValues(role, r.after),
        })),
      };
    },
  );
};
