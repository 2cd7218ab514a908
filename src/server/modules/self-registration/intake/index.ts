/**
 * Self-registration intake (扫码登记): what a resident's phone reads behind a code and
 * writes — a family's first submission, its corrections, recovering the edit link —
 * and the registry matching kept with each version. What other modules may use of it
 * is exported here and nowhere else.
 */
export { publicRegistrationPlugin } from './routes.js';
export {
  publicRegistrationRoutes,
  trip,
  type CodeView,
  type DwellingTree,
  type EditView,
  type Recovered,
  type SavedVersion,
  type Submitted,
} from './schemas.js';
export { submit } from './submit.js';
export { candidates, matchMembers } from './matching.js';
export { count } from './counters.js';
export { writeFigures } from './write-batch.js';
