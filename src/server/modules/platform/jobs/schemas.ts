import { z } from 'zod';

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
export const jobList = z.object({ items: z.array(job), nextCursor: z.string().nullable() });
