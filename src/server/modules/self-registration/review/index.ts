/**
 * Self-registration review (扫码登记审核): the queue of families' submissions, each beside
 * the registry, accepted into it or rejected; members placed under the measure their
 * answers propose; the command center's figures. What other modules may use of it is
 * exported here and nowhere else.
 */
export { reviewPlugin } from './routes.js';
export { reviewRoutes, type AcceptResult, type FiguresDto, type QueueDto, type SubmissionDetail } from './schemas.js';
export { accept, reject } from './decide.js';
