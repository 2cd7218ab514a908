/**
 * Start-up to healthy on an existing data dir: `node dist/server/main.js start`
 * until GET /api/health answers 200, after a first start created the data dir.
 * Baseline: a bare Fastify process started the same way. Target: < 3 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../src/server/db/embedded.js';

async function untilHealthy(url: string, child: ChildProcess, limitMs = 60_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} not healthy after ${limitMs} ms`);
}

async function timeStart(args: string[], env: Record<string, string>, url: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  try {
    await untilHealthy(url, child);
    return performance.now() - t0;
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function startup(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ss-startup-'));
  try {
    const port = await freePort();
    const env = { DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn', DEMO_PASSWORD: 'Bench-pass-2020' };
    const url = `http://127.0.0.1:${port}/api/health`;
    const main = path.resolve('dist/server/main.js');
    const first = await timeStart([main, 'start'], env, url);
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) runs.push(await timeStart([main, 'start'], env, url));
    const bareScript = `const f=require('fastify')();f.get('/api/health',async()=>({ok:true}));f.listen({port:${port},host:'127.0.0.1'})`;
    const bare: number[] = [];
    for (let i = 0; i < 3; i++) bare.push(await timeStart(['-e', bareScript], {}, url));
    console.log(`first start (initdb + migrations + demo data): ${first.toFixed(0)} ms`);
    console.log(
      `start on the existing data dir: median ${median(runs).toFixed(0)} ms (runs: ${runs.map((r) => r.toFixed(0)).join(', ')}) — target < 3000 ms`,
    );
    console.log(
      `baseline bare Fastify process: median ${median(bare).toFixed(0)} ms; ratio ${(median(runs) / median(bare)).toFixed(1)}×`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
