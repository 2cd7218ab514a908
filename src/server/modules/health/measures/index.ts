/**
 * Health measures. Minimal public face for the self-registration context (the health
 * context's own face replaces this file when health is converted).
 */
export { measureDto, type MeasureDto } from './schemas.js';
export { place } from './placement.js';
