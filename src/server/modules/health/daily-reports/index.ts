/**
 * Daily zero reports per community, with figures derived from the day's records, and
 * the reminder job for communities that have not filed.
 */
export { dailyReportsPlugin } from './routes.js';
export { dailyReportRoutes, type ReportCounts } from './schemas.js';
export { deriveCounts, deriveCountsUnder, isZero, noCounts, toStored } from './counts.js';
export { REPORT_REMINDER_KIND, reportReminders } from './jobs.js';
