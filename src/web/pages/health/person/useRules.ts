/** The exposure categories and measure rules in force on a day (GET /api/health-rules). */
import { legacyApi } from '../../../api/legacy.js';
import type { RulesInForceDto } from '../../../api/health.js';
import { useLoad } from '../../../lib/useLoad.js';

export function useRulesInForce(day: string, enabled = true) {
  return useLoad<RulesInForceDto | null>(
    (signal) =>
      enabled ? legacyApi.get<RulesInForceDto>('/api/health-rules', { day }, signal) : Promise.resolve(null),
    `${day}:${enabled}`,
  );
}
