/**
 * The audit log as admins and commanders browse it: the entries of their subtree. (The
 * audit record itself is written by the kernel, `kernel/audit.ts`.)
 */
export { auditPlugin } from './routes.js';
export { auditRoutes, type AuditEntryDto } from './schemas.js';
