/**
 * The command center's figures: an area's counters summed over its subtree, and each
 * child's for drill-down (health figures are the health context's).
 */
export { dashboardPlugin } from './routes.js';
export { dashboardRoutes, type DashboardDto } from './schemas.js';
