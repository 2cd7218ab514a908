/** Ledger and area imports: the upload, the import job's start, the error report. */
import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';
import { areaId } from '../../../kernel/schemas.js';

export const uploadResult = z.object({
  uploadId: z.uuid(),
  filename: z.string(),
  size: z.number().int(),
  kind: z.enum(['csv', 'xlsx']),
  sheet: z.string().nullable(),
  headerRow: z.number().int().describe('1-based row of the header in the file'),
  columns: z.array(
    z.object({
      index: z.number().int(),
      header: z.string(),
      field: z.string().nullable().describe("the server's guess of the column's meaning"),
      numeric: z.boolean().describe('Excel stored values of this column as numbers: ID numbers in it have lost digits'),
    }),
  ),
  sample: z.array(z.array(z.string())),
  fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
});
export type UploadDto = z.infer<typeof uploadResult>;

export const startImport = z.object({
  uploadId: z.uuid(),
  targetAreaId: areaId,
  mapping: z.record(z.string().regex(/^\d+$/), z.string()).describe('column index → field key'),
});
export const started = z.object({ jobId: z.uuid() });
export type StartedImportDto = z.infer<typeof started>;

export const areaImportResult = z.object({
  created: z.number().int(),
  renamed: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), value: z.string(), reason: z.string() })),
});
export type AreaImportDto = z.infer<typeof areaImportResult>;

export const errorReportParams = z.object({ jobId: z.uuid() });
export const errorReportQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });

const tags = ['imports'];

export const importRoutes = defineRoutes({
  'POST /api/imports/uploads': {
    tags,
    summary:
      'Upload a ledger (xlsx or csv, multipart field "file"): returns the detected header row, column guesses and sample rows',
    upload: true,
    status: 201,
    response: uploadResult,
  },
  'POST /api/imports': {
    tags,
    summary: 'Import an uploaded ledger into a grid (or a community, with a 网格 column) as a background job',
    body: startImport,
    status: 201,
    response: started,
  },
  'POST /api/imports/areas': {
    tags,
    summary:
      'Import areas (streets/towns, communities/villages, grids) from xlsx or csv with 区划代码 and 名称 columns; existing ones are renamed',
    upload: true,
    response: areaImportResult,
  },
  'GET /api/imports/:jobId/errors': {
    tags,
    summary: 'The rows an import refused or warned about (row, column, value, reason) as CSV or XLSX',
    params: errorReportParams,
    query: errorReportQuery,
    file: true,
  },
});
