/**
 * The whole API contract: every module's route map, merged. The server registers each
 * map with its handlers (a module's plugin); the console and the phone pages import
 * the type `Api` only, and derive their client's paths, parameters and results from it.
 */
// platform
// registry
import { personRoutes } from './modules/registry/persons/index.js';
import { placeRoutes } from './modules/registry/places/index.js';
import { householdRoutes } from './modules/registry/households/index.js';
import { transferRoutes } from './modules/registry/transfers/index.js';
import { versionRoutes } from './modules/registry/versions/index.js';
import { exportRoutes } from './modules/registry/exports/index.js';
import { importRoutes } from './modules/registry/imports/index.js';
// health
// self-registration

export const api = {
  // platform
  // registry
  ...personRoutes,
  ...placeRoutes,
  ...householdRoutes,
  ...transferRoutes,
  ...versionRoutes,
  ...exportRoutes,
  ...importRoutes,
  // health
  // self-registration
};

export type Api = typeof api;
