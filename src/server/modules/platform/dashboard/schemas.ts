import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';
import { area } from '../areas/index.js';

export const figures = z.record(z.string(), z.number());

export const dashboard = z.object({
  area: area.pick({ id: true, name: true, level: true, code: true }),
  ancestors: z.array(area.pick({ id: true, name: true, level: true })),
  figures,
  children: z.array(area.pick({ id: true, name: true, level: true, code: true }).extend({ figures })),
  metrics: z.array(z.string()).describe('metric keys, e.g. areas.street, areas.community, areas.grid, users.active'),
});
export type DashboardDto = z.infer<typeof dashboard>;

export const dashboardQuery = z.object({
  areaId: z
    .string()
    .regex(/^[1-9][0-9]*$/)
    .optional(),
});

export const dashboardRoutes = defineRoutes({
  'GET /api/dashboard': {
    tags: ['dashboard'],
    summary: 'Command-center figures of an area (default: scope root) and of each child',
    query: dashboardQuery,
    response: dashboard,
  },
});
