/**
 * A `postmaster.pid` left behind names a process that may no longer be PostgreSQL: start-up
 * signals it only when it is a postmaster on this very data directory (issue 12: a stale
 * file made start-up stop whatever process had been given that PID since).
 */
import { spawn } from 'node:child_process';
import { access, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.js';
import { postmasterHolding } from './embedded.js';

const lockFile = (pid: number, dir: string) => `${pid}\n${dir}\n1700000000\n5432\n/tmp\n127.0.0.1\n`;

describe('a postmaster.pid is believed only for a postmaster on this data directory', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ss-pgdir-'));
  // Some other program now has the PID the file names.
  const other = spawn('sleep', ['60'], { stdio: 'ignore' });
  afterAll(() => other.kill());

  it('treats a file that names another program as stale, and that program keeps running', async () => {
    await writeFile(path.join(dir, 'postmaster.pid'), lockFile(other.pid!, dir));
    expect(await postmasterHolding(dir)).toBeNull();
    expect(other.exitCode).toBeNull();
    expect(() => process.kill(other.pid!, 0)).not.toThrow();
  });

  it('treats a file naming a dead process, or locking another directory, as stale', async () => {
    await writeFile(path.join(dir, 'postmaster.pid'), lockFile(2 ** 22 + 12_345, dir));
    expect(await postmasterHolding(dir)).toBeNull();
    await writeFile(path.join(dir, 'postmaster.pid'), lockFile(other.pid!, '/somewhere/else'));
    expect(await postmasterHolding(dir)).toBeNull();
  });

  // The test run's own PostgreSQL (on this machine): its lock file names a real postmaster.
  const database = await createTestDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const dataDir = (await client.query<{ d: string }>("SELECT current_setting('data_directory') AS d")).rows[0]!.d;
  await client.end();
  await database.drop();
  const readable = await access(path.join(dataDir, 'postmaster.pid')).then(
    () => true,
    () => false,
  );

  it.runIf(readable)("recognises the running PostgreSQL's own lock file", async () => {
    const pid = await postmasterHolding(dataDir);
    expect(pid).toBeGreaterThan(0);
    // …and the same process named for another directory is not believed.
    await writeFile(path.join(dir, 'postmaster.pid'), lockFile(pid!, dir));
    expect(await postmasterHolding(dir)).toBeNull();
  });
});
