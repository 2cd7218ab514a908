/** The exposure categories and measure rules in force on a day (GET /api/health-rules). */
import { api } from '../../../api/client.js';
import { useLoad } from '../../../lib/useLoad.js';
import type { RulesInForceDto } from '../types.js';

export function useRulesInForce(day: string, enabled = true) {
  return useLoad<RulesInForceDto | null>(
    (signal) => (enabled ? api.get('/api/health-rules', { query: { day }, signal }) : Promise.resolve(null)),
    `${day}:${enabled}`,
  );
}
