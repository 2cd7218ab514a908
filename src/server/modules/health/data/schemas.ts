/** The health datasets' legal basis, purpose and retention (BRIEF §8), shared by the server and the console. */
import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';

export const datasetKey = z.enum(['checkins', 'tests', 'measures']);
export const retentionAction = z.enum(['purge', 'deidentify']);

export const dataset = z.object({
  key: datasetKey,
  label: z.string(),
  legalBasis: z.string(),
  purpose: z.string(),
  retentionDays: z.number().int().describe("days after the person's last measure ended"),
  action: retentionAction.describe('purge: delete the rows; deidentify: keep them without the person'),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type DatasetDto = z.infer<typeof dataset>;

export const uploadsDataset = z
  .object({
    retentionHours: z.number().int().describe('UPLOAD_RETENTION_HOURS: the operator sets it'),
    kept: z.number().int().describe("the district's uploaded files not yet deleted"),
    oldestAt: z.string().nullable(),
  })
  .describe('uploaded ledger files (full ID numbers): deleted when their import ends, at the latest after retentionHours');
export const datasetList = z.object({ items: z.array(dataset), uploads: uploadsDataset });
export type DatasetListDto = z.infer<typeof datasetList>;

export const updateDataset = z.object({
  retentionDays: z.number().int().min(1).max(3650),
  action: retentionAction.optional(),
  reason: z.string().trim().min(4).max(500).describe('why the retention changes (kept in the audit log)'),
});

const tags = ['health data'];

export const healthDataRoutes = defineRoutes({
  'GET /api/health-data/datasets': {
    tags,
    summary: 'The health datasets with their legal basis, purpose, retention and what happens after it',
    response: datasetList,
  },
  'PATCH /api/health-data/datasets/:key': {
    tags,
    summary: 'Change a retention period or action, with a reason (audited with the values before and after)',
    params: z.object({ key: datasetKey }),
    body: updateDataset,
    response: dataset,
  },
});
