/**
 * Open-loop load for POST /api/public/reg/:token/submissions, run as its own process by
 * bench/selfreg.ts. Families (bench/selfreg-family.ts) are scheduled at a fixed rate
 * whatever the answers do, over at most `concurrency` connections; latency counts from
 * the scheduled time (queueing included). rate 0: closed loop, `concurrency` requests
 * always in flight (the capacity). Every `retryEvery`-th family is followed by a retry
 * of an earlier family that was answered 201 (same id, secret and body: must answer 200
 * and store nothing). A phase can run a loop of persons exports beside it (soak), on
 * its own connection. Prints one JSON line per phase.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { shanghaiDay } from '../src/domain/clock.js';
import { editSecret, family, submissionId, type Target } from './selfreg-family.js';
import { closedLoop, type LatencySummary, latencySummary, openLoop, quantile } from './timing.js';

export interface LoadPhase {
  label: string;
  /** Families per second; 0 for closed loop. */
  rate: number;
  seconds: number;
  /** Two hex digits at the start of this phase's submission ids. */
  marker: number;
  /** Run persons exports one after the other while the phase lasts. */
  exports?: boolean;
}

interface Args {
  base: string;
  targets: string;
  concurrency: number;
  retryEvery: number;
  phases: LoadPhase[];
  /** GET path and session cookie of the export loop. */
  exportPath?: string;
  cookie?: string;
  /** Index of this run's first family (families are unique over the whole bench). */
  firstIndex?: number;
}

export interface LoadResult extends LatencySummary {
  families: number;
  perSecond: number;
  maxLag: number;
  /** Answers to new families and to retries, by status. */
  created: Record<string, number>;
  retries: Record<string, number>;
  retryP99: number;
  /** Worst latency per second of scheduled time. */
  worst: number[];
  /** p50/p99 per minute of scheduled time (for long phases). */
  minutes: { n: number; p50: number; p99: number }[];
  startedAt: number;
  exports: { count: number; ms: number[]; bytes: number; lines: number; statuses: Record<string, number> } | null;
  /** CPU time of this process over the phase. */
  cpuMs: number;
}

const a = JSON.parse(process.argv[2]!) as Args;
/** No answer at all for this long while requests are out: the server has stopped answering (exit 3). */
const STALL_MS = Number(process.env.BENCH_STALL_SECONDS ?? 30) * 1000;
let outstanding = 0;
let lastAnswer = performance.now();
setInterval(() => {
  if (outstanding > 0 && performance.now() - lastAnswer > STALL_MS) {
    process.stderr.write(
      `load generator: no answer for ${STALL_MS / 1000} s with ${outstanding} requests out: the server has stopped answering\n`,
    );
    process.exit(3);
  }
}, 1000).unref();
const targets = JSON.parse(readFileSync(a.targets, 'utf8')) as Target[];
const agent = new http.Agent({ keepAlive: true, maxSockets: a.concurrency });
const base = new URL(a.base);
let next = a.firstIndex ?? 0;
/** Bodies made ahead of a phase, at most (~1.3 kB each). */
const PREMADE = 60_000;

const tally = (m: Record<string, number>, k: number) => (m[k] = (m[k] ?? 0) + 1);

function post(path: string, body: string): Promise<number> {
  outstanding++;
  return new Promise<number>((resolve) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          lastAnswer = performance.now();
          resolve(res.statusCode ?? 0);
        });
      },
    );
    req.setTimeout(120_000, () => req.destroy());
    req.on('error', () => resolve(-1));
    req.end(body);
  }).finally(() => outstanding--);
}

/** One export downloaded to the end: status, bytes, lines. */
function download(): Promise<{ status: number; bytes: number; lines: number }> {
  return new Promise((resolve) => {
    const req = http.get(
      { host: base.hostname, port: base.port, path: a.exportPath, headers: { cookie: a.cookie ?? '' }, agent: false },
      (res) => {
        let bytes = 0;
        let lines = 0;
        res.on('data', (d: Buffer) => {
          bytes += d.length;
          for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) lines++;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, lines }));
        res.on('error', () => resolve({ status: -1, bytes, lines }));
      },
    );
    req.on('error', () => resolve({ status: -1, bytes: 0, lines: 0 }));
  });
}

/** Families answered 201 lately: what a retry resends. */
const answered: { path: string; body: string }[] = [];

async function phase(p: LoadPhase): Promise<LoadResult> {
  const today = shanghaiDay(new Date());
  const latencies: number[] = [];
  const at: number[] = [];
  const service: number[] = [];
  const retryLatencies: number[] = [];
  const worst: number[] = [];
  const created: Record<string, number> = {};
  const retries: Record<string, number> = {};
  let maxLag = 0;
  let last = 0;
  let k = 0;

  const request = (i: number) => {
    const f = family(i, targets, today);
    return {
      path: `/api/public/reg/${f.target.token}/submissions`,
      body: JSON.stringify({ id: submissionId(p.marker, i), editToken: editSecret(), form: f.form }),
    };
  };
  // The bodies are made before the clock starts (up to PREMADE of them): a phone makes its
  // own, so this process's share of the two cores should be the sending, not the making.
  const first = next;
  const premade = Array.from(
    { length: Math.min(PREMADE, p.rate > 0 ? Math.round(p.rate * p.seconds) : PREMADE) },
    (_, j) => request(first + j),
  );
  const cpu = process.cpuUsage();
  const start = performance.now();
  const startedAt = Date.now();
  const end = start + p.seconds * 1000;
  const sendFamily = async (scheduled: number) => {
    const i = next++;
    const { path, body } = premade[i - first] ?? request(i);
    const sent = performance.now();
    maxLag = Math.max(maxLag, sent - scheduled);
    const status = await post(path, body);
    const done = performance.now();
    latencies.push(done - scheduled);
    at.push(scheduled - start);
    service.push(done - sent);
    const second = Math.floor((scheduled - start) / 1000);
    worst[second] = Math.max(worst[second] ?? 0, done - scheduled);
    tally(created, status);
    last = done;
    if (status === 201) {
      answered.push({ path, body });
      if (answered.length > 2000) answered.splice(0, 1000);
    }
  };
  const sendRetry = async (scheduled: number) => {
    const r = answered[Math.floor(Math.random() * answered.length)];
    if (!r) return;
    const status = await post(r.path, r.body);
    retryLatencies.push(performance.now() - scheduled);
    tally(retries, status);
  };
  const send = (scheduled: number) =>
    ++k % a.retryEvery === 0 ? Promise.all([sendFamily(scheduled), sendRetry(scheduled)]) : sendFamily(scheduled);

  let exporting: Promise<LoadResult['exports']> = Promise.resolve(null);
  if (p.exports && a.exportPath) {
    exporting = (async () => {
      const out = { count: 0, ms: [] as number[], bytes: 0, lines: 0, statuses: {} as Record<string, number> };
      while (performance.now() < end) {
        const t0 = performance.now();
        const r = await download();
        out.ms.push(Math.round(performance.now() - t0));
        out.count++;
        out.bytes += r.bytes;
        out.lines += r.lines;
        tally(out.statuses, r.status);
      }
      return out;
    })();
  }

  if (p.rate > 0) await openLoop(start, 1000 / p.rate, Math.round(p.rate * p.seconds), send);
  else await closedLoop(a.concurrency, end, send);
  const exports = await exporting;
  const used = process.cpuUsage(cpu);
  const minutes: LoadResult['minutes'] = [];
  if (p.seconds >= 120) {
    for (let m = 0; m * 60_000 < p.seconds * 1000; m++) {
      const xs = latencies.filter((_, j) => at[j]! >= m * 60_000 && at[j]! < (m + 1) * 60_000);
      minutes.push({ n: xs.length, p50: quantile(xs, 0.5), p99: quantile(xs, 0.99) });
    }
  }
  return {
    families: latencies.length,
    perSecond: latencies.length / ((last - start) / 1000),
    ...latencySummary(latencies, service),
    maxLag,
    created,
    retries,
    retryP99: quantile(retryLatencies, 0.99),
    worst: worst.map((x) => Math.round(x ?? 0)),
    minutes,
    startedAt,
    exports,
    cpuMs: (used.user + used.system) / 1000,
  };
}

// Open the connections first (a cheap read on each), so no phase pays for connecting.
await Promise.all(
  Array.from(
    { length: a.concurrency },
    () =>
      new Promise<void>((resolve) => {
        http
          .get({ host: base.hostname, port: base.port, path: '/api/health', agent }, (res) =>
            res.resume().on('end', resolve),
          )
          .on('error', () => resolve());
      }),
  ),
);
for (const p of a.phases) process.stdout.write(`${JSON.stringify(await phase(p))}\n`);
agent.destroy();
