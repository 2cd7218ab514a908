/**
 * What the health bench watches while check-ins load the server: the machine's load,
 * the server's event-loop stalls and GC pauses, PostgreSQL's autovacuum runs, the
 * server's new PostgreSQL connections, what its backends wait on (sampled every
 * 100 ms, to explain the slowest seconds) and the WAL written.
 */
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Database } from '../src/server/db/connection.js';

/** The machine's 1-minute load average: the figures are only comparable on an otherwise idle machine. */
export const load1 = () => `load average ${loadavg()[0]!.toFixed(2)} on 2 cores`;

/** Starts watching; `stop` ends it (what was sampled can still be read). */
export async function watch(db: Database) {
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
  const timer = setInterval(() => {
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
  return {
    /** What the server and PostgreSQL did during a phase (from `startedAt` to `end`, epoch ms); starts afresh. */
    seen(startedAt: number, end: number) {
      const opened = [...pids.values()]
        .filter((at) => at > startedAt + 500 && at <= end)
        .map((at) => Math.floor((at - startedAt) / 1000));
      const seen = { loop: loop.max / 1e6, gc: gcMax, vacuums: [...vacuumed].join('; '), opened };
      loop.reset();
      gcMax = 0;
      vacuumed.clear();
      return seen;
    },
    /** The WAL written since the last call (or the start), in bytes. */
    async walBytes() {
      const to = await lsn();
      const bytes = Number(
        (
          await sql<{
            b: string;
          }>`SELECT pg_wal_lsn_diff(${to}::pg_lsn, ${walFrom}::pg_lsn)::bigint::text AS b`.execute(db)
        ).rows[0]!.b,
      );
      walFrom = to;
      return bytes;
    },
    /** Backends busy per sample, by what they waited on, over the seconds of a phase `pick` keeps. */
    tally(startedAt: number, seconds: number, pick: (second: number) => boolean) {
      const out: Record<string, number> = {};
      let n = 0;
      for (const x of samples) {
        const second = Math.floor((x.at - startedAt) / 1000);
        if (second < 0 || second >= seconds || !pick(second)) continue;
        n++;
        for (const w of x.waits) out[w.w] = (out[w.w] ?? 0) + w.n;
      }
      return Object.entries(out)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${(v / Math.max(1, n)).toFixed(1)}`)
        .join(', ');
    },
    stop() {
      loop.disable();
      gc.disconnect();
      clearInterval(timer);
    },
  };
}
