/**
 * Uploads against slow and hostile clients, through a real socket: a client that sends a
 * large Content-Length and then one byte at a time must hold a socket, never one of the
 * database pool's connections (issue 12: ten such clients took the whole platform down).
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { connect as tcp, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, type TestApp, testApp } from '../../../test/support/app.js';
import { createCode } from '../../../test/support/self-registration.js';

const BOUNDARY = '----slow-upload-boundary';

/** Listens on a free port; answers the base URL. */
async function listen(t: TestApp): Promise<{ port: number; base: string }> {
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { port: Number(new URL(address).port), base: address };
}

async function signIn(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('ss_session='))!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

interface Slow {
  socket: Socket;
  /** What the server answered so far. */
  answer: () => string;
  /** Resolves with the answer's first bytes (or '' when the socket closed without one). */
  answered: Promise<string>;
  closed: Promise<void>;
  stop: () => void;
}

const open: Slow[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.stop();
});

/**
 * A multipart upload that announces 10 MB and sends one byte every `everyMs` (or none: 0);
 * `headOnly`: the HTTP head alone, not even the file part's headers.
 */
function slowUpload(
  port: number,
  auth: { cookie: string; csrf: string } | null,
  everyMs = 200,
  headOnly = false,
): Slow {
  const socket = tcp({ port, host: '127.0.0.1' });
  let received = '';
  let timer: NodeJS.Timeout | undefined;
  const answered = new Promise<string>((resolve) => {
    socket.on('data', (d) => {
      received += d.toString('utf8');
      resolve(received);
    });
    socket.on('close', () => resolve(received));
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => undefined);
  socket.on('connect', () => {
    socket.write(
      [
        'POST /api/imports/uploads HTTP/1.1',
        'Host: 127.0.0.1',
        `Content-Type: multipart/form-data; boundary=${BOUNDARY}`,
        'Content-Length: 10000000',
        ...(auth ? [`Cookie: ${auth.cookie}`, `X-CSRF-Token: ${auth.csrf}`] : []),
        '',
        headOnly
          ? ''
          : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="台账.csv"\r\nContent-Type: text/csv\r\n\r\n姓名`,
      ].join('\r\n'),
    );
    if (everyMs > 0) timer = setInterval(() => socket.write('a'), everyMs);
  });
  const slow: Slow = {
    socket,
    answer: () => received,
    answered,
    closed,
    stop: () => {
      clearInterval(timer);
      socket.destroy();
    },
  };
  open.push(slow);
  return slow;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Milliseconds a fetch took, and its status. */
async function timed(url: string, init?: RequestInit) {
  const started = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

describe('slow uploads do not hold database connections', async () => {
  // The test pool has 5 connections; requests wait at most 2 s for one, then answer 503.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ss-uploads-'));
  const t = await testApp({
    config: { DATA_DIR: dataDir, DB_WAIT_SECONDS: 2, UPLOADS_PER_ACCOUNT: 50, UPLOADS_PER_ADDRESS: 50 },
  });
  const { port, base } = await listen(t);
  const street = await t.as('demo-street');
  const code = await createCode(street, { areaId: await t.areaId('510112005201001') });

  it('while more slow uploads than the pool holds are open, sign-in, the health check and the public page answer', async () => {
    const grid = await signIn(base, 'demo-grid');
    const uploads = Array.from({ length: 8 }, () => slowUpload(port, grid));
    await sleep(1_000);
    const [login, health, page] = await Promise.all([
      timed(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo-street', password: PASSWORD }),
      }),
      timed(`${base}/api/health`),
      timed(`${base}/api/public/reg/${code.token}`),
    ]);
    // Before the fix each of them waited DB_WAIT_SECONDS for a connection, then answered 503.
    expect([login.status, health.status, page.status]).toEqual([200, 200, 200]);
    expect(Math.max(login.ms, health.ms, page.ms)).toBeLessThan(2_000);
    // The uploads are still being received: nothing answered them yet.
    expect(uploads.map((u) => u.answer())).toEqual(uploads.map(() => ''));
  });

  it('refuses an upload without a session before reading its body, and stores nothing', async () => {
    const files = () => readdir(path.join(dataDir, 'uploads')).catch(() => [] as string[]);
    const before = await files();
    const anonymous = slowUpload(port, null, 0, true);
    const answer = await Promise.race([anonymous.answered, sleep(3_000).then(() => 'no answer')]);
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer).toContain('UNAUTHENTICATED');
    expect((await files()).filter((f) => !before.includes(f))).toEqual([]);
  });
});

describe('an upload is bounded in time and in number', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ss-uploads-'));
  const t = await testApp({
    config: { DATA_DIR: dataDir, UPLOAD_IDLE_SECONDS: 1, UPLOAD_READ_SECONDS: 5, UPLOADS_PER_ACCOUNT: 2 },
  });
  const { port, base } = await listen(t);

  it('a body that stalls is refused with 408 and the connection closed; the partial file is deleted', async () => {
    const grid = await signIn(base, 'demo-grid');
    const stalled = slowUpload(port, grid, 0);
    const answer = await Promise.race([stalled.answered, sleep(4_000).then(() => 'no answer')]);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('UPLOAD_TOO_SLOW');
    await Promise.race([stalled.closed, sleep(2_000)]);
    expect(stalled.socket.destroyed || stalled.socket.readableEnded).toBe(true);
    expect(await readdir(path.join(dataDir, 'uploads'))).toEqual([]);
  });

  it('a body that trickles is cut off at the deadline for the whole file', async () => {
    const grid = await signIn(base, 'demo-grid');
    const trickle = slowUpload(port, grid, 300);
    const started = performance.now();
    const answer = await Promise.race([trickle.answered, sleep(8_000).then(() => 'no answer')]);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(performance.now() - started).toBeGreaterThan(4_000);
    expect(await readdir(path.join(dataDir, 'uploads'))).toEqual([]);
  });

  it('a third upload of one account while two are in progress is refused with 429; others still upload', async () => {
    const grid = await signIn(base, 'demo-grid');
    const two = [slowUpload(port, grid), slowUpload(port, grid)];
    await sleep(300);
    const third = slowUpload(port, grid);
    const answer = await Promise.race([third.answered, sleep(3_000).then(() => 'no answer')]);
    expect(answer).toMatch(/^HTTP\/1\.1 429/);
    expect(answer).toContain('UPLOAD_BUSY');
    expect(two.map((u) => u.answer())).toEqual(['', '']);
    // Another account is not held back by demo-grid's uploads.
    const other = slowUpload(port, await signIn(base, 'demo-community'));
    await sleep(300);
    expect(other.answer()).toBe('');
  });
});
