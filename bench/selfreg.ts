/**
 * QR family self-registration at campaign load. A registry of BENCH_PERSONS (200k)
 * loaded with COPY; district staff create one registration code per community (the
 * campaign's posters); families (bench/selfreg-family.ts: head with a phone, spouse,
 * child; ~10% back from 武汉 with a temperature) choose real dwellings of their code's
 * community and submit through POST /api/public/reg/:token/submissions from a separate
 * process (bench/selfreg-load.ts), open loop, latency from the scheduled time:
 *   warm-up 100/s 10 s; 500/s (target p99 < 200 ms) and 1,000/s (stretch) for
 *   BENCH_SECONDS (60) each (BENCH_RATES=500,1000), over at most BENCH_CONNECTIONS (32)
 *   connections; closed loop, that many in flight, BENCH_CLOSED_SECONDS (15), for the
 *   capacity; then the same families stored by raw SQL (bench/selfreg-raw.ts) over as
 *   many connections as the server's pool, BENCH_RAW_SECONDS (15) each: the four writes
 *   as four statements, then the request's SQL one family at a time (the server before group commit).
 * After each phase the database is checked: stored = 201 answers, one version each,
 * no family twice, counters and audit rows moved by as much, ~1% deliberate retries
 * answered 200; non-2xx counted by status. Each phase also reports CPU by process
 * (server, PostgreSQL, load generator), the server's event-loop delay, new PostgreSQL
 * connections, WAL per family and what PostgreSQL's backends were doing.
 * BENCH_SOAK=1: BENCH_SOAK_SECONDS (900) at 200/s with district-wide persons exports
 * downloaded one after another meanwhile, and the server's memory once a minute
 * (bench/memory.ts; NODE_OPTIONS=--expose-gc for the heap after GC). The phone page under throttling (bench/
 * reg-page.ts) runs first when dist/web/reg.html and /usr/bin/chromium exist (BENCH_PAGE=0 skips it).
 * BENCH_PROFILE=1 prints a CPU profile of the server over the closed loop (bench/cpu-profile.ts).
 * A server that stops answering for BENCH_STALL_SECONDS (30) ends the run with what its
 * PostgreSQL connections were doing.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { addDays, shanghaiDay } from '../src/domain/clock.js';
import { loadConfig } from '../src/server/config.js';
import { freePort } from '../src/server/db/embedded.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { loadRegistryWithCopy } from '../src/server/demo/copy.js';
import { seedDemo } from '../src/server/demo/seed.js';
import { createLogger, openDatabase, startPlatform } from '../src/server/platform.js';
import { MemorySampler } from './memory.js';
import { regPage, regPageMissing } from './reg-page.js';
import { markerRange, type Target } from './selfreg-family.js';
import { Monitor, POOL } from './selfreg-monitor.js';
import { load1, ms, phaseRunner } from './selfreg-phase.js';
import { rawFamilies, type RawContext } from './selfreg-raw.js';
import { benchDatabase } from './database.js';
import { BENCH_PASSWORD, signIn } from './session.js';

export async function selfreg(): Promise<void> {
  const persons = Number(process.env.BENCH_PERSONS ?? 200_000);
  const soak = process.env.BENCH_SOAK === '1';
  const where = await benchDatabase('selfreg');
  const dir = await mkdtemp(path.join(tmpdir(), 'ss-bench-selfreg-'));
  const port = await freePort();
  const config = loadConfig(
    {
      DATA_DIR: dir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD: BENCH_PASSWORD,
      JOB_WORKERS: '0',
      SELFREG_RATE_LIMIT: 'false',
      DB_POOL_SIZE: String(POOL),
      ...where.config,
    },
    'demo',
  );
  const t0 = performance.now();
  const { db: loadDb, url, embedded } = await openDatabase(config, createLogger(config));
  await migrateToLatest(loadDb);
  await seedDemo(loadDb, BENCH_PASSWORD, { registry: false });
  const registry = await loadRegistryWithCopy(loadDb, url, { persons });
  await loadDb.destroy();
  const t1 = performance.now();
  // Vacuumed, analysed and checkpointed once, so autovacuum does not first visit the freshly loaded registry during a phase.
  const maintenance = new pg.Client({ connectionString: url });
  await maintenance.connect();
  // BENCH_PG_SET="name=value,…": database settings to try, applied with ALTER SYSTEM before the phases.
  for (const kv of (process.env.BENCH_PG_SET ?? '').split(',').filter(Boolean)) {
    const [k, v] = kv.split('=');
    await maintenance.query(`ALTER SYSTEM SET ${pg.escapeIdentifier(k!.trim())} = ${pg.escapeLiteral(v!.trim())}`);
  }
  if (process.env.BENCH_PG_SET) {
    await maintenance.query('SELECT pg_reload_conf()');
    await new Promise((r) => setTimeout(r, 500));
    console.log(
      `database settings: ${(await maintenance.query<{ s: string }>(`SELECT string_agg(name || '=' || setting, ', ') AS s FROM pg_settings WHERE source = 'configuration file'`)).rows[0]!.s}`,
    );
  }
  await maintenance.query('VACUUM (ANALYZE)');
  await maintenance.query('CHECKPOINT');
  await maintenance.end();
  console.log(
    `registry ${registry.persons.toLocaleString()} persons on ${where.label} loaded with COPY in ${((t1 - t0) / 1000).toFixed(0)} s, then VACUUM ANALYZE and CHECKPOINT ${((performance.now() - t1) / 1000).toFixed(0)} s (${load1()})`,
  );

  const platform = await startPlatform({ ...config, DATABASE_URL: url });
  const base = `http://127.0.0.1:${port}`;
  const monitor = await Monitor.open(url);
  const file = path.join(dir, 'targets.json');
  try {
    // The campaign: one code per community, made by district staff through the API.
    const district = await signIn(base, 'demo-district');
    const today = shanghaiDay(new Date());
    const communities = (
      await monitor.client.query<{ id: string; path: string; name: string }>(
        `SELECT id::text, path, name FROM areas WHERE level = 'community' AND retired_at IS NULL ORDER BY code`,
      )
    ).rows;
    const targets: Target[] = [];
    const codes: RawContext['codes'] = new Map();
    const dwellings: RawContext['dwellings'] = new Map();
    for (const c of communities) {
      const rows = (
        await monitor.client.query<{ id: string; grid_id: string; area_path: string; courtyard_id: string }>(
          `SELECT id, grid_id::text, area_path, courtyard_id FROM dwellings WHERE retired_at IS NULL AND use = 'residential' AND area_path LIKE $1 ORDER BY md5(id::text) LIMIT 3000`,
          [`${c.path}%`],
        )
      ).rows;
      if (rows.length === 0) continue;
      const code = await district.post('/api/reg-codes', {
        areaId: c.id,
        purpose: 'resident',
        responsibleName: '王网格',
        responsiblePhone: '13800138000',
        expiresOn: addDays(today, 30),
      });
      const token = String(code.path).split('/').pop()!;
      const k = (
        await monitor.client.query<{ id: string; district_id: string }>(
          'SELECT id, district_id::text FROM reg_codes WHERE id = $1',
          [code.id],
        )
      ).rows[0]!;
      codes.set(token, { id: k.id, districtId: k.district_id });
      for (const d of rows)
        dwellings.set(d.id, { gridId: d.grid_id, areaPath: d.area_path, courtyardId: d.courtyard_id });
      targets.push({ token, areaId: c.id, dwellings: rows.map((d) => d.id) });
    }
    await writeFile(file, JSON.stringify(targets));
    console.log(
      `${targets.length} codes (one per community with listed dwellings, of ${communities.length}), ${dwellings.size.toLocaleString()} dwellings to choose from`,
    );

    if (process.env.BENCH_PAGE !== '0') {
      const missing = regPageMissing();
      console.log(`\n### the phone page on a throttled connection (${load1()})`);
      if (missing) console.log(`skipped: ${missing}`);
      else await regPage(base, targets[0]!.token);
    }

    const concurrency = Number(process.env.BENCH_CONNECTIONS ?? 32);
    const { phase, state, stop } = phaseRunner({
      base,
      file,
      monitor,
      concurrency,
      abort: async () => {
        await monitor.close();
        process.on('uncaughtException', () => undefined); // the stuck connections fail as PostgreSQL stops
        await embedded?.stop();
        await rm(dir, { recursive: true, force: true });
        process.exit(1);
      },
    });

    if (soak) {
      const seconds = Number(process.env.BENCH_SOAK_SECONDS ?? 900);
      const exportPath = `/api/exports/persons?format=csv`;
      await phase({ label: 'warm-up 50/s, 10 s', rate: 50, seconds: 10 });
      const memory = new MemorySampler();
      memory.start();
      const r = await phase(
        {
          label: `soak: 200/s for ${seconds} s with district-wide persons exports (CSV, demo-district) one after another`,
          rate: 200,
          seconds,
          exports: true,
        },
        { exportPath, cookie: district.cookie },
      );
      memory.stop();
      console.log(`  ${memory.format()}`);
      if (r.minutes.length)
        console.log(
          `  per minute p50/p99 (ms): ${r.minutes.map((x) => `${x.p50.toFixed(0)}/${x.p99.toFixed(0)}`).join(' ')}`,
        );
      const e = r.exports;
      if (e) {
        const sorted = [...e.ms].sort((a, b) => a - b);
        console.log(
          `  exports: ${e.count} downloaded (${JSON.stringify(e.statuses)}), ${(e.bytes / e.count / 2 ** 20).toFixed(1)} MB and ${Math.round(e.lines / e.count).toLocaleString()} lines each; ` +
            `duration p50 ${sorted[Math.floor(sorted.length / 2)]} ms, min ${sorted[0]} ms, max ${sorted[sorted.length - 1]} ms (all: ${e.ms.join(' ')})`,
        );
      }
    } else {
      const seconds = Number(process.env.BENCH_SECONDS ?? 60);
      await phase({ label: 'warm-up 100/s, 10 s', rate: 100, seconds: 10 });
      let capacity = 0;
      for (const rate of (process.env.BENCH_RATES ?? '500,1000').split(',').map(Number)) {
        const r = await phase({
          label: `open loop ${rate}/s, ${seconds} s${rate === 500 ? ' (target p99 < 200 ms)' : ''}`,
          rate,
          seconds,
        });
        capacity = Math.max(capacity, r.perSecond);
      }
      const closedSeconds = Number(process.env.BENCH_CLOSED_SECONDS ?? 15);
      const closed = await phase({
        label: `closed loop, ${concurrency} in flight, ${closedSeconds} s (capacity${process.env.BENCH_PROFILE === '1' ? ', under the profiler' : ''})`,
        rate: 0,
        seconds: closedSeconds,
      });
      capacity = Math.max(capacity, closed.perSecond);
      console.log(`
HTTP capacity: ${capacity.toFixed(0)} families/s (the best achieved rate of the open loops and the closed loop)`);
      stop();

      const rawSeconds = Number(process.env.BENCH_RAW_SECONDS ?? 15);
      const ctx: RawContext = { url, targets, codes, dwellings };
      console.log(
        `\n### raw SQL baseline: ${config.DB_POOL_SIZE} connections (the server's pool), ${rawSeconds} s each (${load1()})`,
      );
      for (const mode of ['inserts', 'whole'] as const) {
        const m = state.marker++;
        const raw = await rawFamilies(ctx, {
          mode,
          connections: config.DB_POOL_SIZE,
          seconds: rawSeconds,
          marker: m,
          firstIndex: state.firstIndex,
        });
        state.firstIndex += raw.families + 1000;
        const [lo, hi] = markerRange(m);
        const stored = (
          await monitor.client.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM reg_submissions WHERE id BETWEEN $1 AND $2',
            [lo, hi],
          )
        ).rows[0]!.n;
        console.log(
          `${mode === 'inserts' ? 'the four writes as four statements in a transaction (submission, version, counters upsert, audit row)' : "the request's SQL one family at a time (one read: code, earlier submission, dwelling, candidates; one statement writing all four, no BEGIN/COMMIT; the server before group commit)"}: ` +
            `${raw.perSecond.toFixed(0)} families/s, p50 ${ms(raw.p50)}, p99 ${ms(raw.p99)} (stored ${stored.toLocaleString()} of ${raw.families.toLocaleString()}); ` +
            `HTTP capacity / raw = ${((100 * capacity) / raw.perSecond).toFixed(0)}%`,
        );
      }
    }
    console.log(`\n(${load1()})`);
  } finally {
    await monitor.close();
    await platform.close();
    await embedded?.stop();
    await rm(dir, { recursive: true, force: true });
    await where.drop();
  }
}
