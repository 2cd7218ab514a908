/** Daily zero reports (日报告/零报告) per community, shared by the server and the console. */
import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';
import { areaId } from '../../../kernel/schemas.js';

const n = z.number().int();

export const reportCounts = z.object({
  under: z
    .object({
      home_isolation: n,
      home_medical_observation: n,
      central_isolation: n,
      designated_hospital: n,
      health_monitoring: n,
    })
    .describe('persons under each measure that day'),
  new: n.describe('measures started that day (not changes of an earlier measure)'),
  released: n.describe('measures released that day'),
  symptomatic: n.describe("that day's check-ins with fever or symptoms"),
  transferred: n.describe('transfers approved that day into or out of the community'),
});
export type ReportCounts = z.infer<typeof reportCounts>;

const ref = z.object({ id: z.string(), name: z.string() });
const community = ref.extend({ code: z.string() });

export const report = z.object({
  id: z.uuid(),
  community,
  street: ref,
  day: z.string(),
  counts: reportCounts,
  zero: z.boolean().describe('every count is zero'),
  notes: z.string().nullable(),
  late: z.boolean().describe('first filed after the cut-off (HEALTH_REPORT_CUTOFF, Asia/Shanghai)'),
  filedBy: z.string(),
  filedAt: z.string(),
  revisions: z.number().int(),
});
export type ReportDto = z.infer<typeof report>;

export const draftQuery = z.object({
  communityId: areaId,
  day: z.iso.date().optional().describe('default today (Asia/Shanghai)'),
});
export const draft = z.object({
  community,
  day: z.string(),
  counts: reportCounts,
  zero: z.boolean(),
  report: report.nullable().describe('the report already filed for that day, if any'),
});

export const fileReport = z.object({
  id: z.uuid().describe('chosen by the client: sending the same id again returns the report filed with it'),
  communityId: areaId,
  day: z.iso.date().describe('today or yesterday (Asia/Shanghai)'),
  notes: z.string().trim().max(2000).nullable().optional(),
});

export const listQuery = z.object({
  day: z.iso.date().optional().describe('default today'),
  areaId: areaId.optional().describe('default the whole scope'),
});
export const reportList = z.object({ day: z.string(), items: z.array(report) });
export type ReportListDto = z.infer<typeof reportList>;

export const missingList = z.object({
  day: z.string(),
  cutoff: z.string().describe('HH:MM, Asia/Shanghai'),
  pastCutoff: z.boolean(),
  items: z.array(z.object({ community, street: ref })),
});
export type MissingListDto = z.infer<typeof missingList>;
export type DraftDto = z.infer<typeof draft>;

const tags = ['daily reports'];

export const dailyReportRoutes = defineRoutes({
  'GET /api/daily-reports/draft': {
    tags,
    summary: "The figures a community's report for a day would carry, derived from the day's records",
    query: draftQuery,
    response: draft,
  },
  'POST /api/daily-reports': {
    tags,
    summary:
      "File the community's report for today or yesterday (201); the same id again returns it (200); another filing for the same day revises it (200, audited)",
    body: fileReport,
    status: [200, 201],
    response: report,
  },
  'GET /api/daily-reports': {
    tags,
    summary: 'Reports filed for a day in the scope (or an area of it)',
    query: listQuery,
    response: reportList,
  },
  'GET /api/daily-reports/missing': {
    tags,
    summary: 'Communities in the scope (or an area of it) without a report for the day, with their street',
    query: listQuery,
    response: missingList,
  },
});
