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
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { addDays, shanghaiDay } from '../src/domain/clock.js';
import { loadConfig } from '../src/server/config.js';
import { freePort } from '../src/server/db/embedded.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { loadRegistryWithCopy } from '../src/server/demo/copy.js';
import { seedDemo } from '../src/server/demo/seed.js';
import { writeFigures } from '../src/server/modules/self-registration/intake/index.js';
import { createLogger, openDatabase, startPlatform } from '../src/server/platform.js';
import { profiled } from './cpu-profile.js';
import { BENCH_PASSWORD, signIn } from './session.js';
import { CpuTimeline, formatTimeline } from './cpu-timeline.js';
import { regPage, regPageMissing } from './reg-page.js';
import { MemorySampler } from './memory.js';
import { markerRange, type Target } from './selfreg-family.js';
import type { LoadPhase, LoadResult } from './selfreg-load.js';
import { rawFamilies, type RawContext } from './selfreg-raw.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const load1 = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} on 2 cores`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const POOL = 10;

/** CPU time (ms) of a process so far, from /proc; 0 once it is gone. */
function cpuMs(pid: number): number {
  try {
    const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/**
 * What the server's PostgreSQL backends do, sampled every 100 ms on a connection of its
 * own. Samples are folded into per-second counts as they arrive (a soak keeps minutes
 * of them: the raw rows grew the process's heap by 1.6 MB a minute).
 */
class Monitor {
  /** Per epoch second: samples taken, busy client backends summed, and counts by what they were doing. */
  private seconds = new Map<number, { n: number; clients: number; by: Map<string, number> }>();
  /** When each backend was first seen, and whether it is one of the server's connections. */
  private firstSeen = new Map<number, { at: number; client: boolean }>();
  private vacuums: { at: number; table: string }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private busySampling = false;
  private constructor(
    readonly client: pg.Client,
    private readonly sampler: pg.Client,
  ) {}
  static async open(url: string) {
    const [c, s] = [
      new pg.Client({ connectionString: url, application_name: 'bench-monitor' }),
      new pg.Client({ connectionString: url, application_name: 'bench-monitor' }),
    ];
    await Promise.all([c.connect(), s.connect()]);
    return new Monitor(c, s);
  }
  async close() {
    this.stop();
    await Promise.all([this.client.end(), this.sampler.end()]).catch(() => undefined);
  }
  start() {
    this.timer = setInterval(() => {
      if (this.busySampling) return;
      this.busySampling = true;
      const at = Date.now();
      this.sampler
        .query<{ pid: number; state: string; w: string; q: string }>(
          `SELECT pid, CASE WHEN backend_type = 'client backend' THEN coalesce(state, '') ELSE backend_type END AS state,
                  coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS q
           FROM pg_stat_activity
           WHERE application_name = 'shuangsheng' OR backend_type = 'autovacuum worker' OR (backend_type = 'checkpointer' AND wait_event IS DISTINCT FROM 'CheckpointerMain')`,
        )
        .then((r) => this.fold(at, r.rows))
        .catch(() => undefined)
        .finally(() => (this.busySampling = false));
    }, 100);
  }
  private fold(at: number, rows: { pid: number; state: string; w: string; q: string }[]) {
    const second = Math.floor(at / 1000);
    let bucket = this.seconds.get(second);
    if (!bucket) this.seconds.set(second, (bucket = { n: 0, clients: 0, by: new Map() }));
    bucket.n++;
    for (const r of rows) {
      const client = r.state !== 'autovacuum worker' && r.state !== 'checkpointer';
      if (!this.firstSeen.has(r.pid)) this.firstSeen.set(r.pid, { at, client });
      if (r.state === 'autovacuum worker') {
        const table = r.q.replace(/^autovacuum: /, '');
        if (!this.vacuums.some((v) => v.table === table && at - v.at < 60_000)) this.vacuums.push({ at, table });
      }
      if (r.state === 'idle') continue;
      const k =
        r.state === 'active'
          ? `${r.w} ${r.q}`
          : r.state === 'autovacuum worker'
            ? `autovacuum (${r.w}): ${r.q}`
            : `${r.state} (${r.w})`;
      if (r.state === 'active' || r.state.startsWith('idle in transaction')) bucket.clients++;
      bucket.by.set(k, (bucket.by.get(k) ?? 0) + 1);
    }
  }
  stop() {
    if (this.timer) clearInterval(this.timer);
  }
  /** PostgreSQL's processes of this cluster: the backends and the background workers. */
  async pids() {
    return (await this.client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity')).rows.map((r) => r.pid);
  }
  async lsn() {
    return (await this.client.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l')).rows[0]!.l;
  }
  async walBytes(from: string, to: string) {
    return Number(
      (
        await this.client.query<{ b: string }>('SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::bigint::text AS b', [
          to,
          from,
        ])
      ).rows[0]!.b,
    );
  }
  /** Server connections first seen in [from, to]: the seconds (from `from`) they opened in; and what autovacuum worked on. */
  opened(from: number, to: number) {
    const seconds = [...this.firstSeen.values()]
      .filter((p) => p.client && p.at >= from && p.at <= to)
      .map((p) => Math.floor((p.at - from) / 1000));
    const vacuumed = new Set(this.vacuums.filter((v) => v.at >= from && v.at <= to).map((v) => v.table));
    return { seconds, vacuumed: [...vacuumed] };
  }
  /** Busy backends per sample in the seconds of [from, to]: waiting for Node (idle in transaction) or active, by wait and statement. */
  busy(from: number, to: number, top = 6, pick: (second: number) => boolean = () => true) {
    const out = new Map<string, number>();
    let n = 0;
    let clients = 0;
    const first = Math.floor(from / 1000);
    for (const [second, b] of this.seconds) {
      if (second < first || second * 1000 > to || !pick(second - first)) continue;
      n += b.n;
      clients += b.clients;
      for (const [k, v] of b.by) out.set(k, (out.get(k) ?? 0) + v);
    }
    const total = clients / Math.max(1, n);
    const rows = [...out]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `    ${(v / Math.max(1, n)).toFixed(2)}  ${k}`);
    return `${total.toFixed(2)} of the server's connections busy per sample (the pool has ${POOL})\n${rows.join('\n')}`;
  }
}

function runLoad(
  args: Record<string, unknown>,
  onSpawn: (pid: number) => void = () => undefined,
): Promise<{ result: LoadResult }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'selfreg-load.ts'), JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.pid) onSpawn(child.pid);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0
        ? resolve({ result: JSON.parse(out.trim().split('\n').pop()!) as LoadResult })
        : reject(new Error(`load generator exited with ${code}`)),
    ),
  );
}

export async function selfreg(): Promise<void> {
  const persons = Number(process.env.BENCH_PERSONS ?? 200_000);
  const soak = process.env.BENCH_SOAK === '1';
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
    `registry ${registry.persons.toLocaleString()} persons loaded with COPY in ${((t1 - t0) / 1000).toFixed(0)} s, then VACUUM ANALYZE and CHECKPOINT ${((performance.now() - t1) / 1000).toFixed(0)} s (${load1()})`,
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
          'SELECT id, district_id::text FROM reg_codes WHERE token = $1',
          [token],
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

    const loop = monitorEventLoopDelay({ resolution: 10 });
    let gcMax = 0;
    const gc = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcMax = Math.max(gcMax, e.duration);
    });
    gc.observe({ entryTypes: ['gc'] });
    loop.enable();
    monitor.start();
    const concurrency = Number(process.env.BENCH_CONNECTIONS ?? 32);
    let firstIndex = 0;
    let marker = 0x10;

    /** One phase in a fresh load-generator process, then the checks against the database. */
    const phase = async (p: Omit<LoadPhase, 'marker'>, extra: Record<string, unknown> = {}) => {
      const m = marker++;
      const counters = async () =>
        Number(
          (
            await monitor.client.query<{ n: string }>(
              `SELECT coalesce(sum(value), 0)::text AS n FROM reg_day_counters WHERE metric = 'submissions'`,
            )
          ).rows[0]!.n,
        );
      const auditMax = async () =>
        (await monitor.client.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`)).rows[0]!
          .id;
      const before = {
        counters: await counters(),
        audit: await auditMax(),
        wal: await monitor.lsn(),
        rss: process.memoryUsage().rss,
      };
      const pgPids = await monitor.pids();
      const writes0 = writeFigures();
      const cpu0 = { server: cpuMs(process.pid), pg: new Map(pgPids.map((pid) => [pid, cpuMs(pid)])) };
      loop.reset();
      gcMax = 0;
      console.log(`\n${p.label} (${load1()})`);
      const wall0 = Date.now();
      const timeline = new CpuTimeline();
      timeline.start();
      const go = () =>
        runLoad(
          { base, targets: file, concurrency, retryEvery: 100, phases: [{ ...p, marker: m }], firstIndex, ...extra },
          (pid) => (timeline.loadPid = pid),
        );
      // BENCH_PROFILE=1: a CPU profile of the server over the closed loop.
      const { result: r } = await (
        process.env.BENCH_PROFILE === '1' && p.rate === 0
          ? profiled(path.join(tmpdir(), `ss-bench-selfreg-${process.pid}.cpuprofile`), go)
          : go()
      ).catch(async (err: unknown) => {
        // The server stopped answering: show what its connections are doing, stop PostgreSQL, give up
        // (closing the platform would wait for the stuck transactions for ever).
        const stuck = await monitor.client.query<{ state: string; w: string; age: string; q: string }>(
          `SELECT coalesce(state, '') AS state, coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, date_trunc('second', now() - coalesce(xact_start, state_change))::text AS age,
                  left(regexp_replace(query, '\\s+', ' ', 'g'), 120) AS q FROM pg_stat_activity WHERE application_name = 'shuangsheng' ORDER BY pid`,
        );
        console.log(`  FAILED: ${(err as Error).message}; the server's PostgreSQL connections now:`);
        for (const x of stuck.rows) console.log(`    ${x.state} (${x.w}) for ${x.age}: ${x.q}`);
        await monitor.close();
        process.on('uncaughtException', () => undefined); // the stuck connections fail as PostgreSQL stops
        await embedded?.stop();
        await rm(dir, { recursive: true, force: true });
        process.exit(1);
      });
      const wall = (Date.now() - wall0) / 1000;
      const cpuSeconds = timeline.stop();
      const pgAfter = await monitor.pids();
      const pgCpu = [...new Set([...pgPids, ...pgAfter])].reduce(
        (s, pid) => s + cpuMs(pid) - (cpu0.pg.get(pid) ?? 0),
        0,
      );
      const serverCpu = cpuMs(process.pid) - cpu0.server;
      firstIndex += r.families + 1000;
      const bad = (s: Record<string, number>, ok: string) => Object.entries(s).filter(([k]) => k !== ok);
      const errors = [...bad(r.created, '201'), ...bad(r.retries, '200')];
      console.log(
        `  ${r.families.toLocaleString()} families, achieved ${r.perSecond.toFixed(0)}/s, latency p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, max ${r.max.toFixed(0)} ms` +
          (p.rate > 0
            ? ` (from the scheduled time; service p50 ${ms(r.serviceP50)}, p99 ${ms(r.serviceP99)}; max send lag ${r.maxLag.toFixed(0)} ms)`
            : ''),
      );
      // The checks: what the answers said against what the database holds.
      const [lo, hi] = markerRange(m);
      const s = (
        await monitor.client.query<{ n: number; cat: number; fever: number }>(
          `SELECT count(*)::int AS n, count(*) FILTER (WHERE category_members > 0)::int AS cat, count(*) FILTER (WHERE fever_members > 0)::int AS fever FROM reg_submissions WHERE id BETWEEN $1 AND $2`,
          [lo, hi],
        )
      ).rows[0]!;
      const v = (
        await monitor.client.query<{ n: number; heads: number }>(
          `SELECT count(*)::int AS n, count(DISTINCT form->'members'->0->>'docNumber')::int AS heads FROM reg_versions WHERE submission_id BETWEEN $1 AND $2`,
          [lo, hi],
        )
      ).rows[0]!;
      const created = r.created['201'] ?? 0;
      const counted = (await counters()) - before.counters;
      const audited = Number(
        (
          await monitor.client.query<{ n: string }>(
            `SELECT count(*)::text AS n FROM audit_log WHERE id > $1 AND action = 'selfreg.submit'`,
            [before.audit],
          )
        ).rows[0]!.n,
      );
      const retried = Object.values(r.retries).reduce((a, b) => a + b, 0);
      const ok =
        created === s.n &&
        v.n === s.n &&
        v.heads === s.n &&
        counted === created &&
        audited === created &&
        errors.length === 0;
      console.log(
        `  check ${ok ? 'OK' : 'FAILED'}: stored ${s.n.toLocaleString()} = 201 answers ${created.toLocaleString()} (lost ${Math.max(0, created - s.n)}, stored without a 201 ${Math.max(0, s.n - created)}); ` +
          `versions ${v.n.toLocaleString()}, duplicate families ${s.n - v.heads}; retries ${retried} answered ${JSON.stringify(r.retries)} (p99 ${ms(r.retryP99)}); counters +${counted.toLocaleString()}, audit rows +${audited.toLocaleString()}; ` +
          `category path ${s.cat.toLocaleString()} families (${((100 * s.cat) / Math.max(1, s.n)).toFixed(1)}%), fever ${s.fever}; errors ${errors.length ? JSON.stringify(Object.fromEntries(errors)) : 'none'}`,
      );
      const wal = await monitor.walBytes(before.wal, await monitor.lsn());
      const opened = monitor.opened(r.startedAt + 500, r.startedAt + wall * 1000);
      console.log(
        `  CPU over ${wall.toFixed(0)} s: server (Node) ${(serverCpu / 10 / wall) | 0}% of a core, PostgreSQL ${(pgCpu / 10 / wall) | 0}%, load generator ${(r.cpuMs / 10 / wall) | 0}% ` +
          `(a family: Node ${(serverCpu / r.families).toFixed(2)} ms, PostgreSQL ${(pgCpu / r.families).toFixed(2)} ms); ` +
          `event loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms, max ${(loop.max / 1e6).toFixed(0)} ms; longest GC ${gcMax.toFixed(0)} ms; ` +
          `new PostgreSQL connections ${opened.seconds.length}${opened.seconds.length ? ` (in seconds ${opened.seconds.join(', ')})` : ''}; autovacuum: ${opened.vacuumed.join('; ') || 'none'}; WAL ${(wal / Math.max(1, s.n) / 1024).toFixed(1)} kB a family; server RSS ${(before.rss / 2 ** 20).toFixed(0)} → ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
      );
      const writes = writeFigures();
      const statements = writes.statements - writes0.statements;
      console.log(
        `  write statements ${statements.toLocaleString()}: ${((writes.families - writes0.families) / Math.max(1, statements)).toFixed(2)} families each on average (group commit)`,
      );
      console.log(`  PostgreSQL backends: ${monitor.busy(r.startedAt, r.startedAt + wall * 1000)}`);
      if (p.rate > 0 && r.p99 > 200) {
        // CPU per second from the phase's start (the load generator's first second or so is its own start-up).
        const lead = Math.max(0, Math.round((r.startedAt - wall0) / 1000));
        console.log(
          `  per second: CPU in % of one core (200 = both), worst latency of the requests scheduled then:\n${formatTimeline(cpuSeconds.slice(lead), r.worst)}`,
        );
        // What the backends did in the three slowest seconds (of the schedule; queued requests spill over into later ones).
        const slow = r.worst
          .map((w, sec) => ({ w, sec }))
          .sort((x, y) => y.w - x.w)
          .slice(0, 3)
          .map((x) => x.sec);
        console.log(
          `  in the slowest seconds (${slow.join(', ')}): ${monitor.busy(r.startedAt, r.startedAt + wall * 1000, 8, (sec) => slow.includes(sec))}`,
        );
      }
      return r;
    };

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
      monitor.stop();
      loop.disable();
      gc.disconnect();

      const rawSeconds = Number(process.env.BENCH_RAW_SECONDS ?? 15);
      const ctx: RawContext = { url, targets, codes, dwellings };
      console.log(
        `\n### raw SQL baseline: ${config.DB_POOL_SIZE} connections (the server's pool), ${rawSeconds} s each (${load1()})`,
      );
      for (const mode of ['inserts', 'whole'] as const) {
        const m = marker++;
        const raw = await rawFamilies(ctx, {
          mode,
          connections: config.DB_POOL_SIZE,
          seconds: rawSeconds,
          marker: m,
          firstIndex,
        });
        firstIndex += raw.families + 1000;
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
  }
}
