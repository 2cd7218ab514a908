/**
 * What the self-registration bench watches while a phase runs: CPU time of a process
 * from /proc, and what the server's PostgreSQL backends do (sampled every 100 ms on a
 * connection of its own), new connections, autovacuum and WAL.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

/** The server's pool in the bench. */
export const POOL = 10;

/** CPU time (ms) of a process so far, from /proc; 0 once it is gone. */
export function cpuMs(pid: number): number {
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
export class Monitor {
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
