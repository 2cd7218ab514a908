/**
 * Signing in and out, the signed-in user (`/api/me`) and changing one's own password.
 * Sessions, passwords and actors themselves are the kernel's (`kernel/sessions.ts`,
 * `kernel/passwords.ts`, `kernel/actors.ts`). Failed sign-ins are counted here, per
 * (username, client address) (`failures.ts`), and purged by an hourly job.
 */
export { authPlugin } from './routes.js';
export { authRoutes, type MeDto } from './schemas.js';
export { purgeSignInFailures, SIGN_IN_FAILURES_PURGE_KIND } from './failures.js';
