/**
 * Health rules: the exposure categories and the measure rule table, as data that
 * never changes the past. Other modules read the rule versions (placements) here.
 */
export { healthRulesPlugin } from './routes.js';
export { healthRuleRoutes } from './schemas.js';
export { loadRules } from './service.js';
