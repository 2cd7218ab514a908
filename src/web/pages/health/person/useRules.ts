/** The exposure categories and measure rules in force on a day (GET /api/health-rules). */
import { api } from '../../../api/client.js';
import type { RulesInForceDto } from '../../../api/health.js';
import { useLoad } from '../../../lib/useLoad.js';

export function useRulesInForce(day: string, enabled = true) {
  return useLoad<RulesInForceDto | null>(
    (signal) => (enabled ? api.get<RulesInForceDto>('/api/health-rules', { day }, signal) : Promise.resolve(null)),
    `${day}:${enabled}`,
  );
}
