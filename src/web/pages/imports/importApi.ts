/**
 * 台账导入 (ledger import) API as the console uses it: upload a spreadsheet,
 * start an import job with a column mapping, read the job, fetch the error report.
 */
import { withQuery } from '../../api/client.js';
import { legacyApi, legacyUpload } from '../../api/legacy.js';
import type { JobDto } from '../../../server/modules/platform/jobs/index.js';

export const IMPORT_JOB_KIND = 'import.registry';
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const ACCEPTED = ['.xlsx', '.csv'];

export interface ImportField {
  key: string;
  label: string;
  required: boolean;
}

export interface ImportColumn {
  index: number;
  header: string;
  /** The server's guess of the column's meaning; null when unsure. */
  field: string | null;
}

/** POST /api/imports/uploads → 201 */
export interface UploadDto {
  uploadId: string;
  filename: string;
  size: number;
  kind: 'csv' | 'xlsx';
  sheet: string | null;
  /** 1-based row number of the header row. */
  headerRow: number;
  columns: ImportColumn[];
  /** The first data rows as text. */
  sample: string[][];
  fields: ImportField[];
}

/** The import job's result (JobDto.result). */
export interface ImportResult {
  rows?: number;
  imported?: number;
  /** Rows already in the registry as they are (a re-import). */
  skipped?: number;
  rejected?: number;
  warned?: number;
  errorReport?: string | null;
  [key: string]: unknown;
}

export type Mapping = Record<string, string>;

export function uploadLedger(
  file: File,
  onProgress?: (percent: number) => void,
  signal?: AbortSignal,
): Promise<UploadDto> {
  const form = new FormData();
  form.append('file', file, file.name);
  return legacyUpload<UploadDto>('/api/imports/uploads', form, { onProgress, signal });
}

export function startImport(uploadId: string, targetAreaId: string, mapping: Mapping): Promise<{ jobId: string }> {
  return legacyApi.post<{ jobId: string }>('/api/imports', { uploadId, targetAreaId, mapping });
}

export function getJob(id: string, signal?: AbortSignal): Promise<JobDto> {
  return legacyApi.get<JobDto>(`/api/jobs/${id}`, undefined, signal);
}

export function errorReportUrl(jobId: string, format: 'csv' | 'xlsx'): string {
  return withQuery(`/api/imports/${jobId}/errors`, { format });
}

export function resultOf(job: JobDto | null): ImportResult {
  return (job?.result ?? {}) as ImportResult;
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
