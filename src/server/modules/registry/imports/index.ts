/**
 * Imports (台账导入): a ledger uploaded, its columns mapped, its rows written into the
 * registry by a background job with an error report; areas imported from a list of
 * codes. The routes and the job kind leave the module; nothing else does.
 */
export { importsPlugin } from './routes.js';
export { importRoutes, type AreaImportDto, type StartedImportDto, type UploadDto } from './schemas.js';
export { IMPORT_KIND, importJob, type ImportResult } from './job.js';
export { UPLOADS_PURGE_KIND, purgeUploads, uploadsKept } from './purge.js';
