/** Record versions (历史版本) of the registry, read within the scope and masked by role. */
export { versionsPlugin } from './routes.js';
export { versionRoutes, type VersionDto, type VersionListDto } from './schemas.js';
