/** Key persons' health axes, measures, tests and work lists: shared by the server and the console. */
import { z } from 'zod';
import { MEASURES, STATUSES } from '../../../../domain/health.js';
import { defineRoutes } from '../../../http/contract.js';
import { idParams } from '../../../kernel/schemas.js';

const day = z.iso.date();
const reason = z.string().trim().min(2).max(500).describe('why (kept in the timeline and the audit log)');
export const measureKey = z.enum(MEASURES);
export const statusKey = z.enum(STATUSES);
const release = z.object({
  negativeTests: z.number().int(),
  hoursApart: z.number().int(),
  symptomFreeDays: z.number().int(),
});

export const blockerKey = z.enum(['period_not_complete', 'recent_symptoms', 'tests_missing', 'positive_test']);

export const measureDto = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  measure: measureKey,
  site: z.object({ id: z.string(), name: z.string() }).nullable(),
  room: z.object({ id: z.string(), label: z.string() }).nullable(),
  bed: z.string().nullable(),
  startDay: z.string(),
  plannedEnd: z
    .string()
    .nullable()
    .describe(
      'the release day the rules give (exclusive: under the measure until the day before); null while release depends on tests only',
    ),
  actualEnd: z.string().nullable(),
  endReason: z.enum(['released', 'changed', 'cancelled']).nullable(),
  previousId: z.string().nullable(),
  release,
  basis: z.array(z.string()).describe('ids of the rule versions that decided it'),
  categories: z.array(z.string()),
  status: statusKey,
  lastContact: z.string().nullable(),
});
export type MeasureDto = z.infer<typeof measureDto>;

export const profileDto = z.object({
  personId: z.string(),
  status: statusKey,
  statusSince: z.string().nullable(),
  categories: z.array(z.string()),
  lastContact: z.string().nullable(),
});

export const placeBody = z.object({
  id: z.uuid().describe('client-generated id of the new measure: sending it again returns the same measure'),
  day: day.optional().describe('the first day under the measure (default today; up to 30 days back, never ahead)'),
  categories: z
    .array(z.object({ key: z.string().max(40), lastContact: day.optional() }))
    .max(6)
    .default([]),
  status: statusKey.optional(),
  lastContact: day
    .optional()
    .describe('last unprotected contact with a case (close contacts count their period from it)'),
  siteId: z.uuid().optional(),
  roomId: z.uuid().optional(),
  bed: z.string().trim().min(1).max(30).optional(),
  reason: z.string().trim().max(500).optional(),
});

export const placeResult = z.object({ profile: profileDto, measure: measureDto });
export type PlaceResultDto = z.infer<typeof placeResult>;

export const extendBody = z.object({ plannedEnd: day, reason });
export const changeBody = z.object({
  id: z.uuid().describe('client-generated id of the measure that replaces this one'),
  measure: measureKey,
  siteId: z.uuid().optional(),
  roomId: z.uuid().optional(),
  bed: z.string().trim().min(1).max(30).optional(),
  plannedEnd: day.nullable().optional(),
  reason,
});
export const releaseBody = z.object({ reason });
export const checklistDto = z.object({
  day: z.string(),
  blockers: z.array(blockerKey),
  lastSymptomDay: z.string().nullable(),
  negativeTests: z.number().int(),
  plannedEnd: z.string().nullable(),
});

export const categoryBody = z.object({ key: z.string().max(40), from: day.optional(), lastContact: day.optional() });
export const endCategoryBody = z.object({ reason });
export const statusBody = z.object({ status: statusKey, reason, day: day.optional() });

export const testBody = z.object({
  id: z.uuid().describe('client-generated: sending it again returns the same record'),
  personId: z.uuid(),
  sampledAt: z.iso.datetime({ offset: true }),
  result: z.enum(['pending', 'negative', 'positive']),
  lab: z.string().trim().min(1).max(100).optional(),
});
export const testResultBody = z.object({ result: z.enum(['negative', 'positive']) });
export const testDto = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  sampledAt: z.string(),
  result: z.enum(['pending', 'negative', 'positive']),
  lab: z.string().nullable(),
  resultAt: z.string().nullable(),
});

export const WORK_LISTS = ['under', 'not_checked_in', 'symptomatic', 'ending', 'overdue'] as const;
export const workListQuery = z.object({
  list: z.enum(WORK_LISTS),
  areaId: z.string().regex(/^\d+$/).optional(),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const workItem = z.object({
  measureId: z.string(),
  personId: z.string(),
  name: z.string().nullable().describe('masked by role'),
  docNumber: z.string().nullable().describe('always masked in lists'),
  phone: z.string().nullable(),
  grid: z.object({ id: z.string(), name: z.string() }),
  measure: measureKey,
  startDay: z.string(),
  plannedEnd: z.string().nullable(),
  dayState: z
    .enum(['normal', 'symptomatic', 'not_reported', 'to_review'])
    .nullable()
    .describe('null: no check-in yet, and the cut-off has not passed'),
  temperature: z.number().nullable(),
  symptoms: z.array(z.string()),
  checklist: checklistDto.nullable().describe('for the ending list: what still stands between the person and release'),
});
export const workList = z.object({
  day: z.string(),
  cutOff: z.string(),
  items: z.array(workItem),
  nextCursor: z.string().nullable(),
});
export type WorkListDto = z.infer<typeof workList>;

export const timelineDto = z.object({
  person: z.object({
    id: z.string(),
    name: z.string().nullable(),
    docNumber: z.string().nullable(),
    phone: z.string().nullable(),
    grid: z.object({ id: z.string(), name: z.string() }),
  }),
  profile: profileDto,
  categories: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      from: z.string(),
      until: z.string().nullable(),
      lastContact: z.string().nullable(),
    }),
  ),
  measures: z.array(measureDto),
  tests: z.array(testDto),
  checkins: z.array(
    z.object({
      day: z.string(),
      temperature: z.number().nullable(),
      symptoms: z.array(z.string()),
      state: z.enum(['normal', 'symptomatic', 'to_review']),
      channel: z.string(),
      revisions: z.number().int(),
    }),
  ),
  events: z.array(
    z.object({
      at: z.string(),
      day: z.string(),
      kind: z.string(),
      details: z.record(z.string(), z.unknown()),
      reason: z.string().nullable(),
      actor: z.string().nullable(),
    }),
  ),
  checklist: checklistDto.nullable(),
});
export type TimelineDto = z.infer<typeof timelineDto>;
export type ChecklistDto = z.infer<typeof checklistDto>;
export type TestDto = z.infer<typeof testDto>;

const tags = ['key persons'];

export const measureRoutes = defineRoutes({
  'GET /api/health-persons/:id': {
    tags,
    summary: "Open a key person's health timeline (audited)",
    params: idParams,
    response: timelineDto,
  },
  'POST /api/health-persons/:id/placements': {
    tags,
    summary:
      'Record categories/status and place the person under the measure the rules in force that day give (strictest measure, longest period)',
    params: idParams,
    body: placeBody,
    status: 201,
    response: placeResult,
  },
  'POST /api/health-persons/:id/categories': {
    tags,
    summary: 'Add an exposure category',
    params: idParams,
    body: categoryBody,
    response: profileDto,
  },
  'POST /api/health-persons/:id/categories/:key/end': {
    tags,
    summary: 'End an exposure category (with a reason)',
    params: z.object({ id: z.uuid(), key: z.string().max(40) }),
    body: endCategoryBody,
    response: profileDto,
  },
  'POST /api/health-persons/:id/status': {
    tags,
    summary: 'Change the epidemiological status (with a reason)',
    params: idParams,
    body: statusBody,
    response: profileDto,
  },
  'GET /api/measures': {
    tags,
    summary: "Today's work list for the actor's area or a sub-area",
    query: workListQuery,
    response: workList,
  },
  'GET /api/measures/:id/checklist': {
    tags,
    summary: 'The release checklist today',
    params: idParams,
    response: checklistDto,
  },
  'POST /api/measures/:id/extend': {
    tags,
    summary: 'Extend the planned end (reason, audited)',
    params: idParams,
    body: extendBody,
    response: measureDto,
  },
  'POST /api/measures/:id/change': {
    tags,
    summary: 'Replace the measure by another from today (reason, audited)',
    params: idParams,
    body: changeBody,
    response: measureDto,
  },
  'POST /api/measures/:id/release': {
    tags,
    summary: 'Release when the checklist is clear (reason, audited)',
    params: idParams,
    body: releaseBody,
    response: measureDto,
  },
  'POST /api/nucleic-tests': {
    tags,
    summary: 'Record a nucleic-acid test of a key person',
    body: testBody,
    status: 201,
    response: testDto,
  },
  'POST /api/nucleic-tests/:id/result': {
    tags,
    summary: 'Enter the result of a pending test',
    params: idParams,
    body: testResultBody,
    response: testDto,
  },
});
