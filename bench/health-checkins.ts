/**
 * Phase 2 of the health bench, 08:00 on day D+1 (nobody has checked in yet): staff
 * check-ins (POST /api/checkins as demo-medical) from a separate process (health-load.ts),
 * open loop at 10,000/minute and more, then closed loop; each phase's latency beside
 * what the server and PostgreSQL did meanwhile (health-watch.ts), then the raw insert
 * rates (health-raw.ts).
 */
import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { addDays, shanghaiInstant } from '../src/domain/clock.js';
import type { Database } from '../src/server/db/connection.js';
import { rawCheckinRates } from './health-raw.js';
import { load1, watch } from './health-watch.js';
import { signIn } from './session.js';
import type { LatencySummary } from './timing.js';

interface LoadResult extends LatencySummary {
  requests: number;
  perMinute: number;
  maxLag: number;
  statuses: Record<string, number>;
  worst: number[];
  /** Epoch ms when the phase's schedule began. */
  startedAt: number;
}

/** Runs the phases in one load-generator process; `each` gets each phase's result as it ends. */
function load(args: Record<string, unknown>, each: (r: LoadResult, index: number) => void): Promise<void> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'health-load.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', file, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let index = 0;
  child.stdout.on('data', (d) => {
    out += d;
    for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
      each(JSON.parse(out.slice(0, nl)) as LoadResult, index++);
      out = out.slice(nl + 1);
    }
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`load generator exited with ${code}`)))),
  );
}

export async function checkinsUnderLoad(
  db: Database,
  base: string,
  clock: { set: (at: Date) => void },
  day: string,
  seconds: number,
  url: string,
) {
  const next = addDays(day, 1);
  clock.set(shanghaiInstant(next, '08:00'));
  console.log(`\n### day ${next} 08:00: check-ins by staff (demo-medical), load from a separate process (${load1()})`);
  const staff = await signIn(base, 'demo-medical');
  const ids = (
    await sql<{
      person_id: string;
    }>`SELECT person_id FROM health_measures WHERE actual_end IS NULL ORDER BY md5(person_id::text)`.execute(db)
  ).rows.map((r) => r.person_id);
  const file = path.join(tmpdir(), `ss-bench-ids-${process.pid}.txt`);
  await writeFile(file, ids.join('\n'));
  // What else happens meanwhile: the server's event-loop stalls and GC pauses, PostgreSQL's autovacuum.
  const watching = await watch(db);
  const phases = [
    { label: 'warm-up 3,000/min, 10 s', rate: 3000, seconds: 10 },
    ...Array.from({ length: Number(process.env.BENCH_REPEAT ?? 3) }, (_, k) => ({
      label: `open loop 10,000/min, ${seconds} s (${k + 1})`,
      rate: 10_000,
      seconds,
    })),
    { label: 'open loop 20,000/min, 20 s', rate: 20_000, seconds: 20 },
    { label: 'open loop 40,000/min, 20 s', rate: 40_000, seconds: 20 },
    { label: 'closed loop, 32 in flight, 10 s', rate: 0, seconds: 10 },
  ];
  let printing = Promise.resolve();
  await load(
    { url: `${base}/api/checkins`, cookie: staff.cookie, csrf: staff.csrf, ids: file, concurrency: 32, phases },
    (r, i) => {
      const { label, rate } = phases[i]!;
      const end = r.startedAt + (phases[i]!.seconds || 10) * 1000;
      const seen = watching.seen(r.startedAt, end);
      printing = printing.then(async () => {
        const bytes = await watching.walBytes();
        const bad = Object.entries(r.statuses).filter(([s]) => s !== '200');
        console.log(
          `${label.padEnd(34)} ${r.requests.toLocaleString()} requests, achieved ${Math.round(r.perMinute).toLocaleString()}/min, latency p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(0)} ms` +
            (rate > 0
              ? ` (from the scheduled time; service p99 ${r.serviceP99.toFixed(1)} ms, max send lag ${r.maxLag.toFixed(0)} ms)`
              : '') +
            (bad.length ? ` — non-200: ${JSON.stringify(Object.fromEntries(bad))}` : ''),
        );
        const perRequest = bytes / r.requests;
        console.log(
          `  WAL ${(perRequest / 1024).toFixed(1)} kB a check-in (a new 16 MB segment every ${((16 * 2 ** 20) / perRequest / (r.perMinute / 60)).toFixed(0)} s); ` +
            `server event loop max delay ${seen.loop.toFixed(0)} ms, longest GC ${seen.gc.toFixed(0)} ms, new PostgreSQL connections ${seen.opened.length}${seen.opened.length ? ` (in seconds ${seen.opened.join(', ')})` : ''}${seen.vacuums ? `, autovacuum: ${seen.vacuums}` : ''}`,
        );
        if (rate > 0 && r.p99 > 100) {
          console.log(`  worst latency per second (ms): ${r.worst.join(' ')}`);
          // Backends' waits in the three slowest seconds against the rest of the phase.
          const slow = r.worst
            .map((w, s) => ({ w, s }))
            .sort((a, b) => b.w - a.w)
            .slice(0, 3)
            .map((x) => x.s);
          const tally = (pick: (second: number) => boolean) => watching.tally(r.startedAt, r.worst.length, pick);
          console.log(
            `  backends busy per sample, slowest seconds (${slow.join(', ')}): ${tally((x) => slow.includes(x))}`,
          );
          console.log(`  backends busy per sample, the other seconds: ${tally((x) => !slow.includes(x))}`);
        }
      });
    },
  ).finally(() => watching.stop());
  await printing;
  await rm(file, { force: true });
  console.log(`(${load1()})`);

  await rawCheckinRates(db, url, next);
}
