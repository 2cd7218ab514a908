/**
 * QR family self-registration: the family form, the public (token-scoped) endpoints'
 * bodies and answers. Shared by the server and the console; the phone page uses the
 * same rules from src/domain/self-registration.ts without zod, to stay light.
 */
import { z } from 'zod';
import { DOCUMENT_TYPES } from '../../../../domain/id-number.js';
import {
  CODE_PURPOSES,
  isStrongSecret,
  LIVING_TYPES,
  RELATIONSHIPS,
  TRANSPORTS,
} from '../../../../domain/self-registration.js';
import { defineRoutes } from '../../../http/contract.js';

const day = z.iso.date();
const text = (max: number) => z.string().trim().max(max);

export const formMember = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z0-9_-]{4,40}$/)
    .describe('client-generated, stable across versions'),
  name: z.string().max(30),
  docType: z.enum(DOCUMENT_TYPES),
  docNumber: z.string().max(40),
  phone: z.string().max(40).nullable().optional(),
  relationship: z.enum(RELATIONSHIPS),
  hukouPlace: text(100).nullable().optional().describe('户籍地'),
  localHukou: z.boolean().describe('是否本地户籍 (Chengdu)'),
  gender: z
    .enum(['male', 'female'])
    .nullable()
    .optional()
    .describe(
      'required when the document does not carry it (passport, other, foreign permanent-residence card); ignored otherwise',
    ),
  birthDate: day
    .nullable()
    .optional()
    .describe('required when the document does not carry it (passport, other); ignored otherwise'),
  health: z
    .object({ temperature: z.number(), symptoms: z.array(z.string().max(20)).max(12) })
    .nullable()
    .optional()
    .describe(
      'only for members whose answers put them in a category (or everyone, when the code asks everyone); dropped otherwise',
    ),
});

export const trip = z.object({
  place: z.string().max(20),
  otherPlace: text(50).nullable().optional(),
  returnDate: day,
  transport: z.enum(TRANSPORTS),
  transportNo: text(30).nullable().optional().describe('车次/航班/车牌'),
  members: z.array(z.string().max(40)).min(1).max(20),
});

export const familyForm = z.object({
  dwellingId: z.uuid().nullable().optional(),
  courtyardId: z.uuid().nullable().optional(),
  address: text(200)
    .nullable()
    .optional()
    .describe('when the dwelling is not listed: the full address, for the grid worker to resolve'),
  livingType: z.enum(LIVING_TYPES),
  members: z.array(formMember).min(1).max(20),
  trips: z.array(trip).max(10).default([]),
  contacts: z
    .array(z.object({ member: z.string().max(40), lastContact: day }))
    .max(20)
    .default([]),
});
export type FamilyFormBody = z.infer<typeof familyForm>;

export const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/) });
export const editTokenParam = z.object({ editToken: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/) });

const criteria = z.union([
  z.object({
    kind: z.literal('travel'),
    places: z.array(z.string()),
    withinDays: z.number().int(),
    who: z.enum(['local', 'non_local', 'any']),
  }),
  z.object({ kind: z.literal('contact'), withinDays: z.number().int() }),
]);

/** What the phone page needs to draw the form for a code. */
export const codeView = z.object({
  purpose: z.enum(CODE_PURPOSES),
  place: z.object({
    name: z.string().describe('e.g. 柏合街道 东华村 第一网格 (or the courtyard)'),
    level: z.enum(['community', 'grid', 'courtyard']),
  }),
  responsible: z.object({ name: z.string(), phone: z.string() }),
  expiresAt: z.string(),
  today: z.string(),
  askEveryone: z.boolean(),
  courtyards: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string() })),
  categories: z
    .array(z.object({ key: z.string(), label: z.string(), criteria }))
    .describe('the exposure categories in force today that answers can put a person in'),
  places: z.array(z.string()),
  symptoms: z.array(z.string()),
});
export type CodeView = z.infer<typeof codeView>;

const room = z.object({ id: z.uuid(), room: z.string() });
export const dwellingTree = z.object({
  courtyardId: z.uuid(),
  buildings: z.array(
    z.object({
      id: z.uuid(),
      label: z.string(),
      units: z.array(z.object({ id: z.uuid(), label: z.string(), rooms: z.array(room) })),
      rooms: z.array(room).describe('rooms with no unit'),
    }),
  ),
  rooms: z.array(room).describe('rooms with no building (rural 散居院落)'),
});
export type DwellingTree = z.infer<typeof dwellingTree>;

export const submitBody = z.object({
  id: z.uuid().describe('client-generated submission id: retries and double taps store one submission'),
  editToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,64}$/)
    .refine(isStrongSecret, { message: 'weak_secret' })
    .describe(
      'client-generated secret (≥ 32 random base64url characters): the personal edit link; the server keeps only its hash',
    ),
  form: familyForm,
});
export const submitted = z.object({
  submissionId: z.uuid(),
  version: z.number().int(),
  familyCode: z.string().describe('8 characters; with a phone number of the family it recovers the edit link'),
  editPath: z.string().describe('/m/reg/e/<editToken>'),
  status: z.enum(['new', 'accepted', 'rejected']),
});
export type Submitted = z.infer<typeof submitted>;
/** A correction's answer: the new version (no new edit link). */
export const savedVersion = submitted.omit({ editPath: true });
export type SavedVersion = z.infer<typeof savedVersion>;

export const editView = z.object({
  submissionId: z.uuid(),
  version: z.number().int(),
  status: z.enum(['new', 'accepted', 'rejected']),
  familyCode: z.string(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  code: codeView,
  form: familyForm,
});
export type EditView = z.infer<typeof editView>;

export const editBody = z.object({
  id: z.uuid().describe('client-generated id of this version: a retry stores it once'),
  baseVersion: z
    .number()
    .int()
    .min(1)
    .describe('the version the edit started from; a newer one on the server answers 409'),
  form: familyForm,
});

export const recoverBody = z.object({
  familyCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[2-9A-HJKMNP-Z]{8}$/),
  phone: z.string().max(40),
});
export const recovered = z.object({ editToken: z.string(), editPath: z.string() });
export type Recovered = z.infer<typeof recovered>;

const tags = ['self-registration (public)'];
const courtyardParam = { courtyardId: z.uuid() };

/**
 * The residents' side, without an account: token-scoped reads and writes. Rate limited
 * per client address and, for the first submission, per code; bodies capped (routes.ts).
 * No answer here ever lists a person.
 */
export const publicRegistrationRoutes = defineRoutes({
  'GET /api/public/reg/:token': {
    tags,
    summary: 'What the phone page needs for a code: place, courtyards, categories in force, symptoms',
    public: true,
    params: tokenParam,
    response: codeView,
  },
  'GET /api/public/reg/:token/courtyards/:courtyardId': {
    tags,
    summary: "Buildings, units and rooms of one courtyard in the code's scope",
    public: true,
    params: tokenParam.extend(courtyardParam),
    response: dwellingTree,
  },
  'POST /api/public/reg/:token/submissions': {
    tags,
    summary: "Submit a family's registration (idempotent by the client-generated id)",
    public: true,
    csrf: false,
    // One read, then one statement that writes the family with its audit row (see submit.ts).
    atomicStatement: true,
    params: tokenParam,
    body: submitBody,
    status: [200, 201],
    response: submitted,
  },
  'GET /api/public/reg-edit/:editToken': {
    tags,
    summary: "The family's registration behind its personal edit link",
    public: true,
    params: editTokenParam,
    response: editView,
  },
  'GET /api/public/reg-edit/:editToken/courtyards/:courtyardId': {
    tags,
    summary: "Buildings, units and rooms of a courtyard in the scope of the family's code",
    public: true,
    params: editTokenParam.extend(courtyardParam),
    response: dwellingTree,
  },
  'POST /api/public/reg-edit/:editToken/versions': {
    tags,
    summary: 'Correct the registration: a new version (nothing is overwritten)',
    public: true,
    csrf: false,
    params: editTokenParam,
    body: editBody,
    response: savedVersion,
  },
  'POST /api/public/reg-recover': {
    tags,
    summary: 'Family code + a phone number of the family: a new edit link (the old one stops working)',
    public: true,
    csrf: false,
    body: recoverBody,
    response: recovered,
  },
});
