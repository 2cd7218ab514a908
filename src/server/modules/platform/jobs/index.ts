/**
 * Background jobs as the console sees them: one's own and those of one's area subtree,
 * with their progress, result or error report, and cancelling. (The queue and the
 * runner are the platform's machinery, `src/server/jobs/`.)
 */
export { jobsPlugin } from './routes.js';
export { jobRoutes, type JobDto } from './schemas.js';
