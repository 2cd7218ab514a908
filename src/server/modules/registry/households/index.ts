/**
 * Households (户) and their dwellings. Minimal public face for the self-registration
 * context (the registry's own face replaces this file when the registry is converted).
 */
export { addMembers, dwellingInScope, householdInScope, insertHousehold } from './service.js';
