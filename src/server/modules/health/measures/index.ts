/**
 * Key persons' health: their categories and status, the measures they are placed
 * under and the decisions that follow, nucleic-acid tests, the timeline and the day's
 * work lists. Other modules place a person (self-registration's review) and find a
 * key person's profile (check-ins) through this face.
 */
export { measuresPlugin } from './routes.js';
export { measureRoutes, measureDto, type MeasureDto, type TimelineDto, type WorkListDto } from './schemas.js';
export { place } from './placement.js';
export { requireProfile } from './profile.js';
