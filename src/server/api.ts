/**
 * The whole API contract: every module's route map, merged. The server registers each
 * map with its handlers (a module's plugin); the console and the phone pages import
 * the type `Api` only, and derive their client's paths, parameters and results from it.
 */
// platform
import { areaRoutes } from './modules/platform/areas/index.js';
import { auditRoutes } from './modules/platform/audit/index.js';
import { authRoutes } from './modules/platform/auth/index.js';
import { dashboardRoutes } from './modules/platform/dashboard/index.js';
import { jobRoutes } from './modules/platform/jobs/index.js';
import { statusRoutes } from './modules/platform/status/index.js';
import { userRoutes } from './modules/platform/users/index.js';
// registry
import { personRoutes } from './modules/registry/persons/index.js';
import { placeRoutes } from './modules/registry/places/index.js';
import { householdRoutes } from './modules/registry/households/index.js';
import { transferRoutes } from './modules/registry/transfers/index.js';
import { versionRoutes } from './modules/registry/versions/index.js';
import { exportRoutes } from './modules/registry/exports/index.js';
import { importRoutes } from './modules/registry/imports/index.js';
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
import { codeRoutes } from './modules/self-registration/codes/index.js';
import { publicRegistrationRoutes } from './modules/self-registration/intake/index.js';
import { reviewRoutes } from './modules/self-registration/review/index.js';

export const api = {
  // platform
  ...statusRoutes,
  ...authRoutes,
  ...areaRoutes,
  ...userRoutes,
  ...auditRoutes,
  ...dashboardRoutes,
  ...jobRoutes,
  // registry
  ...personRoutes,
  ...placeRoutes,
  ...householdRoutes,
  ...transferRoutes,
  ...versionRoutes,
  ...exportRoutes,
  ...importRoutes,
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
  ...codeRoutes,
  ...publicRegistrationRoutes,
  ...reviewRoutes,
};

export type Api = typeof api;
