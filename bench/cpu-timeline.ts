/**
 * CPU use per second while a benchmark phase runs, by process group: the whole
 * machine (from /proc/stat), the server (this process), PostgreSQL (every process
 * named `postgres`: backends, autovacuum, WAL writer, checkpointer) and the load
 * generator; "other" is the rest of the machine. Shows whether a slow second was
 * short of CPU, and who had it.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux
export interface CpuSecond {
  machine: number;
  server: number;
  postgres: number;
  load: number;
  other: number;
}

function jiffies(pid: number | string): number {
  try {
    const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
    return Number(rest[11]) + Number(rest[12]);
  } catch {
    return 0;
  }
}

function postgresPids(): string[] {
  const out: string[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres') out.push(d);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function machine(): { busy: number; all: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const all = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: all - f[3]! - f[4]!, all };
}

/** Samples once a second until stopped; percentages of one core. */
export class CpuTimeline {
  private timer: NodeJS.Timeout | null = null;
  private last: { m: { busy: number }; server: number; pg: Map<string, number>; load: number; at: number } | null =
    null;
  readonly seconds: CpuSecond[] = [];
  loadPid: number | null = null;

  private take() {
    const pg = new Map(postgresPids().map((p) => [p, jiffies(p)]));
    return {
      m: machine(),
      server: jiffies(process.pid),
      pg,
      load: this.loadPid ? jiffies(this.loadPid) : 0,
      at: performance.now(),
    };
  }

  start() {
    this.last = this.take();
    this.timer = setInterval(() => {
      const now = this.take();
      const was = this.last!;
      const pct = (j: number) => (100 * j * TICK_MS) / (now.at - was.at);
      // A process that started this second counts from zero; one that ended is lost (a second's share at most).
      const pgJ = [...now.pg].reduce((s, [p, j]) => s + j - (was.pg.get(p) ?? 0), 0);
      const loadJ = was.load ? now.load - was.load : 0;
      const row = {
        machine: pct(now.m.busy - was.m.busy),
        server: pct(now.server - was.server),
        postgres: pct(pgJ),
        load: pct(loadJ),
        other: 0,
      };
      row.other = Math.max(0, row.machine - row.server - row.postgres - row.load);
      this.seconds.push(row);
      this.last = now;
    }, 1000);
  }

  stop(): CpuSecond[] {
    if (this.timer) clearInterval(this.timer);
    return this.seconds;
  }
}

/** One line per second: machine, server, PostgreSQL, load generator, other (percent of one core; 200 = both cores). */
export function formatTimeline(rows: CpuSecond[], worst: number[]): string {
  return rows
    .map(
      (r, i) =>
        `    ${String(i).padStart(3)} s  machine ${r.machine.toFixed(0).padStart(3)}  server ${r.server.toFixed(0).padStart(3)}  postgres ${r.postgres.toFixed(0).padStart(3)}  load ${r.load.toFixed(0).padStart(3)}  other ${r.other.toFixed(0).padStart(3)}${worst[i] !== undefined ? `  worst ${worst[i]} ms` : ''}`,
    )
    .join('\n');
}
