/**
 * The import job: reads the uploaded file row by row, checks each row, writes the
 * good ones, and keeps the refused ones for the error report. Rows go in batches;
 * each batch commits together with the job's checkpoint, so a worker that dies
 * leaves no half-written batch and the next worker resumes after the last one.
 */
import { shanghaiDay } from '../../../../domain/clock.js';
import type { LedgerField } from '../../../../domain/ledger.js';
import { checkpoint } from '../../../jobs/queue.js';
import type { JobKind } from '../../../jobs/runner.js';
import { type ActorContext, inTransaction, requireActor, underSavepoint } from '../../../kernel/context.js';
import { areaInScope, inScope } from '../../../kernel/scope.js';
import { applyRecord } from './apply.js';
import { BatchWrites } from './batch.js';
import { problemText } from './limits.js';
import { type FileKind, readRows, type SheetRow } from './reader.js';
import { checkRow, type Problem } from './rows.js';
import { LEDGER_COLUMNS, ROW_REASONS } from './texts.js';
import { ERRORS } from '../../../kernel/errors.js';
import { translateDbError } from '../../../kernel/pg-errors.js';

/**
 * Why the database refused a row, in the catalogue's words: the report goes to the
 * uploader (and into a spreadsheet), never PostgreSQL's own text (table, constraint and
 * column names, values). The full error is in the server log.
 */
export function databaseReason(err: unknown): string {
  const e = translateDbError(err);
  if (!e) return '原因已记入服务器日志';
  const field = e.fields[0];
  return field ? `${ERRORS[e.code]['zh-CN']}（${field.messages['zh-CN']}）` : ERRORS[e.code]['zh-CN'];
}

type RowProblem = { row: number; severity: 'error' | 'warning'; p: Problem };

/** The first row of this job with the document: this row if it is the first (recorded now), else the earlier one. */
async function seenAt(c: ActorContext, jobId: string, docKey: string, rowNo: number): Promise<number> {
  const first = await c.db
    .insertInto('import_seen')
    .values({ job_id: jobId, doc_key: docKey, row_no: rowNo })
    .onConflict((oc) => oc.doNothing())
    .returning('row_no')
    .executeTakeFirst();
  if (first) return rowNo;
  const earlier = await c.db
    .selectFrom('import_seen')
    .select('row_no')
    .where('job_id', '=', jobId)
    .where('doc_key', '=', docKey)
    .executeTakeFirstOrThrow();
  return earlier.row_no;
}

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

export type ImportState = {
  total: number;
  nextRow: number;
  rows: number;
  imported: number;
  skipped: number;
  rejected: number;
  warned: number;
  blank: number;
};

/** What a finished import job leaves in its result: the counts, and the error report's path when there is one. */
export type ImportResult = ImportState & { errorReport: string | null };

/** Runs as the user who started it (the job context's actor), inside their scope. */
export const importJob: JobKind = {
  commits: 'batches',
  async run(ctx): Promise<ImportResult> {
    const c = requireActor(ctx);
    const job = ctx.job;
    const p = job.payload as unknown as ImportPayload;
    const target = await areaInScope(c, p.targetAreaId);
    const grids = new Map(
      (
        await c.db
          .selectFrom('areas')
          .select(['id', 'name', 'path', 'district_id'])
          .where(inScope(target.scope, 'path'))
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
    if (!state.total)
      for await (const row of readRows(p.path, p.kind, c.config)) if (row.n > p.headerRow) state.total++;

    /**
     * The rows of a batch, checked and planned; answers the problems to report. Whole
     * (`perRow` false), the batch's writes are flushed once at its end and any refusal
     * propagates; row by row, each row is written under its own savepoint and a row the
     * database refuses is reported, the others kept.
     */
    const writeRows = async (tx: ActorContext, batch: SheetRow[], perRow: boolean) => {
      const today = shanghaiDay(tx.clock.now());
      const w = new BatchWrites();
      const problems: RowProblem[] = [];
      for (const row of batch) {
        state.rows++;
        if (row.problem) {
          // A cell too long, content past the last column allowed: the row is refused, its column named.
          const field = mapping.get(row.problem.index);
          const column = (field && headers.get(field)) ?? row.problem.values.column;
          problems.push({
            row: row.n,
            severity: 'error',
            p: { column, value: null, reason: problemText(row.problem) },
          });
          state.rejected++;
          continue;
        }
        const checked = checkRow(row.cells, mapping, headers, today);
        if (checked.blank) {
          state.blank++;
          continue;
        }
        for (const warning of checked.warnings) problems.push({ row: row.n, severity: 'warning', p: warning });
        if (checked.warnings.length) state.warned++;
        let errors = checked.errors;
        const r = checked.record;
        if (r) {
          const gridName = r.grid;
          const grid = target.level === 'grid' ? target : gridName ? grids.get(gridName) : undefined;
          if (!grid)
            errors = [
              {
                column: headers.get('grid') ?? LEDGER_COLUMNS.grid,
                value: gridName ?? '',
                reason: gridName ? ROW_REASONS.noSuchGrid : ROW_REASONS.gridNeeded,
              },
            ];
          else {
            const place = { gridId: grid.id, at: { area_path: grid.path, district_id: grid.district_id }, today };
            const apply = async (): Promise<Problem[]> => {
              const earlier = await seenAt(tx, job.id, `${r.docType}:${r.docNumber}`, row.n);
              if (earlier !== row.n)
                return [
                  {
                    column: headers.get('docNumber') ?? LEDGER_COLUMNS.docNumber,
                    value: r.docNumber,
                    reason: ROW_REASONS.duplicateRow(earlier),
                  },
                ];
              const outcome = await applyRecord(tx, w, place, r, headers.get('docNumber'));
              if (perRow) await w.flush(tx);
              if ('error' in outcome) return [outcome.error];
              if ('skipped' in outcome) state.skipped++;
              else state.imported++;
              return errors;
            };
            if (!perRow) errors = await apply();
            else
              try {
                errors = await underSavepoint(tx, apply);
              } catch (err) {
                w.discard();
                tx.log.warn({ err, row: row.n }, 'import: a row was refused by the database');
                errors = [{ column: null, value: null, reason: ROW_REASONS.refusedByDatabase(databaseReason(err)) }];
              }
          }
        }
        if (errors.length) {
          state.rejected++;
          for (const e of errors) problems.push({ row: row.n, severity: 'error', p: e });
        }
      }
      await w.flush(tx);
      return problems;
    };

    const runBatch = (batch: SheetRow[]) =>
      inTransaction(c, async (tx) => {
        const before = { ...state };
        let problems: RowProblem[];
        try {
          problems = await underSavepoint(tx, () => writeRows(tx, batch, false));
        } catch (err) {
          // Refused somewhere in the batch: again row by row, to name the row and keep the others.
          tx.log.info({ err }, 'import: a batch was refused whole; writing it row by row');
          Object.assign(state, before);
          problems = await writeRows(tx, batch, true);
        }
        if (problems.length) {
          await tx.db
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
        await checkpoint({ ...tx, job }, { ...state }, progress);
      });

    let batch: SheetRow[] = [];
    for await (const row of readRows(p.path, p.kind, c.config)) {
      if (row.n < state.nextRow) continue;
      batch.push(row);
      if (batch.length === (p.batchSize ?? BATCH)) {
        await runBatch(batch);
        batch = [];
        await job.progress(state.total ? Math.min(99, Math.floor((state.rows / state.total) * 100)) : 0);
        if (job.signal.aborted) throw new Error('import stopped');
      }
    }
    if (batch.length) await runBatch(batch);
    await c.db.deleteFrom('import_seen').where('job_id', '=', job.id).execute();
    return { ...state, errorReport: state.rejected + state.warned > 0 ? `/api/imports/${job.id}/errors` : null };
  },
};
