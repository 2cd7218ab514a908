/**
 * An authenticated, area-scoped list endpoint (GET /api/areas as demo-street:
 * session lookup, permission check, SQL filtered by the area subtree, zod
 * serialization) against a bare Fastify route returning a fixed body of similar
 * size, both at 32 concurrent connections. Target: ≥ 50% of the bare throughput.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type autocannon from 'autocannon';
import Fastify from 'fastify';
import { loadConfig } from '../src/server/config.js';
import { freePort } from '../src/server/db/embedded.js';
import { startPlatform } from '../src/server/platform.js';

const CONNECTIONS = 32;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

/** The load comes from a separate process, as it would from real clients. */
async function load(url: string, headers: Record<string, string> = {}, seconds = DURATION, connections = CONNECTIONS) {
  const cli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
  const args = [cli, '-j', '-c', String(connections), '-d', String(seconds), ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]), url];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await new Promise((resolve) => child.once('exit', resolve));
  const r = JSON.parse(out) as autocannon.Result;
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50 };
}

export async function listVsBare(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ss-bench-'));
  const port = await freePort();
  const platform = await startPlatform(loadConfig({ DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn', DEMO_PASSWORD: 'Bench-pass-2020', DB_POOL_SIZE: '16' }, 'demo'), {});
  const bare = Fastify();
  try {
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-street', password: 'Bench-pass-2020' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const sample = await (await fetch(`${base}/api/areas`, { headers: { cookie } })).json();
    bare.get('/bare', async () => sample);
    const barePort = await freePort();
    await bare.listen({ port: barePort, host: '127.0.0.1' });

    // Warm both up, then measure the baseline and the real endpoint in turn.
    await load(`http://127.0.0.1:${barePort}/bare`, {}, 2, 8);
    await load(`${base}/api/areas`, { cookie }, 2, 8);
    const b = await load(`http://127.0.0.1:${barePort}/bare`);
    const s = await load(`${base}/api/areas`, { cookie });
    console.log(`bare Fastify route:            ${b.rps.toFixed(0)} req/s, p50 ${b.p50} ms, p99 ${b.p99} ms`);
    console.log(`GET /api/areas as demo-street: ${s.rps.toFixed(0)} req/s, p50 ${s.p50} ms, p99 ${s.p99} ms`);
    console.log(`ratio (scoped / bare): ${((s.rps / b.rps) * 100).toFixed(1)}% of bare throughput (target ≥ 50%), ${CONNECTIONS} connections, ${DURATION} s each`);
  } finally {
    await bare.close();
    await platform.close();
    await rm(dir, { recursive: true, force: true });
  }
}
