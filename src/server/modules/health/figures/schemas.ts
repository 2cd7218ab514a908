/** The command center's key-population figures per area and day. */
import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';

export const figures = z.object({
  under: z.number().int(),
  byMeasure: z.record(z.string(), z.number().int()),
  new: z.number().int(),
  released: z.number().int(),
  symptomatic: z.number().int(),
  checkedIn: z.number().int(),
  notReported: z.number().int().describe('today: counted once the cut-off has passed'),
  reportsMissing: z.number().int().describe('communities without a daily report'),
});
const areaRef = z.object({ id: z.string(), name: z.string(), level: z.string() });
const areaId = z.string().regex(/^\d+$/).optional();

export const areaFigures = z.object({
  day: z.string(),
  live: z.boolean(),
  cutOff: z.string(),
  area: areaRef,
  figures,
  children: z.array(areaRef.extend({ figures })),
});

export const trend = z.object({ area: areaRef, days: z.array(figures.extend({ day: z.string() })) });

export type AreaFiguresDto = z.infer<typeof areaFigures>;
export type TrendDto = z.infer<typeof trend>;

const tags = ['command center'];

export const healthFigureRoutes = defineRoutes({
  'GET /api/health-figures': {
    tags,
    summary: 'Key-population figures of an area on a day, and per child area (drill-down)',
    query: z.object({ areaId, day: z.iso.date().optional() }),
    response: areaFigures,
  },
  'GET /api/health-figures/trend': {
    tags,
    summary: 'The same figures day by day (default the last 30 days, today last)',
    query: z.object({ areaId, days: z.coerce.number().int().min(2).max(90).default(30) }),
    response: trend,
  },
});
