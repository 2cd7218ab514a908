/** The in-app alert inbox. */
import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';
import { idParams } from '../../../kernel/schemas.js';

const kind = z.enum(['symptomatic', 'not_reported', 'period_ending', 'overdue_release', 'report_missing']);
export const alertState = z.enum(['new', 'acknowledged', 'handled']);

export const alertDto = z.object({
  id: z.string(),
  kind,
  day: z.string(),
  state: alertState,
  level: z
    .number()
    .int()
    .describe(
      '0: grid worker and medical officers; 1: escalated to community (or street) staff; 2: to street (or district) staff',
    ),
  createdAt: z.string(),
  area: z.object({ id: z.string(), name: z.string() }),
  person: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  details: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  handledAt: z.string().nullable(),
  handledBy: z.string().nullable(),
});
export type AlertDto = z.infer<typeof alertDto>;

export const inboxQuery = z.object({
  state: z.enum(['open', 'new', 'acknowledged', 'handled', 'all']).default('open'),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const inbox = z.object({
  counts: z.object({ new: z.number().int(), acknowledged: z.number().int() }),
  items: z.array(alertDto),
  nextCursor: z.string().nullable(),
});
export type InboxDto = z.infer<typeof inbox>;

const stateDto = z.object({ id: z.string(), state: alertState });

const tags = ['alerts'];

export const alertRoutes = defineRoutes({
  'GET /api/alerts': {
    tags,
    summary: "The signed-in user's alert inbox, newest first",
    query: inboxQuery,
    response: inbox,
  },
  'POST /api/alerts/:id/acknowledge': {
    tags,
    summary: 'Acknowledge an alert (seen, being dealt with)',
    params: idParams,
    response: stateDto,
  },
  'POST /api/alerts/:id/handle': {
    tags,
    summary: 'Mark an alert handled, saying what was done (stops its escalation)',
    params: idParams,
    body: z.object({ note: z.string().trim().min(2).max(1000) }),
    response: stateDto,
  },
});
