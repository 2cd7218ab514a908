/**
 * Registry imports that lose their worker: a job whose worker dies after a batch, and a
 * server process killed mid-import. Only whole batches are ever written, and the next
 * worker finishes from the checkpoint.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../../../test/support/app.js';
import { guessed, importKit } from '../../../../../test/support/imports.js';
import { multipart } from '../../../../../test/support/ledger.js';
import { recountRegistry, registryCounters } from '../../../../../test/support/recount.js';
import { systemClock } from '../../../../domain/clock.js';
import { jobKinds } from '../../../jobs/kinds.js';
import { JobRunner } from '../../../jobs/runner.js';
import type { StartedImportDto, UploadDto } from './index.js';

const t = await testApp({ config: { DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ss-imports-')) } });
const { grid, ownGrid, runJobs, importOnce } = await importKit(t);

describe('a worker that dies during an import', () => {
  // The messy ledger is in the registry already: importing it again skips its 7 persons.
  beforeAll(async () => {
    await importOnce();
    await runJobs();
  });

  it('leaves only whole batches behind, and the next worker finishes from the checkpoint', async () => {
    await t.db.deleteFrom('import_errors').execute();
    const jobId = await importOnce();
    // Small batches, and a first worker that dies after its first batch has committed.
    await sql`UPDATE jobs SET payload = payload || '{"batchSize": 4}' WHERE id = ${jobId}`.execute(t.db);
    let calls = 0;
    const importing = jobKinds['import.registry']!;
    const dying: typeof jobKinds = {
      ...jobKinds,
      'import.registry': {
        ...importing,
        run: (ctx) =>
          importing.run({
            ...ctx,
            job: {
              ...ctx.job,
              progress: async (pct) => {
                if (++calls === 1) throw new Error('worker killed');
                await ctx.job.progress(pct);
              },
            },
          }),
      },
    };
    const first = new JobRunner(t.platform, pino({ level: 'silent' }), dying, { leaseMs: 60_000, backoffMs: 1_000 });
    await first.tick();
    const half = await t.db
      .selectFrom('jobs')
      .select(['status', 'result', 'attempts'])
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(half.status).toBe('queued');
    expect(half.result).toMatchObject({ nextRow: 9, rows: 4 });
    t.clock.advance(5_000);
    await runJobs();
    const done = await t.db
      .selectFrom('jobs')
      .select(['status', 'result', 'attempts', 'error'])
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect({ status: done.status, error: done.error }).toEqual({ status: 'succeeded', error: null });
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(done.result).toMatchObject({ rows: 11, imported: 0, skipped: 7, rejected: 4 });
    const reported = await t.db
      .selectFrom('import_errors')
      .select('row_no')
      .where('job_id', '=', jobId)
      .where('severity', '=', 'error')
      .orderBy('row_no')
      .execute();
    expect(reported.map((r) => r.row_no)).toEqual([6, 11, 12, 13]);
  });
});

describe('a server killed during an import', () => {
  it('leaves whole batches only, and another worker finishes the job once the lease expires', async () => {
    // A ledger of 1,500 persons in one courtyard, each with a valid ID number.
    const lines = ['小区,楼栋,房号,姓名,身份证号码,与户主关系'];
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    for (let i = 0; i < 1500; i++) {
      // Unique per i: the birth year carries i % 50, the sequence number i / 50.
      const first17 = `510112${1950 + (i % 50)}0${1 + (i % 9)}15${String(Math.floor(i / 50)).padStart(3, '0')}`;
      const check = '10X98765432'[[...first17].reduce((s, d, k) => s + Number(d) * weights[k]!, 0) % 11];
      lines.push(`大面新居,${1 + Math.floor(i / 100)}栋,${100 + (i % 100)},住户${i},${first17}${check},户主`);
    }
    const { payload, headers } = multipart('大面新居.csv', Buffer.from(lines.join('\n')));
    const up = (await grid.request('POST', '/api/imports/uploads', payload, headers)).json<UploadDto>();
    const mapping = guessed(up);
    const jobId = (
      await grid.post('/api/imports', { uploadId: up.uploadId, targetAreaId: ownGrid, mapping })
    ).json<StartedImportDto>().jobId;
    await sql`UPDATE jobs SET payload = payload || '{"batchSize": 25}', run_at = now() - interval '1 second' WHERE id = ${jobId}`.execute(
      t.db,
    );
    const before = (
      await t.db
        .selectFrom('persons')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
    ).n;

    const worker = spawn(process.execPath, ['--import', 'tsx', 'test/support/import-worker.ts'], {
      env: { ...process.env, TEST_WORKER_URL: t.url, TEST_WORKER_DATA_DIR: t.config.DATA_DIR },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const progressOf = async () =>
      (await t.db.selectFrom('jobs').select(['result']).where('id', '=', jobId).executeTakeFirstOrThrow()).result as {
        rows?: number;
        imported?: number;
      } | null;
    for (let i = 0; i < 600 && ((await progressOf())?.rows ?? 0) < 200; i++)
      await new Promise((r) => setTimeout(r, 50));
    worker.kill('SIGKILL');
    await new Promise((r) => worker.once('exit', r));
    const atKill = (await progressOf())!;
    expect(atKill.rows).toBeGreaterThanOrEqual(200);
    expect(atKill.rows).toBeLessThan(1500);
    // Nothing half-written: exactly the rows of the committed batches are in the registry.
    const persons = (
      await t.db
        .selectFrom('persons')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect(persons - before).toBe(atKill.imported);
    expect(atKill.rows! % 25).toBe(0);

    await new Promise((r) => setTimeout(r, 2_100)); // the dead worker's lease runs out
    const rescuer = new JobRunner({ ...t.platform, clock: systemClock }, pino({ level: 'silent' }), jobKinds, {
      leaseMs: 60_000,
    });
    while (await rescuer.tick()) {
      // until no job is left
    }
    const done = await t.db
      .selectFrom('jobs')
      .select(['status', 'result', 'attempts'])
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(done).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      result: { rows: 1500, imported: 1500, rejected: 0 },
    });
    expect(
      (
        await t.db
          .selectFrom('persons')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
      ).n - before,
    ).toBe(1500);
    expect(await registryCounters(t.db)).toEqual(await recountRegistry(t.db));
  }, 60_000);
});
