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
 * BENCH_PHASES=1 or 2 runs one phase only.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { addDays, type Clock, shanghaiDay, shanghaiInstant } from '../src/domain/clock.js';
import { loadConfig } from '../src/server/config.js';
import type { Database } from '../src/server/db/connection.js';
import { freePort } from '../src/server/db/embedded.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { loadRegistryWithCopy } from '../src/server/demo/copy.js';
import { seedDemo } from '../src/server/demo/seed.js';
import { createLogger, openDatabase, startPlatform } from '../src/server/platform.js';
import { generateKeyPersons } from './health-data.js';
import { BENCH_PASSWORD, signIn } from './session.js';
import { fmt, type LatencySummary, quantiles, timed } from './timing.js';

/** The machine's 1-minute load average: the figures are only comparable on an otherwise idle machine. */
const load1 = () => `load average ${loadavg()[0]!.toFixed(2)} on 2 cores`;

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

/** Single-row autocommit statements from `connections` connections for `seconds`: rows/s and latency. */
async function rawRate(
  url: string,
  connections: number,
  seconds: number,
  statement: (client: pg.Client, i: number) => Promise<unknown>,
) {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const lat: number[] = [];
  let i = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await statement(c, i++);
        lat.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  return { perMinute: (lat.length / elapsed) * 60, ...quantiles(lat) };
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
    if (phases.includes('1')) await phaseOne(platform.db, base, day);
    if (phases.includes('2')) await phaseTwo(platform.db, base, clock, day, seconds, url);
  } finally {
    await platform.close();
    await embedded?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function phaseOne(db: Database, base: string, day: string) {
  console.log(`\n### day ${day} 15:00 (after the 14:00 cut-off; ${load1()})`);
  for (const [who, code] of [
    ['demo-street', '510112005'],
    ['demo-district', '510112'],
  ] as const) {
    const as = await signIn(base, who);
    const scope = (await db.selectFrom('areas').select('path').where('code', '=', code).executeTakeFirstOrThrow()).path;
    const counts = await sql<{ under: number; missing: number }>`
      SELECT count(*)::int AS under, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM health_checkins k WHERE k.person_id = m.person_id AND k.day = ${day}::date))::int AS missing
      FROM health_measures m WHERE m.actual_end IS NULL AND m.area_path LIKE ${`${scope}%`}`.execute(db);
    const { under, missing } = counts.rows[0]!;
    const raw = () =>
      sql`SELECT m.id, m.person_id, m.measure, m.start_day, m.planned_end, m.release, p.name, p.doc_number, p.phone, g.id AS grid_id, g.name AS grid_name,
                 k.temperature, k.symptoms, k.needs_review, k.state, coalesce(m.planned_end, '9999-12-31'::date)::text AS sort_end
          FROM health_measures m JOIN persons p ON p.id = m.person_id JOIN areas g ON g.id = m.grid_id
          LEFT JOIN health_checkins k ON k.person_id = m.person_id AND k.day = ${day}
          WHERE m.actual_end IS NULL AND m.area_path LIKE ${`${scope}%`} AND m.start_day <= ${day} AND k.person_id IS NULL
          ORDER BY coalesce(m.planned_end, '9999-12-31'::date), m.id LIMIT 51`.execute(db);
    const api = await timed(200, () => as.get('/api/measures?list=not_checked_in'));
    const rawSql = await timed(200, raw);
    console.log(
      `not checked in, ${who} (${under.toLocaleString()} under measures, ${missing.toLocaleString()} not reported): API ${fmt(api)} | raw SQL ${fmt(rawSql)} | ratio p99 ${(api.p99 / rawSql.p99).toFixed(1)}× | target < 200 ms`,
    );
  }
  const commander = await signIn(base, 'demo-commander');
  const district = await db
    .selectFrom('areas')
    .select(['id', 'path', 'depth'])
    .where('code', '=', '510112')
    .executeTakeFirstOrThrow();
  const like = `${district.path}%`;
  const part = district.depth + 3;
  const rawFigures = async () => {
    await sql`SELECT split_part(a.path, '/', ${part}) AS child, c.metric, sum(c.value) AS n FROM health_day_counters c JOIN areas a ON a.id = c.area_id
              WHERE a.path LIKE ${like} AND c.day = ${day}::date AND c.metric NOT LIKE 'health.under.%' AND c.metric NOT IN ('health.not_reported', 'health.reports_missing') GROUP BY 1, 2`.execute(
      db,
    );
    await sql`SELECT split_part(a.path, '/', ${part}) AS child, c.metric, sum(c.value) AS n FROM area_counters c JOIN areas a ON a.id = c.area_id
              WHERE a.path LIKE ${like} AND c.metric LIKE 'health.under.%' GROUP BY 1, 2`.execute(db);
    await sql`SELECT split_part(m.area_path, '/', ${part}) AS child, 'health.not_reported' AS metric, count(*) AS n FROM health_measures m
              WHERE m.actual_end IS NULL AND m.area_path LIKE ${sql.lit(like)} AND m.start_day <= ${day}::date AND m.person_id IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM health_checkins k WHERE k.person_id = m.person_id AND k.day = ${day}::date) GROUP BY 1`.execute(
      db,
    );
    await sql`SELECT split_part(a.path, '/', ${part}) AS child, count(*) AS n FROM areas a WHERE a.path LIKE ${like} AND a.level = 'community' AND a.retired_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM daily_reports r WHERE r.community_id = a.id AND r.day = ${day}::date) GROUP BY 1`.execute(
      db,
    );
    await sql`SELECT id, name, level FROM areas WHERE parent_id = ${district.id} AND retired_at IS NULL ORDER BY code`.execute(
      db,
    );
  };
  const figures = await timed(200, () => commander.get('/api/health-figures'));
  const raw = await timed(200, rawFigures);
  console.log(
    `district figures, demo-commander: API ${fmt(figures)} | raw SQL (the same 5 queries) ${fmt(raw)} | ratio p99 ${(figures.p99 / raw.p99).toFixed(1)}× | target < 200 ms`,
  );
  // Most of it is today's not-reported count: the service sends the scope as a parameter, so after
  // five runs PostgreSQL may settle on a generic plan that probes every measure's check-in.
  const notReported = (scope: unknown) =>
    sql`SELECT split_part(m.area_path, '/', ${part}) AS child, count(*) AS n FROM health_measures m
        WHERE m.actual_end IS NULL AND m.area_path LIKE ${scope} AND m.start_day <= ${day}::date AND m.person_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM health_checkins k WHERE k.person_id = m.person_id AND k.day = ${day}::date) GROUP BY 1`.execute(
      db,
    );
  const asParameter = await timed(100, () => notReported(like));
  const inlined = await timed(100, () => notReported(sql.lit(like)));
  console.log(
    `  of which today's not-reported count: scope as a parameter (as the service sent it before) ${fmt(asParameter)} | scope inlined as a literal ${fmt(inlined)}`,
  );
  const trend = await timed(50, () => commander.get('/api/health-figures/trend'));
  console.log(`30-day trend, demo-commander: API ${fmt(trend)}`);
}

async function phaseTwo(db: Database, base: string, clock: BenchClock, day: string, seconds: number, url: string) {
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
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let gcMax = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMax = Math.max(gcMax, e.duration);
  });
  const vacuumed = new Set<string>();
  // What PostgreSQL's backends wait on, sampled every 100 ms (to explain the slowest seconds).
  const samples: { at: number; waits: { w: string; n: number }[] }[] = [];
  /** The server's PostgreSQL connections by process id, and when each was first seen. */
  const pids = new Map<number, number>();
  const watch = setInterval(() => {
    const at = Date.now();
    sql<{ w: string; n: number; pids: number[] | null }>`
      SELECT CASE WHEN backend_type = 'autovacuum worker' THEN 'autovacuum: ' || query ELSE coalesce(wait_event_type || ':' || wait_event, 'CPU') END AS w, count(*)::int AS n,
             (SELECT array_agg(pid) FROM pg_stat_activity WHERE application_name = 'shuangsheng') AS pids
      FROM pg_stat_activity WHERE (application_name = 'shuangsheng' AND state IN ('active', 'idle in transaction')) OR backend_type = 'autovacuum worker' GROUP BY 1`
      .execute(db)
      .then((x) => {
        samples.push({ at, waits: x.rows });
        for (const row of x.rows) if (row.w.startsWith('autovacuum: ')) vacuumed.add(row.w.slice(24));
        for (const pid of x.rows[0]?.pids ?? []) if (!pids.has(pid)) pids.set(pid, at);
      })
      .catch(() => undefined);
  }, 100);
  gc.observe({ entryTypes: ['gc'] });
  const lsn = async () =>
    (await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`.execute(db)).rows[0]!.lsn;
  let walFrom = await lsn();
  loop.enable();
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
      const opened = [...pids.values()]
        .filter((at) => at > r.startedAt + 500 && at <= end)
        .map((at) => Math.floor((at - r.startedAt) / 1000));
      const seen = { loop: loop.max / 1e6, gc: gcMax, vacuums: [...vacuumed].join('; '), opened };
      loop.reset();
      gcMax = 0;
      vacuumed.clear();
      printing = printing.then(async () => {
        const to = await lsn();
        const bytes = Number(
          (
            await sql<{
              b: string;
            }>`SELECT pg_wal_lsn_diff(${to}::pg_lsn, ${walFrom}::pg_lsn)::bigint::text AS b`.execute(db)
          ).rows[0]!.b,
        );
        walFrom = to;
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
          const tally = (pick: (second: number) => boolean) => {
            const out: Record<string, number> = {};
            let n = 0;
            for (const x of samples) {
              const second = Math.floor((x.at - r.startedAt) / 1000);
              if (second < 0 || second >= r.worst.length || !pick(second)) continue;
              n++;
              for (const w of x.waits) out[w.w] = (out[w.w] ?? 0) + w.n;
            }
            return Object.entries(out)
              .sort((a, b) => b[1] - a[1])
              .map(([k, v]) => `${k} ${(v / Math.max(1, n)).toFixed(1)}`)
              .join(', ');
          };
          console.log(
            `  backends busy per sample, slowest seconds (${slow.join(', ')}): ${tally((x) => slow.includes(x))}`,
          );
          console.log(`  backends busy per sample, the other seconds: ${tally((x) => !slow.includes(x))}`);
        }
      });
    },
  ).finally(() => {
    loop.disable();
    gc.disconnect();
    clearInterval(watch);
  });
  await printing;
  await rm(file, { force: true });
  console.log(`(${load1()})`);

  // The raw insert rate beside it: the check-in row alone, then the request's whole SQL, one transaction each.
  const person = await sql<{ person_id: string; grid_id: string; district_id: string; area_path: string }>`
    SELECT person_id, grid_id, district_id, area_path FROM health_measures WHERE actual_end IS NULL ORDER BY md5(person_id::text)`.execute(
    db,
  );
  const rows = person.rows;
  const actor = (
    await db.selectFrom('users').select(['id']).where('username', '=', 'demo-medical').executeTakeFirstOrThrow()
  ).id;
  const insert = `INSERT INTO health_checkins AS k (person_id, day, district_id, grid_id, area_path, temperature, symptoms, needs_review, channel, reported_by, reporter_person, client_id, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, 36.5, '{}'::text[], false, 'staff_call', $6, NULL, gen_random_uuid(), now(), now())
    ON CONFLICT (person_id, day) DO UPDATE SET temperature = EXCLUDED.temperature, client_id = EXCLUDED.client_id, updated_at = EXCLUDED.updated_at, revisions = k.revisions + 1
    WHERE k.client_id <> EXCLUDED.client_id RETURNING temperature::text, symptoms, state, revisions, (xmax = 0) AS inserted`;
  const rowOnly = await rawRate(url, 10, 10, (c, i) => {
    const r = rows[i % rows.length]!;
    return c.query({
      name: 'ins',
      text: insert,
      values: [
        r.person_id,
        addDays(next, 1 + Math.floor(i / rows.length)),
        r.district_id,
        r.grid_id,
        r.area_path,
        actor,
      ],
    });
  });
  const whole = await rawRate(url, 10, 10, async (c, i) => {
    const r = rows[i % rows.length]!;
    const d = addDays(next, 10 + Math.floor(i / rows.length));
    await c.query('BEGIN');
    await c.query({
      name: 'p',
      text: 'SELECT id, name, district_id, grid_id, area_path FROM persons WHERE id = $1 AND merged_into IS NULL AND area_path LIKE $2',
      values: [r.person_id, `/${r.district_id}/%`],
    });
    await c.query({ name: 'h', text: 'SELECT * FROM health_profiles WHERE person_id = $1', values: [r.person_id] });
    await c.query({
      name: 'm',
      text: 'SELECT grid_id, district_id, area_path FROM health_measures WHERE person_id = $1 AND start_day <= $2 AND (actual_end IS NULL OR actual_end > $2) ORDER BY start_day DESC LIMIT 1',
      values: [r.person_id, d],
    });
    await c.query({
      name: 'ins',
      text: insert,
      values: [r.person_id, d, r.district_id, r.grid_id, r.area_path, actor],
    });
    await c.query({
      name: 'a',
      text: `INSERT INTO audit_log (at, district_id, actor_id, actor_username, action, resource_type, resource_id, area_id, area_path, ip, request_id, details) VALUES (now(), $1, $2, 'demo-medical', 'health.checkin', 'person', $3, $4, $5, '127.0.0.1', 'raw', '{}')`,
      values: [r.district_id, actor, r.person_id, r.grid_id, r.area_path],
    });
    await c.query('COMMIT');
  });
  console.log(
    `raw INSERT into health_checkins (the service's statement, one row per transaction, 10 connections, 10 s): ${Math.round(rowOnly.perMinute).toLocaleString()}/min, ${fmt(rowOnly)}`,
  );
  console.log(
    `raw SQL of the whole request (person, profile, measure, insert, audit; one transaction, 10 connections, 10 s): ${Math.round(whole.perMinute).toLocaleString()}/min, ${fmt(whole)}`,
  );
}
