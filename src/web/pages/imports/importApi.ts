/**
 * 台账导入 (ledger import) API as the console uses it: upload a spreadsheet, start an
 * import job with a column mapping, follow the job, fetch the error report. The shapes
 * are the contract's; the job calls go to the platform's jobs routes.
 */
import type { ImportResult, IMPORT_KIND } from '../../../server/modules/registry/imports/index.js';
import { api, upload } from '../../api/client.js';
import type { UploadDto } from '../../api/registry.js';
import type { JobDto } from '../../../server/modules/platform/jobs/index.js';

export type { UploadDto } from '../../api/registry.js';
export type ImportColumn = UploadDto['columns'][number];

/** The job kind an import runs as (the server's own constant, checked by type). */
export const IMPORT_JOB_KIND: typeof IMPORT_KIND = 'import.registry';
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const ACCEPTED = ['.xlsx', '.csv'];

export type Mapping = Record<string, string>;

export function uploadLedger(
  file: File,
  onProgress?: (percent: number) => void,
  signal?: AbortSignal,
): Promise<UploadDto> {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload('/api/imports/uploads', form, { onProgress, signal });
}

export function startImport(uploadId: string, targetAreaId: string, mapping: Mapping) {
  return api.post('/api/imports', { body: { uploadId, targetAreaId, mapping } });
}

export function errorReportUrl(jobId: string, format: 'csv' | 'xlsx'): string {
  return api.url('/api/imports/:jobId/errors', { params: { jobId }, query: { format } });
}

export function getJob(id: string, signal?: AbortSignal): Promise<JobDto> {
  return api.get('/api/jobs/:id', { params: { id }, signal });
}

export function cancelJob(id: string): Promise<JobDto> {
  return api.post('/api/jobs/:id/cancel', { params: { id } });
}

/** The latest import jobs (one's own and those of one's area). */
export function recentImports(limit: number) {
  return api.get('/api/jobs', { query: { kind: IMPORT_JOB_KIND, limit } });
}

/** The import job's result, as far as it has got (counts appear batch by batch). */
export function resultOf(job: JobDto | null): Partial<ImportResult> {
  return job?.result ?? {};
}

/** A byte count as "12.3 MB" / "850 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${bytes} B`;
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}
