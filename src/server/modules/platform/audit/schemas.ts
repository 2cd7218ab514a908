import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';
import { page } from '../../../kernel/schemas.js';

export const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  areaId: z.string().nullable(),
  areaName: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntryDto = z.infer<typeof auditEntry>;

export const auditQuery = z.object({
  action: z.string().trim().max(100).optional().describe('exact action, or a prefix ending in "." (e.g. "auth.")'),
  actor: z.string().trim().max(40).optional().describe('username'),
  resourceType: z.string().trim().max(50).optional(),
  resourceId: z.string().trim().max(100).optional(),
  areaId: z
    .string()
    .regex(/^[1-9][0-9]*$/)
    .optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  after: z
    .string()
    .regex(/^[0-9]+$/)
    .optional()
    .describe('cursor: id of the last entry of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditList = page(auditEntry);
export type AuditListDto = z.infer<typeof auditList>;

export const auditRoutes = defineRoutes({
  'GET /api/audit': {
    tags: ['audit'],
    summary: "Browse and filter the append-only audit log of the actor's subtree (newest first)",
    query: auditQuery,
    response: auditList,
  },
});
