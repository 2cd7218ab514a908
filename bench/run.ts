/**
 * `npm run bench`: measured, not asserted. Each benchmark prints its figures and
 * the ratio to a baseline measured in the same run. Record results in docs/PERFORMANCE.md.
 */
import { health } from './health.js';
import { listVsBare } from './list-vs-bare.js';
import { registry } from './registry.js';
import { selfreg } from './selfreg.js';
import { startup } from './startup.js';

const which = process.argv[2];
const benches: Record<string, () => Promise<void>> = { 'list-vs-bare': listVsBare, startup, registry, health, selfreg };
for (const [name, run] of Object.entries(benches)) {
  if (which && which !== name) continue;
  console.log(`\n## ${name}`);
  await run();
}
