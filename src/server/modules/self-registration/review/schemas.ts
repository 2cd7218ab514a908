/** The self-registration review queue, decisions and figures: shared by the server and the console. */
import { z } from 'zod';
import { MEASURES } from '../../../../domain/health.js';
import { DOCUMENT_TYPES } from '../../../../domain/id-number.js';
import { LIVING_TYPES, QUEUE_FILTERS, RELATIONSHIPS } from '../../../../domain/self-registration.js';
import { defineRoutes } from '../../../http/contract.js';
import { areaId, idParams, page } from '../../../kernel/schemas.js';
import { measureDto } from '../../health/measures/index.js';
import { trip } from '../intake/index.js';

export const queueQuery = z.object({
  filter: z
    .enum(QUEUE_FILTERS)
    .default('new')
    .describe('new; conflicts, category, fever and waiting (> 24 h) are among the new ones'),
  areaId: areaId.optional(),
  codeId: z.uuid().optional(),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const submissionStatus = z.enum(['new', 'accepted', 'rejected']);

export const queueItem = z.object({
  id: z.uuid(),
  status: submissionStatus,
  version: z.number().int(),
  code: z.object({ id: z.uuid(), placeName: z.string() }),
  area: z.object({ id: z.string(), name: z.string() }),
  place: z
    .string()
    .nullable()
    .describe(
      "the dwelling (masked to building level outside the reviewer's grid) or the written address; null when hidden",
    ),
  listed: z.boolean().describe('false: the family wrote an address the reviewer must resolve to a dwelling'),
  headName: z.string().nullable().describe('masked by role; null when hidden'),
  members: z.number().int(),
  categoryMembers: z.number().int(),
  feverMembers: z.number().int(),
  conflictMembers: z.number().int(),
  changedAfterReview: z.boolean(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  waitingHours: z.number().describe('hours since submission while new; 0 once decided'),
});
export const queue = page(queueItem);
export type QueueDto = z.infer<typeof queue>;

const registryPerson = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  docNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  householdId: z.uuid().nullable(),
  gridName: z.string(),
});

export const proposal = z.object({
  categories: z.array(z.object({ key: z.string(), label: z.string() })),
  lastContact: z.string().nullable(),
  measure: z.enum(MEASURES),
  measureLabel: z.string(),
  start: z.string(),
  plannedEnd: z.string().nullable(),
  placed: z
    .object({ measureId: z.uuid(), measure: z.enum(MEASURES), plannedEnd: z.string().nullable() })
    .nullable()
    .describe('the measure the person is under now, if any'),
});

export const reviewMember = z.object({
  key: z.string(),
  name: z.string().nullable().describe('masked by role; null when hidden'),
  docType: z.enum(DOCUMENT_TYPES),
  docNumber: z.string().nullable().describe('masked by role; null when hidden'),
  phone: z.string().nullable(),
  gender: z.enum(['male', 'female']).nullable().describe('as written; only for documents that do not carry it'),
  birthDate: z.string().nullable().describe('as written, masked by role; only for documents that do not carry it'),
  relationship: z.enum(RELATIONSHIPS),
  hukouPlace: z.string().nullable(),
  localHukou: z.boolean(),
  health: z.object({ temperature: z.number(), symptoms: z.array(z.string()), fever: z.boolean() }).nullable(),
  match: z.object({
    by: z.enum(['document', 'name_phone']).nullable(),
    /** In the reviewer's area: the record side by side. */
    person: registryPerson.nullable(),
    /** Outside it: only that the person is registered elsewhere, nothing about them. */
    elsewhere: z.boolean(),
    conflicts: z.array(z.enum(['other_dwelling', 'phone_differs', 'name_differs', 'registered_elsewhere'])),
  }),
  registeredPersonId: z.uuid().nullable().describe('after acceptance: the registry record'),
  proposal: proposal.nullable(),
});

export const versionEntry = z.object({
  no: z.number().int(),
  createdAt: z.string(),
  channel: z.enum(['self', 'recovered']),
  changes: z
    .array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() }))
    .describe('against the previous version; personal values masked by role'),
});

export const submissionDetail = z.object({
  id: z.uuid(),
  status: submissionStatus,
  version: z.number().int(),
  familyCode: z.string(),
  code: z.object({ id: z.uuid(), placeName: z.string(), responsibleName: z.string() }),
  area: z.object({ id: z.string(), name: z.string() }),
  dwelling: z
    .object({
      id: z.uuid(),
      address: z.string().nullable().describe("to building level outside the reviewer's grid; null when hidden"),
    })
    .nullable(),
  courtyard: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  address: z.string().nullable(),
  livingType: z.enum(LIVING_TYPES),
  members: z.array(reviewMember),
  trips: z.array(trip),
  contacts: z.array(z.object({ member: z.string(), lastContact: z.string() })),
  versions: z.array(versionEntry).describe('oldest first'),
  householdId: z.uuid().nullable(),
  changedAfterReview: z.boolean(),
  decision: z
    .object({ by: z.string(), at: z.string(), version: z.number().int(), reason: z.string().nullable() })
    .nullable(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  masked: z.boolean().describe('personal values are masked for this reviewer'),
});
export type SubmissionDetail = z.infer<typeof submissionDetail>;

export const acceptBody = z.object({
  version: z.number().int().min(1).describe('the version reviewed; a newer one answers 409'),
  dwellingId: z
    .uuid()
    .optional()
    .describe('required when the family wrote an address; otherwise overrides the chosen dwelling'),
  householdId: z.uuid().optional().describe('merge: add the family to this existing household instead of creating one'),
  members: z
    .array(
      z.object({
        key: z.string(),
        action: z.enum(['create', 'link', 'skip']),
        personId: z.uuid().optional().describe('link: the registry person this member is'),
      }),
    )
    .max(20)
    .default([])
    .describe('per member; members not listed are linked to their match in the area, or created'),
  note: z.string().trim().max(500).optional(),
});
export const acceptResult = z.object({
  householdId: z.uuid(),
  persons: z.array(
    z.object({ key: z.string(), personId: z.uuid().nullable(), action: z.enum(['created', 'linked', 'skipped']) }),
  ),
  detail: submissionDetail,
});
export type AcceptResult = z.infer<typeof acceptResult>;

export const rejectBody = z.object({ version: z.number().int().min(1), reason: z.string().trim().min(2).max(500) });

export const placeBody = z.object({
  id: z.uuid().describe('client-generated id of the new measure'),
  memberKey: z.string(),
  siteId: z.uuid().optional(),
  roomId: z.uuid().optional(),
  bed: z.string().trim().min(1).max(30).optional(),
});

export const figuresQuery = z.object({ areaId: areaId.optional(), day: z.iso.date().optional() });
const dayFigures = z.object({
  submissions: z.number().int(),
  persons: z.number().int(),
  proposed: z.number().int(),
  reviewed: z.number().int(),
  acceptedPersons: z.number().int(),
  edits: z.number().int(),
});
export const figures = z.object({
  day: z.string(),
  area: z.object({ id: z.string(), name: z.string() }),
  codesActive: z.number().int(),
  today: dayFigures,
  total: dayFigures.describe('from the first day up to and including the day'),
  reviewedShare: z.number().describe('total reviewed / total submissions, 0–1'),
  trend: z.array(dayFigures.extend({ day: z.string() })).describe('the 30 days up to the day'),
  children: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        submissions: z.number().int(),
        persons: z.number().int(),
        reviewed: z.number().int(),
        proposed: z.number().int(),
      }),
    )
    .describe('totals per child area'),
});
export type FiguresDto = z.infer<typeof figures>;

const tags = ['self-registration'];

/** The review queue of self-registered families, decisions, and the command center's figures. */
export const reviewRoutes = defineRoutes({
  'GET /api/reg-submissions': {
    tags,
    summary: 'The review queue of your area, with filters',
    query: queueQuery,
    response: queue,
  },
  'GET /api/reg-submissions/:id': {
    tags,
    summary: 'A submission beside the registry, with proposals and versions (masked by role; audited)',
    params: idParams,
    response: submissionDetail,
  },
  'POST /api/reg-submissions/:id/accept': {
    tags,
    summary: 'Accept (or merge into an existing household): the family enters the registry as self-registration',
    params: idParams,
    body: acceptBody,
    response: acceptResult,
  },
  'POST /api/reg-submissions/:id/reject': {
    tags,
    summary: 'Reject with a reason',
    params: idParams,
    body: rejectBody,
    response: submissionDetail,
  },
  'POST /api/reg-submissions/:id/place': {
    tags,
    summary: 'Place an accepted member under the measure their answers propose (rules in force today; audited)',
    params: idParams,
    body: placeBody,
    status: 201,
    response: measureDto,
  },
  'GET /api/reg-figures': {
    tags,
    summary:
      'Codes active, submissions, persons, share reviewed, persons proposed: per area and day, with a 30-day trend',
    query: figuresQuery,
    response: figures,
  },
});
