/** Person schemas, shared by the server and the console. */
import { z } from 'zod';
import { DOCUMENT_TYPES } from '../../../../domain/id-number.js';
import { PERSONAL_FIELDS } from '../../../../domain/masking.js';
import { defineRoutes } from '../../../http/contract.js';
import { areaId, idParams, personName } from '../../../kernel/schemas.js';

export const documentType = z.enum(DOCUMENT_TYPES);
export const populationType = z.enum(['registered', 'floating', 'overseas']);
export const personalField = z.enum(PERSONAL_FIELDS);
const day = z.iso.date();

export const createPerson = z.object({
  id: z.uuid().optional().describe('client-generated id: sending the same person twice creates it once'),
  gridId: areaId,
  name: personName(),
  docType: documentType,
  docNumber: z.string().min(1).max(40),
  phone: z.string().max(40).nullable().optional(),
  gender: z
    .enum(['male', 'female'])
    .nullable()
    .optional()
    .describe('derived from the document number when it carries it'),
  birthDate: day.nullable().optional().describe('derived from the document number when it carries it'),
  populationType: populationType.default('registered'),
  hukouPlace: z.string().trim().max(200).nullable().optional(),
  workUnit: z.string().trim().max(200).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
});

export const person = z.object({
  id: z.uuid(),
  grid: z.object({ id: z.string(), name: z.string() }),
  /** Values the actor's role sees masked ("张*明") or not at all (null) say so here. */
  name: z.string().nullable(),
  docType: documentType,
  docNumber: z.string().nullable(),
  phone: z.string().nullable(),
  gender: z.enum(['male', 'female']).nullable(),
  birthDate: z.string().nullable(),
  populationType,
  hukouPlace: z.string().nullable(),
  workUnit: z.string().nullable(),
  tags: z.array(z.string()),
  masked: z.array(personalField).describe('fields shown masked or hidden for this role'),
  createdAt: z.string(),
});
export type PersonDto = z.infer<typeof person>;

export const createdPerson = person.extend({ warnings: z.array(z.string()) });
export type CreatedPersonDto = z.infer<typeof createdPerson>;

export const personSearch = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .describe('name fragment (1–3 Chinese characters anywhere), document number, mobile number or its last 4 digits'),
  by: z
    .enum(['auto', 'address'])
    .default('auto')
    .describe('address: match the words of q against the courtyard, building, unit and room where persons live now'),
  gridId: areaId.optional(),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const personList = z.object({
  items: z.array(person),
  nextCursor: z.string().nullable(),
  matchedBy: z.enum(['name', 'document', 'phone', 'phone_tail', 'address']),
});
export type PersonListDto = z.infer<typeof personList>;

export const reveal = z.object({
  fields: z.array(personalField).min(1).max(5),
  reason: z.string().trim().min(4).max(200).describe('why the full value is needed; kept in the audit log'),
});
export const revealed = z.object({ id: z.uuid(), values: z.record(z.string(), z.string().nullable()) });
export type RevealedDto = z.infer<typeof revealed>;

export const updatePerson = z.object({
  name: personName().optional(),
  phone: z.string().max(40).nullable().optional(),
  populationType: populationType.optional(),
  hukouPlace: z.string().trim().max(200).nullable().optional(),
  workUnit: z.string().trim().max(200).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).optional(),
});

export const documentLookup = z.object({ docType: documentType, docNumber: z.string().min(1).max(40) });
export const documentLookupAnswer = z.object({
  known: z
    .enum(['in_scope', 'in_district'])
    .nullable()
    .describe('in_scope: the record is yours (personId); in_district: elsewhere in your district (ask for a transfer)'),
  personId: z.uuid().nullable(),
  knownInAnotherDistrict: z
    .boolean()
    .describe('a live record holds the document in another district of this database; nothing more is said about it'),
});
export type DocumentLookupDto = z.infer<typeof documentLookupAnswer>;

export const mergePersons = z.object({
  duplicateId: z.uuid().describe('the record to fold into this one; it stays, marked as merged, with its history'),
  reason: z.string().trim().min(2).max(500),
});

const tags = ['persons'];

export const personRoutes = defineRoutes({
  'GET /api/persons': {
    tags,
    summary:
      'Search persons in the scope by name fragment, document number, mobile or its last 4 digits (masked by role)',
    query: personSearch,
    response: personList,
  },
  'GET /api/persons/:id': { tags, summary: 'One person, masked by role', params: idParams, response: person },
  'POST /api/persons/document-lookup': {
    tags,
    summary:
      'Where a document is known: in your scope, elsewhere in your district, or in another district (only that; audited)',
    body: documentLookup,
    response: documentLookupAnswer,
  },
  'POST /api/persons': {
    tags,
    summary: 'Register a person (one record per document in the district)',
    body: createPerson,
    status: 201,
    response: createdPerson,
  },
  'PATCH /api/persons/:id': {
    tags,
    summary: "Correct a person's record (the document changes only by a merge)",
    params: idParams,
    body: updatePerson,
    response: person,
  },
  'POST /api/persons/:id/merge': {
    tags,
    summary: 'Fold a duplicate record of the same person into this one, keeping history',
    params: idParams,
    body: mergePersons,
    response: person,
  },
  'POST /api/persons/:id/reveal': {
    tags,
    summary: 'Reveal masked fields with a reason (audited)',
    params: idParams,
    body: reveal,
    response: revealed,
  },
});
