/** Daily check-ins: staff entries, personal links and the public page behind them. */
import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';
import { idParams } from '../../../kernel/schemas.js';

const temperature = z.number().nullable().describe('°C, one decimal, 34.0–42.5; null when it could not be taken');
const symptoms = z.array(z.string().max(20)).max(12).default([]);

export const staffCheckin = z.object({
  id: z.uuid().describe('client-generated: the same submission twice changes nothing'),
  personId: z.uuid(),
  day: z.iso.date().optional(),
  temperature,
  symptoms,
  needsReview: z.boolean().optional(),
  channel: z.enum(['staff_visit', 'staff_call']),
});

export const savedCheckin = z.object({
  personId: z.string(),
  day: z.string(),
  temperature: z.number().nullable(),
  symptoms: z.array(z.string()),
  state: z.enum(['normal', 'symptomatic', 'to_review']),
  revisions: z.number().int(),
  amended: z.boolean(),
});

export const newLink = z.object({ scope: z.enum(['person', 'household']).default('person') });

export const checkinLink = z.object({
  id: z.string(),
  scope: z.enum(['person', 'household']),
  path: z.string(),
  url: z.string().nullable().describe('PUBLIC_URL + path; null when PUBLIC_URL is not configured'),
  token: z.string(),
  expiresAt: z.string(),
  qrSvg: z.string(),
});

export const linkSummary = z.object({
  id: z.string(),
  scope: z.enum(['person', 'household']),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
});
export const linkList = z.object({ items: z.array(linkSummary) });
export const revokeLink = z.object({
  reason: z.string().trim().min(2).max(500).describe('why the link stops working (kept in the audit log)'),
});

export const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32}$/) });

export const publicView = z.object({
  day: z.string(),
  cutOff: z.string(),
  scope: z.enum(['person', 'household']),
  symptoms: z.array(z.string()),
  people: z.array(
    z.object({
      personId: z.string(),
      name: z.string().nullable().describe('masked'),
      relationship: z.string().nullable(),
      measure: z.string(),
      measureLabel: z.string(),
      plannedEnd: z.string().nullable(),
      self: z.boolean(),
      today: z
        .object({ temperature: z.number().nullable(), symptoms: z.array(z.string()), state: z.string() })
        .nullable(),
    }),
  ),
});

export const publicSubmission = z.object({
  submissionId: z.uuid(),
  entries: z
    .array(z.object({ personId: z.uuid(), temperature, symptoms }))
    .min(1)
    .max(20),
});

export const publicSaved = z.object({
  day: z.string(),
  saved: z.array(z.object({ personId: z.string(), state: z.string(), amended: z.boolean() })),
});

export type CheckinLinkDto = z.infer<typeof checkinLink>;
export type LinkSummaryDto = z.infer<typeof linkSummary>;
export type PublicViewDto = z.infer<typeof publicView>;
export type PublicSavedDto = z.infer<typeof publicSaved>;

const tags = ['check-ins'];

export const checkinRoutes = defineRoutes({
  'POST /api/checkins': {
    tags,
    summary: "Enter a key person's check-in after a visit or call (a second one the same day amends it)",
    body: staffCheckin,
    response: savedCheckin,
  },
  'POST /api/health-persons/:id/checkin-links': {
    tags,
    summary: 'Issue a check-in link (and QR code) for the person, or for the household they head',
    params: idParams,
    body: newLink,
    status: 201,
    response: checkinLink,
  },
  'GET /api/health-persons/:id/checkin-links': {
    tags,
    summary: "The person's check-in links, newest first (never their tokens)",
    params: idParams,
    response: linkList,
  },
  'POST /api/checkin-links/:id/revoke': {
    tags,
    summary: 'Revoke a check-in link for good (reason, audited); revoking a revoked link changes nothing',
    params: idParams,
    body: revokeLink,
    response: linkSummary,
  },
  'GET /api/public/checkin/:token': {
    tags,
    summary: 'Who this link reports for today (masked names)',
    public: true,
    params: tokenParams,
    response: publicView,
  },
  'POST /api/public/checkin/:token': {
    tags,
    summary: "Report today's temperature and symptoms for the people of this link",
    public: true,
    csrf: false,
    params: tokenParams,
    body: publicSubmission,
    response: publicSaved,
  },
});
