/** Liveness and database status (GET /api/health), for load balancers and monitors. */
export { statusPlugin } from './routes.js';
export { statusRoutes, type HealthDto } from './schemas.js';
