/**
 * Uploaded ledgers carry full ID numbers and phones: the file is deleted as soon as it
 * is no longer needed — once an import of it has ended (succeeded, failed or cancelled)
 * and none is queued or running, or when UPLOAD_RETENTION_HOURS have passed since the
 * upload and no import is queued or running. Run hourly by the job queue
 * (jobs/kinds.ts); the row stays (who uploaded what, when) with `removed_at` set. One
 * audit row per district where files were deleted.
 */
import { rm } from 'node:fs/promises';
import { sql } from 'kysely';
import { audit } from '../../../kernel/audit.js';
import type { Context } from '../../../kernel/context.js';

export const UPLOADS_PURGE_KIND = 'uploads.purge';

export async function purgeUploads(c: Context): Promise<{ removed: number }> {
  const now = c.clock.now();
  const before = new Date(now.getTime() - c.config.UPLOAD_RETENTION_HOURS * 3_600_000);
  // Candidates, locked (an import being started holds its upload's row: skipped now)…
  const { rows: candidates } = await sql<{ id: string }>`
    SELECT u.id FROM uploads u
    WHERE u.removed_at IS NULL
      AND (u.created_at < ${before}
           OR EXISTS (SELECT 1 FROM jobs j WHERE j.payload->>'uploadId' = u.id::text
                      AND j.status IN ('succeeded', 'failed', 'cancelled')))
    ORDER BY u.created_at
    LIMIT 1000
    FOR UPDATE OF u SKIP LOCKED`.execute(c.db);
  if (candidates.length === 0) return { removed: 0 };
  // …then, in a statement that sees every committed job, those no import still needs.
  const { rows } = await sql<{ id: string; path: string; district_id: string }>`
    UPDATE uploads u SET removed_at = ${now}
    WHERE u.id = ANY(${candidates.map((r) => r.id)}::uuid[])
      AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.payload->>'uploadId' = u.id::text AND j.status IN ('queued', 'running'))
    RETURNING u.id, u.path, u.district_id::text AS district_id`.execute(c.db);
  const perDistrict = new Map<string, number>();
  for (const u of rows) {
    await rm(u.path, { force: true });
    perDistrict.set(u.district_id, (perDistrict.get(u.district_id) ?? 0) + 1);
  }
  for (const [districtId, n] of perDistrict) {
    const district = await c.db
      .selectFrom('areas')
      .select(['id', 'path', 'district_id'])
      .where('id', '=', districtId)
      .executeTakeFirstOrThrow();
    await audit(c, {
      action: 'import.uploads_purged',
      resourceType: 'upload',
      area: { id: district.id, path: district.path, districtId: district.district_id },
      details: { files: n, retentionHours: c.config.UPLOAD_RETENTION_HOURS, job: UPLOADS_PURGE_KIND },
    });
  }
  return { removed: rows.length };
}

/** The uploads dataset as admins see it: its retention and what a district keeps now. */
export async function uploadsKept(
  c: Context,
  districtId: string,
): Promise<{ retentionHours: number; kept: number; oldestAt: string | null }> {
  const row = await c.db
    .selectFrom('uploads')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('district_id', '=', districtId)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    retentionHours: c.config.UPLOAD_RETENTION_HOURS,
    kept: Number(row.n),
    oldestAt: row.oldest ? new Date(row.oldest).toISOString() : null,
  };
}
