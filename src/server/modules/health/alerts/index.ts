/**
 * Alerts: raised by check-ins, the day's jobs and missing reports; delivered to an
 * inbox by area and role, and escalated while nobody handles them.
 */
export { alertsPlugin } from './routes.js';
export { alertRoutes, type AlertDto, type InboxDto } from './schemas.js';
export { raise, escalateDue, districtIds } from './raise.js';
export { healthJobs, healthSchedule, dayOf, raiseNotReported, raiseEndings, closeDay } from './jobs.js';
