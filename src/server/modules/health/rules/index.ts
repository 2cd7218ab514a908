/**
 * Health rules. Minimal public face for the self-registration context (the health
 * context's own face replaces this file when health is converted).
 */
export { loadRules } from './service.js';
