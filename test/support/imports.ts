/**
 * What the registry import tests share: the messy ledger uploaded as the grid worker,
 * an import of it started with the server's guessed columns, and the queued jobs run
 * to the end as the platform's runner would.
 */
import pino from 'pino';
import { expect } from 'vitest';
import { jobKinds } from '../../src/server/jobs/kinds.js';
import { JobRunner } from '../../src/server/jobs/runner.js';
import type { ImportResult, StartedImportDto, UploadDto } from '../../src/server/modules/registry/imports/index.js';
import type { Client, TestApp } from './app.js';
import { messyXlsx, multipart } from './ledger.js';

/** What these tests read of a job's answer. */
export type Job = { status: string; progress: number; result: Partial<ImportResult> | null };

/** The server's guesses of the columns, as the mapping to import with. */
export const guessed = (up: UploadDto) =>
  Object.fromEntries(up.columns.flatMap((col) => (col.field ? [[String(col.index), col.field]] : [])));

export async function importKit(t: TestApp) {
  const grid = await t.as('demo-grid');
  const ownGrid = await t.areaId('510112005201001');
  const file = await messyXlsx();

  async function upload(c: Client) {
    const { payload, headers } = multipart('东华村台账.xlsx', file);
    return c.request('POST', '/api/imports/uploads', payload, headers);
  }

  /** Uploads the messy ledger and answers the stored upload; a refusal fails with its body. */
  async function uploaded(c: Client = grid): Promise<UploadDto> {
    const res = await upload(c);
    if (res.statusCode !== 201) throw new Error(`upload answered ${res.statusCode}: ${res.body}`);
    return res.json<UploadDto>();
  }

  /** Runs queued jobs to the end, as the platform's runner would. */
  async function runJobs(kinds = jobKinds) {
    const runner = new JobRunner(t.platform, pino({ level: 'silent' }), kinds, {
      leaseMs: 60_000,
      backoffMs: 1_000,
    });
    for (let i = 0; i < 50; i++) {
      if (!(await runner.tick())) {
        t.clock.advance(2_000);
        if (!(await runner.tick())) return;
      }
    }
  }

  /** Uploads the messy ledger and starts its import into the grid worker's grid; answers the job's id. */
  async function importOnce() {
    const up = await uploaded(grid);
    const mapping = guessed(up);
    const started = await grid.post('/api/imports', { uploadId: up.uploadId, targetAreaId: ownGrid, mapping });
    expect(started.statusCode).toBe(201);
    return started.json<StartedImportDto>().jobId;
  }

  return { grid, ownGrid, upload, uploaded, runJobs, importOnce };
}
