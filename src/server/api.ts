/**
 * The whole API contract: every module's route map, merged. The server registers each
 * map with its handlers (a module's plugin); the console and the phone pages import
 * the type `Api` only, and derive their client's paths, parameters and results from it.
 */
// platform
// registry
import { personRoutes } from './modules/registry/persons/index.js';
// health
import { alertRoutes } from './modules/health/alerts/index.js';
import { careSiteRoutes } from './modules/health/care-sites/index.js';
import { checkinRoutes } from './modules/health/checkins/index.js';
import { dailyReportRoutes } from './modules/health/daily-reports/index.js';
import { healthDataRoutes } from './modules/health/data/index.js';
import { healthFigureRoutes } from './modules/health/figures/index.js';
import { measureRoutes } from './modules/health/measures/index.js';
import { healthRuleRoutes } from './modules/health/rules/index.js';
// self-registration

export const api = {
  // platform
  // registry
  ...personRoutes,
  // health
  ...healthRuleRoutes,
  ...measureRoutes,
  ...checkinRoutes,
  ...alertRoutes,
  ...healthFigureRoutes,
  ...careSiteRoutes,
  ...dailyReportRoutes,
  ...healthDataRoutes,
  // self-registration
};

export type Api = typeof api;
