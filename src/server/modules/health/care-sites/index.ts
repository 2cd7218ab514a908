/** Isolation sites (rooms with a capacity) and designated hospitals (beds), with their occupancy. */
export { careSitesPlugin } from './routes.js';
export { careSiteRoutes } from './schemas.js';
