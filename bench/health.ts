/**
 * Key-population health at district load: 50,000 persons under measures (BENCH_UNDER)
 * on a registry loaded with COPY (BENCH_PERSONS, default 200k), spread over every
 * grid, with their check-ins of the past days, 25,000 released measures and every
 * past day closed. The server runs on an injected clock:
 *   1. 15:00 on day D (after the 14:00 cut-off; 90% have checked in): the day's
 *      non-reporting work list (GET /api/measures?list=not_checked_in) as demo-street
 *      and demo-district, the district figures and trend as demo-commander — each
 *      beside the same SQL run raw in the same run. Target < 200 ms.
 *   2. 08:00 on day D+1 (nobody has checked in yet): staff check-ins
 *      (POST /api/checkins as demo-medical) from a separate process, open loop at
 *      10,000/minute for BENCH_SECONDS (60), BENCH_REPEAT (3) times, then 20k and
 *      40k/minute, then closed loop for the capacity; beside the raw INSERT rate into
 *      health_checkins and the request's own SQL run raw. Target p99 < 100 ms at
 *      10k/minute. Each phase also reports the WAL written, the server's event-loop
 *      stalls and GC pauses, new PostgreSQL connections and autovacuum runs, and — when
 *      p99 misses — what PostgreSQL's backends waited on in the slowest seconds.
 * BENCH_PHASES=1 or 2 runs one phase only. The phases are health-reads.ts and
 * health-checkins.ts; what is watched meanwhile, health-watch.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Clock, shanghaiDay, shanghaiInstant } from '../src/domain/clock.js';
import { loadConfig } from '../src/server/config.js';
import { freePort } from '../src/server/db/embedded.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { loadRegistryWithCopy } from '../src/server/demo/copy.js';
import { seedDemo } from '../src/server/demo/seed.js';
import { createLogger, openDatabase, startPlatform } from '../src/server/platform.js';
import { checkinsUnderLoad } from './health-checkins.js';
import { generateKeyPersons } from './health-data.js';
import { readsAfterCutoff } from './health-reads.js';
import { BENCH_PASSWORD } from './session.js';

/** A clock that runs in real time from a chosen instant, and can be moved. */
class BenchClock implements Clock {
  private offset = 0;
  set(at: Date) {
    this.offset = at.getTime() - Date.now();
  }
  now() {
    return new Date(Date.now() + this.offset);
  }
}

export async function health(): Promise<void> {
  const persons = Number(process.env.BENCH_PERSONS ?? 200_000);
  const under = Number(process.env.BENCH_UNDER ?? 50_000);
  const seconds = Number(process.env.BENCH_SECONDS ?? 60);
  const dir = await mkdtemp(path.join(tmpdir(), 'ss-bench-health-'));
  const port = await freePort();
  const config = loadConfig(
    { DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn', DEMO_PASSWORD: BENCH_PASSWORD, JOB_WORKERS: '0' },
    'demo',
  );
  const clock = new BenchClock();
  const day = shanghaiDay(new Date());
  clock.set(shanghaiInstant(day, '15:00'));

  const t0 = performance.now();
  const { db: loadDb, url, embedded } = await openDatabase(config, createLogger(config));
  await migrateToLatest(loadDb);
  await seedDemo(loadDb, BENCH_PASSWORD, { registry: false });
  const registry = await loadRegistryWithCopy(loadDb, url, { persons });
  const t1 = performance.now();
  const generated = await generateKeyPersons(url, {
    day,
    under,
    released: Math.round(under / 2),
    log: (m) => console.log(m),
  });
  console.log(
    `registry ${registry.persons.toLocaleString()} persons (COPY ${((t1 - t0) / 1000).toFixed(0)} s); key persons generated set-based in ${((performance.now() - t1) / 1000).toFixed(1)} s: ` +
      `${generated.active.toLocaleString()} under measures, ${generated.released.toLocaleString()} released, ${generated.checkins.toLocaleString()} check-ins, ${generated.days} days closed`,
  );
  await loadDb.destroy();

  // The platform on the same PostgreSQL (kept running, so the raw SQL below reaches it too).
  const platform = await startPlatform({ ...config, DATABASE_URL: url }, { clock });
  const base = `http://127.0.0.1:${port}`;
  try {
    const phases = process.env.BENCH_PHASES ?? '12';
    if (phases.includes('1')) await readsAfterCutoff(platform.db, base, day);
    if (phases.includes('2')) await checkinsUnderLoad(platform.db, base, clock, day, seconds, url);
  } finally {
    await platform.close();
    await embedded?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
