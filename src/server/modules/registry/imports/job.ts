/**
 * The import job: reads the uploaded file row by row, checks each row, writes the
 * good ones, and keeps the refused ones for the error report. Rows go in batches;
 * each batch commits together with the job's checkpoint, so a worker that dies
 * leaves no half-written batch and the next worker resumes after the last one.
 */
import { shanghaiDay } from '../../../../domain/clock.js';
import type { LedgerField } from '../../../../domain/ledger.js';
import type { Clock } from '../../../../domain/clock.js';
import type { Config } from '../../../config.js';
import type { Database } from '../../../db/connection.js';
import type { Job } from '../../../db/types.js';
import type { ActorContext } from '../../../kernel/context.js';
import type { JobHandler } from '../../../jobs/runner.js';
import { AreaDirectory } from '../../../kernel/area-directory.js';
import { applyRecord, type Memo } from './apply.js';
import { type FileKind, readRows, type SheetRow } from './reader.js';
import { checkRow, type Problem } from './rows.js';

export const IMPORT_KIND = 'import.registry';
const BATCH = 200;

export interface ImportPayload {
  uploadId: string;
  path: string;
  kind: FileKind;
  targetAreaId: string;
  headerRow: number;
  mapping: Record<string, LedgerField>;
  headers: Partial<Record<LedgerField, string>>;
  /** Rows per committed batch (default 200). */
  batchSize?: number;
}

export interface ImportState {
  total: number;
  nextRow: number;
  rows: number;
  imported: number;
  skipped: number;
  rejected: number;
  warned: number;
  blank: number;
}

async function actorOf(db: Database, job: Job) {
  const u = await db
    .selectFrom('users as u')
    .innerJoin('areas as a', 'a.id', 'u.area_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.area_id', 'a.path', 'a.district_id'])
    .where('u.id', '=', job.created_by!)
    .executeTakeFirstOrThrow();
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    areaId: u.area_id,
    areaPath: u.path,
    districtId: u.district_id,
    sessionId: '',
    csrfToken: '',
    mustChangePassword: false,
  };
}

export function importHandler(db: Database, clock: Clock, config: Config): JobHandler {
  return async (job, tools) => {
    const p = job.payload as unknown as ImportPayload;
    const actor = await actorOf(db, job);
    const target = await db
      .selectFrom('areas')
      .select(['id', 'level', 'path', 'district_id'])
      .where('id', '=', p.targetAreaId)
      .executeTakeFirstOrThrow();
    const grids = new Map(
      (
        await db
          .selectFrom('areas')
          .select(['id', 'name', 'path', 'district_id'])
          .where('path', 'like', `${target.path}%`)
          .where('level', '=', 'grid')
          .where('retired_at', 'is', null)
          .execute()
      ).map((g) => [g.name, g]),
    );
    const mapping = new Map(Object.entries(p.mapping).map(([i, f]) => [Number(i), f]));
    const headers = new Map(Object.entries(p.headers) as [LedgerField, string][]);
    const state: ImportState = {
      total: 0,
      nextRow: p.headerRow + 1,
      rows: 0,
      imported: 0,
      skipped: 0,
      rejected: 0,
      warned: 0,
      blank: 0,
      ...(job.result as Partial<ImportState> | null),
    };
    if (!state.total) for await (const row of readRows(p.path, p.kind)) if (row.n > p.headerRow) state.total++;
    const areas = new AreaDirectory(db, tools.log);

    const runBatch = async (batch: SheetRow[]) => {
      const trx = await db.startTransaction().execute();
      try {
        const c = {
          db: trx,
          root: db,
          actor,
          sessionExpired: false,
          requestId: `job:${job.id}`,
          ip: null,
          clock,
          config,
          log: tools.log,
          areas,
          afterCommit: () => undefined,
        } as ActorContext;
        const today = shanghaiDay(clock.now());
        const memo: Memo = new Map();
        const problems: { row: number; severity: 'error' | 'warning'; p: Problem }[] = [];
        for (const row of batch) {
          state.rows++;
          const checked = checkRow(row.cells, mapping, headers, today);
          if (checked.blank) {
            state.blank++;
            continue;
          }
          for (const w of checked.warnings) problems.push({ row: row.n, severity: 'warning', p: w });
          if (checked.warnings.length) state.warned++;
          let errors = checked.errors;
          const r = checked.record;
          if (r) {
            const gridName = r.grid;
            const grid = target.level === 'grid' ? target : gridName ? grids.get(gridName) : undefined;
            if (!grid)
              errors = [
                {
                  column: headers.get('grid') ?? '网格',
                  value: gridName ?? '',
                  reason: gridName ? '所选社区下没有这个网格' : '导入到社区时须有"网格"列',
                },
              ];
            else {
              const sp = await trx.savepoint('ledger_row').execute();
              try {
                const key = `${r.docType}:${r.docNumber}`;
                const first = await sp
                  .insertInto('import_seen')
                  .values({ job_id: job.id, doc_key: key, row_no: row.n })
                  .onConflict((oc) => oc.doNothing())
                  .returning('row_no')
                  .executeTakeFirst();
                const earlier = first
                  ? null
                  : await sp
                      .selectFrom('import_seen')
                      .select('row_no')
                      .where('job_id', '=', job.id)
                      .where('doc_key', '=', key)
                      .executeTakeFirst();
                if (earlier && earlier.row_no !== row.n) {
                  await sp.releaseSavepoint('ledger_row').execute();
                  errors = [
                    {
                      column: headers.get('docNumber') ?? '证件号码',
                      value: r.docNumber,
                      reason: `与第 ${earlier.row_no} 行重复`,
                    },
                  ];
                } else {
                  const outcome = await applyRecord(
                    { ...c, db: sp },
                    memo,
                    { gridId: grid.id, at: { area_path: grid.path, district_id: grid.district_id }, today },
                    r,
                    headers.get('docNumber'),
                  );
                  await sp.releaseSavepoint('ledger_row').execute();
                  if ('error' in outcome) errors = [outcome.error];
                  else if ('skipped' in outcome) state.skipped++;
                  else state.imported++;
                }
              } catch (err) {
                await sp.rollbackToSavepoint('ledger_row').execute();
                memo.clear();
                tools.log.warn({ err, row: row.n }, 'import: a row was refused by the database');
                errors = [
                  {
                    column: null,
                    value: null,
                    reason: `数据库拒绝了该行：${err instanceof Error ? err.message : String(err)}`,
                  },
                ];
              }
            }
          }
          if (errors.length) {
            state.rejected++;
            for (const e of errors) problems.push({ row: row.n, severity: 'error', p: e });
          }
        }
        if (problems.length) {
          await trx
            .insertInto('import_errors')
            .values(
              problems.map((x) => ({
                job_id: job.id,
                row_no: x.row,
                column_name: x.p.column,
                value: x.p.value?.slice(0, 500) ?? null,
                reason: x.p.reason,
                severity: x.severity,
              })),
            )
            .execute();
        }
        state.nextRow = batch[batch.length - 1]!.n + 1;
        const progress = state.total ? Math.min(99, Math.floor((state.rows / state.total) * 100)) : 0;
        const saved = await trx
          .updateTable('jobs')
          .set({ result: JSON.stringify(state), progress, updated_at: clock.now() })
          .where('id', '=', job.id)
          .where('status', '=', 'running')
          .where('locked_by', '=', job.locked_by)
          .executeTakeFirst();
        if (Number(saved.numUpdatedRows) !== 1) throw new Error('the job was taken over by another worker');
        await trx.commit().execute();
      } catch (err) {
        await trx.rollback().execute();
        throw err;
      }
    };

    let batch: SheetRow[] = [];
    for await (const row of readRows(p.path, p.kind)) {
      if (row.n < state.nextRow) continue;
      batch.push(row);
      if (batch.length === (p.batchSize ?? BATCH)) {
        await runBatch(batch);
        batch = [];
        await tools.progress(state.total ? Math.min(99, Math.floor((state.rows / state.total) * 100)) : 0);
        if (tools.signal.aborted) throw new Error('import stopped');
      }
    }
    if (batch.length) await runBatch(batch);
    await db.deleteFrom('import_seen').where('job_id', '=', job.id).execute();
    return { ...state, errorReport: state.rejected + state.warned > 0 ? `/api/imports/${job.id}/errors` : null };
  };
}
