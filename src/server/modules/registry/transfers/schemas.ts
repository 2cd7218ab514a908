/** Transfers: a person registered in one grid asked for by another. */
import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';
import { areaId, idParams, page } from '../../../kernel/schemas.js';
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
export const transferList = page(transfer);
export type TransferListDto = z.infer<typeof transferList>;
export const decide = z.object({ note: z.string().trim().max(500).optional() });

const tags = ['transfers'];

export const transferRoutes = defineRoutes({
  'POST /api/transfers': {
    tags,
    summary: 'Ask for a person registered elsewhere in the district to be moved to one of your grids',
    body: requestTransfer,
    status: 201,
    response: transfer,
  },
  'GET /api/transfers': {
    tags,
    summary: 'Transfers one asked for, and those waiting for one as approver (staff of the common parent area)',
    query: transferQuery,
    response: transferList,
  },
  'POST /api/transfers/:id/approve': {
    tags,
    summary: 'Approve: the person moves to the requesting grid',
    params: idParams,
    body: decide,
    response: transfer,
  },
  'POST /api/transfers/:id/reject': {
    tags,
    summary: 'Reject the request',
    params: idParams,
    body: decide,
    response: transfer,
  },
});
