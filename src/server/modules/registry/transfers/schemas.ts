/** Transfers: a person registered in one grid asked for by another. */
import { z } from 'zod';
import { areaId } from '../../../kernel/schemas.js';
import { documentType, person } from '../persons/index.js';

export const requestTransfer = z.object({
  docType: documentType,
  docNumber: z.string().min(1).max(40),
  toGridId: areaId,
  reason: z
    .string()
    .trim()
    .min(2)
    .max(500)
    .describe('why the person belongs in the requesting grid now (e.g. moved in, rents here)'),
});

export const transferStatus = z.enum(['pending', 'approved', 'rejected', 'cancelled']);

export const transfer = z.object({
  id: z.uuid(),
  status: transferStatus,
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  toGrid: z.object({ id: z.string(), name: z.string() }),
  /** Only approvers (and the requester, once approved) see who the person is and where from. */
  fromGrid: z.object({ id: z.string(), name: z.string() }).nullable(),
  person: person.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type TransferDto = z.infer<typeof transfer>;

export const transferQuery = z.object({
  status: transferStatus.optional(),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const transferList = z.object({ items: z.array(transfer), nextCursor: z.string().nullable() });
export const decide = z.object({ note: z.string().trim().max(500).optional() });
