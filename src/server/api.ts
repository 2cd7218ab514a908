/**
 * The whole API contract: every module's route map, merged. The server registers each
 * map with its handlers (a module's plugin); the console and the phone pages import
 * the type `Api` only, and derive their client's paths, parameters and results from it.
 */
// platform
// registry
import { personRoutes } from './modules/registry/persons/index.js';
// health
// self-registration
import { codeRoutes } from './modules/self-registration/codes/index.js';
import { publicRegistrationRoutes } from './modules/self-registration/intake/index.js';
import { reviewRoutes } from './modules/self-registration/review/index.js';

export const api = {
  // platform
  // registry
  ...personRoutes,
  // health
  // self-registration
  ...codeRoutes,
  ...publicRegistrationRoutes,
  ...reviewRoutes,
};

export type Api = typeof api;
