/**
 * One phase of the self-registration bench: the families sent by a fresh load-generator
 * process (bench/selfreg-load.ts), then the checks against the database (stored = 201
 * answers, one version each, no family twice, counters and audit rows moved by as much,
 * retries answered 200) and what the phase cost (CPU by process, event-loop delay, GC,
 * new PostgreSQL connections, WAL, group commit, what the backends were doing).
 */
import { spawn } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFigures } from '../src/server/modules/self-registration/intake/index.js';
import { profiled } from './cpu-profile.js';
import { CpuTimeline, formatTimeline } from './cpu-timeline.js';
import { markerRange } from './selfreg-family.js';
import type { LoadPhase, LoadResult } from './selfreg-load.js';
import { cpuMs, type Monitor } from './selfreg-monitor.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const load1 = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} on 2 cores`;
export const ms = (x: number) => `${x.toFixed(1)} ms`;

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

/**
 * Runs phases one after another against the server at `base`; `state` numbers them
 * (each phase's families carry its marker) and is shared with the raw SQL baseline.
 * `abort` ends the run when the server stops answering.
 */
export function phaseRunner(s: {
  base: string;
  file: string;
  monitor: Monitor;
  concurrency: number;
  abort: () => Promise<never>;
}) {
  const { base, file, monitor, concurrency, abort } = s;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let gcMax = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMax = Math.max(gcMax, e.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  loop.enable();
  monitor.start();
  const state = { firstIndex: 0, marker: 0x10 };

  /** One phase in a fresh load-generator process, then the checks against the database. */
  const phase = async (p: Omit<LoadPhase, 'marker'>, extra: Record<string, unknown> = {}) => {
    const m = state.marker++;
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
        {
          base,
          targets: file,
          concurrency,
          retryEvery: 100,
          phases: [{ ...p, marker: m }],
          firstIndex: state.firstIndex,
          ...extra,
        },
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
      return abort();
    });
    const wall = (Date.now() - wall0) / 1000;
    const cpuSeconds = timeline.stop();
    const pgAfter = await monitor.pids();
    const pgCpu = [...new Set([...pgPids, ...pgAfter])].reduce((s, pid) => s + cpuMs(pid) - (cpu0.pg.get(pid) ?? 0), 0);
    const serverCpu = cpuMs(process.pid) - cpu0.server;
    state.firstIndex += r.families + 1000;
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

  const stop = () => {
    monitor.stop();
    loop.disable();
    gc.disconnect();
  };
  return { phase, state, stop };
}
