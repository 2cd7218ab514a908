import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';
import { idParams, page } from '../../../kernel/schemas.js';

export const jobStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);

export const job = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: jobStatus,
  progress: z.number().int(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  cancelRequested: z.boolean(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.record(z.string(), z.unknown()).nullable(),
  runAt: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobDto = z.infer<typeof job>;

export const jobListQuery = z.object({
  status: jobStatus.optional(),
  kind: z.string().max(100).optional(),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const jobList = page(job);

const tags = ['jobs'];

export const jobRoutes = defineRoutes({
  'GET /api/jobs': {
    tags,
    summary: "Background jobs: one's own and those of one's area subtree",
    query: jobListQuery,
    response: jobList,
  },
  'GET /api/jobs/:id': {
    tags,
    summary: 'A job with its progress, result or error report',
    params: idParams,
    response: job,
  },
  'POST /api/jobs/:id/cancel': {
    tags,
    summary: 'Cancel a queued job, or ask a running one to stop',
    params: idParams,
    response: job,
  },
});
