/** Isolation sites (rooms with a capacity) and designated hospitals (beds), with their occupancy. */
export { careSitesPlugin } from './routes.js';
export { careSiteRoutes, type SiteDetailDto } from './schemas.js';
