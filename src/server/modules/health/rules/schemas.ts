/** Exposure categories and the measure rule table, shared by the server and the console. */
import { z } from 'zod';
import { MEASURES, STATUSES } from '../../../../domain/health.js';
import { defineRoutes } from '../../../http/contract.js';
import { nameText } from '../../../kernel/schemas.js';

const day = z.iso.date();
export const measure = z.enum(MEASURES);

export const rule = z.object({
  id: z.string(),
  appliesTo: z.string().describe('a category key, or status:<status>'),
  measure,
  days: z.number().int().describe('0: the end depends on tests only'),
  fromLastContact: z.boolean(),
  release: z.object({
    negativeTests: z.number().int(),
    hoursApart: z.number().int(),
    symptomFreeDays: z.number().int(),
  }),
  effectiveFrom: z.string(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

export const category = z.object({
  key: z.string(),
  label: z.string(),
  from: z.string(),
  until: z.string().nullable(),
});

export const inForce = z.object({ day: z.string(), categories: z.array(category), rules: z.array(rule) });
export type InForceDto = z.infer<typeof inForce>;
export type RuleDto = z.infer<typeof rule>;

export const newRule = z.object({
  appliesTo: z.string().regex(/^(status:)?[a-z][a-z0-9_]{1,39}$/, 'format'),
  measure,
  days: z.number().int().min(0).max(90),
  fromLastContact: z.boolean().default(false),
  negativeTests: z.number().int().min(0).max(5).default(0),
  hoursApart: z.number().int().min(0).max(168).default(24),
  symptomFreeDays: z.number().int().min(0).max(30).default(0),
  effectiveFrom: day.describe('today or later: rules never change the past'),
  note: z.string().trim().min(4).max(500).describe('why the rule changes (e.g. the notice it follows)'),
});

export const preview = z.object({
  day,
  categories: z.array(z.string()).max(10),
  status: z.enum(STATUSES).default('none'),
  lastContact: day.nullable().optional(),
});

export const placementDto = z.object({
  measure,
  start: z.string(),
  plannedEnd: z.string().nullable(),
  release: z.object({
    negativeTests: z.number().int(),
    hoursApart: z.number().int(),
    symptomFreeDays: z.number().int(),
  }),
  basis: z.array(z.string()).describe('ids of the rule versions that decided it'),
});

const note = z.string().trim().min(4).max(500).describe('why (e.g. the notice it follows)');
export const newCategory = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'format')
    .describe('stable code, e.g. from_key_areas'),
  label: nameText({ min: 1, max: 50 }),
  from: day.describe('today or later'),
  until: day.nullable().optional().describe('first day it no longer applies'),
  note,
});
export const endCategory = z.object({ until: day.describe('first day it no longer applies: today or later'), note });

const tags = ['health rules'];

export const healthRuleRoutes = defineRoutes({
  'GET /api/health-rules': {
    tags,
    summary: 'Exposure categories and measure rules in force on a day (default today, Asia/Shanghai)',
    query: z.object({ day: day.optional() }),
    response: inForce,
  },
  'GET /api/health-rules/history': {
    tags,
    summary: "A rule's versions, oldest first",
    query: z.object({ appliesTo: z.string().max(50) }),
    response: z.object({ items: z.array(rule) }),
  },
  'POST /api/health-rules': {
    tags,
    summary: 'Add a version of a rule, effective today or later (district staff; audited)',
    body: newRule,
    status: 201,
    response: rule,
  },
  'POST /api/health-rules/preview': {
    tags,
    summary: 'The measure and planned end the rules in force on a day give for these categories and status',
    body: preview,
    response: placementDto.nullable(),
  },
  'POST /api/health-rules/categories': {
    tags,
    summary: 'Add an exposure category, in force from today or later (district staff; audited)',
    body: newCategory,
    status: 201,
    response: category,
  },
  'POST /api/health-rules/categories/:key/end': {
    tags,
    summary: 'End an exposure category from today or later (district staff; audited)',
    params: z.object({ key: z.string().max(40) }),
    body: endCategory,
    response: category,
  },
});
