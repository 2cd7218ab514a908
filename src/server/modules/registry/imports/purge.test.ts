/**
 * Uploaded ledgers hold full ID numbers: private to the server's user, and deleted once
 * their import has ended or their retention passed (issue 12: they stayed for ever,
 * world-readable).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import { guessed, importKit } from '../../../../../test/support/imports.js';
import { enqueueSystem } from '../../../jobs/queue.js';
import type { DatasetListDto } from '../../health/data/index.js';
import { purgeUploads, UPLOADS_PURGE_KIND } from './index.js';

const t = await testApp({
  config: { DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ss-purge-')), UPLOAD_RETENTION_HOURS: 24 },
});
const { grid, ownGrid, uploaded, runJobs } = await importKit(t);

const stored = async (uploadId: string) =>
  t.db.selectFrom('uploads').select(['path', 'removed_at']).where('id', '=', uploadId).executeTakeFirstOrThrow();

async function purge() {
  await enqueueSystem(t.system(), { kind: UPLOADS_PURGE_KIND, maxAttempts: 1 });
  await runJobs();
}

describe('uploaded ledgers', () => {
  it('are stored private to the server (directory 0700, file 0600)', async () => {
    const up = await uploaded(grid);
    const { path: file } = await stored(up.uploadId);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
  });

  it('are deleted once their import has ended, and cannot be imported again', async () => {
    const up = await uploaded(grid);
    const body = { uploadId: up.uploadId, targetAreaId: ownGrid, mapping: guessed(up) };
    expect((await grid.post('/api/imports', body)).statusCode).toBe(201);
    const { path: file } = await stored(up.uploadId);
    // While its import is queued, the purge leaves it alone.
    await purgeUploads(t.system());
    expect(existsSync(file)).toBe(true);
    await runJobs();
    await purge();
    expect(existsSync(file)).toBe(false);
    expect((await stored(up.uploadId)).removed_at).not.toBeNull();
    const audited = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'import.uploads_purged')
      .execute();
    expect(audited.length).toBeGreaterThan(0);
    const again = await grid.post('/api/imports', body);
    expect(again.statusCode).toBe(400);
    expect(again.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'uploadId', reason: 'upload_removed' });
  });

  it('never imported are kept for UPLOAD_RETENTION_HOURS, then deleted', async () => {
    const up = await uploaded(grid);
    const { path: file } = await stored(up.uploadId);
    await purge();
    expect(existsSync(file)).toBe(true);
    // A day and an hour later (the clients signed in again).
    await t.travel(new Date(t.clock.now().getTime() + 25 * 3_600_000).toISOString());
    await purge();
    expect(existsSync(file)).toBe(false);
    expect((await stored(up.uploadId)).removed_at).not.toBeNull();
  });

  it("are listed among the datasets the district's admins see, with their retention and what is kept now", async () => {
    await uploaded(grid);
    const district = await t.as('demo-district');
    const res = await district.get('/api/health-data/datasets');
    expect(res.statusCode).toBe(200);
    const { uploads } = res.json<DatasetListDto>();
    const kept = await t.db
      .selectFrom('uploads')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('removed_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(uploads).toMatchObject({ retentionHours: 24, kept: Number(kept.n) });
    expect(uploads.kept).toBeGreaterThan(0);
    expect(uploads.oldestAt).not.toBeNull();
  });
});
