/**
 * Record versions of the registry: who changed which record, when, through which
 * channel, with the values before and after. Written on the request's handle, so
 * a version exists exactly when its change committed.
 */
import type { Channel, RecordVersionsTable } from '../db/types-registry.js';
import type { ActorContext } from './context.js';

export interface VersionEntry {
  type: RecordVersionsTable['record_type'];
  id: string;
  place: { area_path: string; district_id: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  channel?: Channel;
}

/** The row a version is stored as. */
function versionRow(c: ActorContext, v: VersionEntry) {
  return {
    district_id: v.place.district_id,
    area_path: v.place.area_path,
    record_type: v.type,
    record_id: v.id,
    at: c.clock.now(),
    actor_id: c.actor.id,
    channel: v.channel ?? 'staff',
    before: v.before ? JSON.stringify(v.before) : null,
    after: v.after ? JSON.stringify(v.after) : null,
    request_id: c.requestId,
  };
}

export async function recordVersion(c: ActorContext, v: VersionEntry): Promise<void> {
  await c.db.insertInto('record_versions').values(versionRow(c, v)).execute();
}

/** Several versions in one statement (an import's batch). */
export async function recordVersions(c: ActorContext, versions: VersionEntry[]): Promise<void> {
  if (versions.length === 0) return;
  await c.db
    .insertInto('record_versions')
    .values(versions.map((v) => versionRow(c, v)))
    .execute();
}
