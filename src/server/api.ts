/**
 * The whole API contract: every module's route map, merged. The server registers each
 * map with its handlers (a module's plugin); the console and the phone pages import
 * the type `Api` only, and derive their client's paths, parameters and results from it.
 */
import { personRoutes } from './modules/registry/persons/index.js';

export const api = {
  ...personRoutes,
};

export type Api = typeof api;
