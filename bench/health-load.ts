/**
 * Open-loop load for POST /api/checkins, run as its own process by bench/health.ts:
 * requests are scheduled at a fixed rate whatever the answers do (a slow server
 * makes them queue, and the queueing counts in the latency, measured from the
 * scheduled time), with at most `concurrency` connections. rate 0: closed loop,
 * `concurrency` requests always in flight (the capacity). Runs the phases it is
 * given one after the other and prints one JSON line for each.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { closedLoop, latencySummary, openLoop } from './timing.js';

interface Args {
  url: string;
  cookie: string;
  csrf: string;
  concurrency: number;
  /** File of person ids, one a line; requests take them in order, each once while they last. */
  ids: string;
  /** Run one after the other in this process; rate in requests per minute, 0 for closed loop. */
  phases: { rate: number; seconds: number }[];
}

const a = JSON.parse(process.argv[2]!) as Args;
const ids = readFileSync(a.ids, 'utf8').split('\n').filter(Boolean);
const agent = new http.Agent({ keepAlive: true, maxSockets: a.concurrency });
const target = new URL(a.url);
let next = 0;

function request(method: string, path: string, body: string | null): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { cookie: a.cookie, 'x-csrf-token': a.csrf };
    if (body !== null)
      Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    const req = http.request({ host: target.hostname, port: target.port, path, method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(-1));
    req.end(body ?? undefined);
  });
}

async function phase(rate: number, seconds: number) {
  const latencies: number[] = [];
  const service: number[] = [];
  /** Worst latency per second of scheduled time: where the slow requests were. */
  const worst: number[] = [];
  const statuses: Record<string, number> = {};
  let maxLag = 0;
  let last = 0;
  const start = performance.now();
  const startedAt = Date.now();
  const send = async (scheduled: number) => {
    const i = next++;
    const fever = i % 50 === 0;
    const body = JSON.stringify({
      id: randomUUID(),
      personId: ids[i % ids.length],
      temperature: fever ? 37.8 : 36.2 + (i % 9) / 10,
      symptoms: fever ? ['发热'] : [],
      channel: i % 3 === 0 ? 'staff_visit' : 'staff_call',
    });
    const sent = performance.now();
    maxLag = Math.max(maxLag, sent - scheduled);
    const status = await request('POST', target.pathname, body);
    const end = performance.now();
    latencies.push(end - scheduled);
    service.push(end - sent);
    const second = Math.floor((scheduled - start) / 1000);
    worst[second] = Math.max(worst[second] ?? 0, end - scheduled);
    statuses[status] = (statuses[status] ?? 0) + 1;
    last = end;
  };
  if (rate > 0) await openLoop(start, 60_000 / rate, Math.round((rate * seconds) / 60), send);
  else await closedLoop(a.concurrency, start + seconds * 1000, send);
  const elapsed = (last - start) / 1000;
  return {
    requests: latencies.length,
    perMinute: (latencies.length / elapsed) * 60,
    ...latencySummary(latencies, service),
    maxLag,
    statuses,
    worst: worst.map((x) => Math.round(x ?? 0)),
    startedAt,
  };
}

// Open the connections first (a cheap read on each), so no phase pays for connecting.
await Promise.all(Array.from({ length: a.concurrency }, () => request('GET', '/api/health', null)));
for (const p of a.phases) process.stdout.write(`${JSON.stringify(await phase(p.rate, p.seconds))}\n`);
agent.destroy();
