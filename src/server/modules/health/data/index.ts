/**
 * Health datasets and their retention: how long check-ins, tests and measures are
 * kept and what happens then (purge or de-identify), and the nightly job that does it.
 */
export { healthDataPlugin } from './routes.js';
export { healthDataRoutes, type DatasetDto, type DatasetListDto } from './schemas.js';
export { RETENTION_KIND, retentionPurge, type DatasetResult, type DistrictResult } from './retention.js';
