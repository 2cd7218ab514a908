/** A registry record's versions: who changed it, when, through which channel, before and after. */
import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';

export const recordType = z.enum([
  'courtyard',
  'building',
  'unit',
  'dwelling',
  'household',
  'occupancy',
  'person',
  'member',
]);
export type RecordType = z.infer<typeof recordType>;

export const version = z.object({
  id: z.string(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  channel: z.enum(['staff', 'import', 'self_registration', 'survey']),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type VersionDto = z.infer<typeof version>;

export const versionQuery = z.object({ type: recordType, id: z.uuid() });
export const versionList = z.object({ items: z.array(version) });
export type VersionListDto = z.infer<typeof versionList>;

export const versionRoutes = defineRoutes({
  'GET /api/versions': {
    tags: ['registry'],
    summary: "A record's versions: who, when, channel, before and after (oldest first; personal values masked by role)",
    query: versionQuery,
    response: versionList,
  },
});
