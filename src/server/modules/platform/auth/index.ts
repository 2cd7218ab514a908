/**
 * Signing in and out, the signed-in user (`/api/me`) and changing one's own password.
 * Sessions, passwords and actors themselves are the kernel's (`kernel/sessions.ts`,
 * `kernel/passwords.ts`, `kernel/actors.ts`).
 */
export { authPlugin } from './routes.js';
export { authRoutes, type MeDto } from './schemas.js';
