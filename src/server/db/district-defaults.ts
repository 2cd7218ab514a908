/**
 * What a new district starts with: the 2020 exposure categories (with the criteria
 * that let residents' answers propose them), the Longquanyi rule table and the health
 * datasets with their default retention. Each district then changes its own copy;
 * nothing here is shared between districts. Called, inside the transaction that
 * creates the district, by `bootstrap` and by the demo seed.
 */
import { CATEGORIES_2020, RULES_2020 } from '../../domain/health.js';
import { DATASETS } from '../../domain/health-data.js';
import { CRITERIA_2020 } from '../../domain/self-registration.js';
import type { Database } from './connection.js';

export const DEFAULT_RULES_NOTE = '2020 年龙泉驿区默认规则';

export async function seedDistrictDefaults(db: Database, districtId: string): Promise<void> {
  await db
    .insertInto('health_categories')
    .values(
      CATEGORIES_2020.map((c) => {
        const criteria = CRITERIA_2020[c.key];
        return {
          district_id: districtId,
          key: c.key,
          label: c.label,
          effective_from: c.from,
          effective_until: c.until,
          criteria: criteria ? JSON.stringify(criteria) : null,
        };
      }),
    )
    .execute();
  await db
    .insertInto('health_rules')
    .values(
      RULES_2020.map((r) => ({
        district_id: districtId,
        applies_to: r.appliesTo,
        measure: r.measure,
        days: r.days,
        from_last_contact: r.fromLastContact,
        negative_tests: r.release.negativeTests,
        hours_apart: r.release.hoursApart,
        symptom_free_days: r.release.symptomFreeDays,
        effective_from: r.effectiveFrom,
        note: DEFAULT_RULES_NOTE,
      })),
    )
    .execute();
  await db
    .insertInto('health_datasets')
    .values(
      DATASETS.map((d) => ({
        district_id: districtId,
        key: d.key,
        label: d.label,
        legal_basis: d.legalBasis,
        purpose: d.purpose,
        retention_days: d.retentionDays,
        action: d.action,
      })),
    )
    .execute();
}
