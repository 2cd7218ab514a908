/**
 * Dated migrations, applied in name order. Add a file named
 * `YYYY-MM-DDTHHMM-what.ts` exporting `up` (and `down`) and list it here.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './2026-11-29T0900-foundation.js';
import * as areasNotify from './2026-11-29T1030-areas-notify.js';
import * as registry from './2026-11-29T1100-registry.js';
import * as imports from './2026-11-29T1200-imports.js';
import * as healthRules from './2026-11-29T1300-health-rules.js';
import * as health from './2026-11-29T1400-health.js';
import * as healthWorklistIndex from './2026-11-30T1000-health-worklist-index.js';
import * as selfRegistration from './2026-11-30T1400-self-registration.js';
import * as uploadsRemoved from './2026-12-03T0600-uploads-removed.js';
import * as districtConfig from './2026-12-03T0700-district-config.js';
import * as signInFailures from './2026-12-03T0800-sign-in-failures.js';
import * as regCodeTokenHash from './2026-12-03T0810-reg-code-token-hash.js';
import * as nameChecks from './2026-12-03T0820-name-checks.js';
import * as distributable from './2026-12-03T1000-distributable.js';

const migrations: Record<string, Migration> = {
  '2026-11-29T0900-foundation': foundation,
  '2026-11-29T1030-areas-notify': areasNotify,
  '2026-11-29T1100-registry': registry,
  '2026-11-29T1200-imports': imports,
  '2026-11-29T1300-health-rules': healthRules,
  '2026-11-29T1400-health': health,
  '2026-11-30T1000-health-worklist-index': healthWorklistIndex,
  '2026-11-30T1400-self-registration': selfRegistration,
  '2026-12-03T0600-uploads-removed': uploadsRemoved,
  '2026-12-03T0700-district-config': districtConfig,
  '2026-12-03T0800-sign-in-failures': signInFailures,
  '2026-12-03T0810-reg-code-token-hash': regCodeTokenHash,
  '2026-12-03T0820-name-checks': nameChecks,
  '2026-12-03T1000-distributable': distributable,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
