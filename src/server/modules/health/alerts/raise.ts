/**
 * Raising alerts and finding who receives them. An alert is about a person (at their
 * grid) or a community (a missing daily report). It goes first to those on the spot,
 * and, while nobody has handled it, up the ladder after the configured delays:
 *
 *   person alert:    grid worker + medical officers of the grid and community
 *                    → community staff → street staff
 *   community alert: community staff + the community's medical officers
 *                    → street staff → district staff
 *
 * Everything is set-based SQL: the cut-off job raises tens of thousands at once. Each
 * statement works on one district (an alert and its recipients carry it); the jobs go
 * over the districts one by one.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Config } from '../../../config.js';
import type { Database } from '../../../db/connection.js';
import type { Context } from '../../../kernel/context.js';
import type { AlertKind } from '../../../db/types-health.js';

/** Every district, for the jobs that run district by district. */
export async function districtIds(db: Database): Promise<string[]> {
  const rows = await db.selectFrom('areas').select('id').where('level', '=', 'district').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export interface NewAlert {
  kind: AlertKind;
  day: string;
  /** The person's grid, or the community. */
  areaId: string;
  personId?: string | null;
  details?: Record<string, unknown>;
  /** When it was raised (default: now); alerts written together after the fact keep each their own. */
  at?: Date;
}

/** One alert per kind, subject and day: raising it again does nothing. */
export const dedupKey = (a: { kind: AlertKind; day: string; areaId: string; personId?: string | null }) =>
  `${a.kind}:${a.personId ?? `area-${a.areaId}`}:${a.day}`;

function firstEscalation(now: Date, config: Config): Date {
  return new Date(now.getTime() + config.ALERT_ESCALATE_COMMUNITY_MINUTES * 60_000);
}

/**
 * Raises the alerts of one district that do not exist yet and tells their first
 * recipients. Returns how many were new.
 */
export async function raise(c: Context, districtId: string, alerts: NewAlert[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const now = c.clock.now();
  const rows = alerts.map((a) => ({
    kind: a.kind,
    day: a.day,
    area: a.areaId,
    person: a.personId ?? null,
    details: JSON.stringify(a.details ?? {}),
    key: dedupKey(a),
    at: a.at ?? now,
    escalate: firstEscalation(a.at ?? now, c.config),
  }));
  return insertAlerts(
    c,
    districtId,
    sql`SELECT r.kind, r.day::date, r.area::bigint, r.person::uuid, r.details::jsonb, r.key, r.at, r.escalate
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          AS r(kind text, day text, area text, person text, details text, key text, at timestamptz, escalate timestamptz)`,
  );
}

/**
 * Raises alerts of one district from a query returning (kind, day, area_id, person_id,
 * details, dedup_key) in that order; used by the jobs that scan measures. Areas of
 * another district are left out.
 */
export async function raiseFrom(c: Context, districtId: string, source: RawBuilder<unknown>): Promise<number> {
  const now = c.clock.now();
  const escalateAt = firstEscalation(now, c.config);
  return insertAlerts(
    c,
    districtId,
    sql`SELECT s.*, ${now}::timestamptz, ${escalateAt}::timestamptz FROM (${source}) AS s`,
  );
}

/** `raiseFrom` with the time of each alert and of its first escalation in the source's last two columns. */
async function insertAlerts(c: Context, districtId: string, source: RawBuilder<unknown>): Promise<number> {
  const inserted = await sql<{ id: string }>`
    INSERT INTO alerts (district_id, area_id, area_path, person_id, kind, day, details, dedup_key, escalate_at, created_at)
    SELECT a.district_id, a.id, a.path, s.person_id, s.kind, s.day, s.details, s.dedup_key, s.escalate_at, s.created_at
    FROM (${source}) AS s(kind, day, area_id, person_id, details, dedup_key, created_at, escalate_at)
    JOIN areas a ON a.id = s.area_id AND a.district_id = ${districtId}
    ON CONFLICT (district_id, dedup_key) DO NOTHING
    RETURNING id`.execute(c.db);
  const ids = inserted.rows.map((r) => r.id);
  if (ids.length) await notify(c, districtId, ids);
  return ids.length;
}

/**
 * Adds the recipients of each alert's current level, alerts of one district (idempotent):
 * those of the first level since the alert was raised, the others from now.
 */
export async function notify(c: Context, districtId: string, alertIds: string[]): Promise<void> {
  const now = c.clock.now();
  await sql`
    WITH a AS (
      SELECT id, level, area_id, created_at, kind = 'report_missing' AS community,
             nullif(split_part(area_path, '/', 2), '')::bigint AS d,
             nullif(split_part(area_path, '/', 3), '')::bigint AS s,
             nullif(split_part(area_path, '/', 4), '')::bigint AS c
      FROM alerts WHERE district_id = ${districtId} AND id = ANY(${alertIds}::uuid[])),
    targets AS (
      SELECT id, level, area_id AS area, ARRAY['grid_worker', 'medical_officer'] AS roles FROM a WHERE NOT community AND level = 0
      UNION ALL SELECT id, level, c, ARRAY['medical_officer'] FROM a WHERE NOT community AND level = 0 AND c <> area_id
      UNION ALL SELECT id, level, c, ARRAY['community_staff'] FROM a WHERE NOT community AND level = 1
      UNION ALL SELECT id, level, s, ARRAY['street_staff'] FROM a WHERE NOT community AND level = 2
      UNION ALL SELECT id, level, area_id, ARRAY['community_staff', 'medical_officer'] FROM a WHERE community AND level = 0
      UNION ALL SELECT id, level, s, ARRAY['street_staff'] FROM a WHERE community AND level = 1
      UNION ALL SELECT id, level, d, ARRAY['district_staff'] FROM a WHERE community AND level = 2)
    INSERT INTO alert_recipients (district_id, user_id, alert_id, level, added_at)
    SELECT ${districtId}::bigint, u.id, t.id, t.level, CASE WHEN t.level = 0 THEN a.created_at ELSE ${now}::timestamptz END
    FROM targets t JOIN a ON a.id = t.id
    JOIN users u ON u.area_id = t.area AND u.role = ANY(t.roles) AND u.disabled_at IS NULL
    ON CONFLICT (district_id, user_id, alert_id) DO NOTHING`.execute(c.db);
}

/**
 * Moves every unhandled alert whose escalation time has come one level up, and tells
 * the new recipients, district by district. Returns how many escalated.
 */
export async function escalateDue(c: Context): Promise<number> {
  const { config } = c;
  const now = c.clock.now();
  const streetAfterMs = (config.ALERT_ESCALATE_STREET_MINUTES - config.ALERT_ESCALATE_COMMUNITY_MINUTES) * 60_000;
  let escalated = 0;
  for (const districtId of await districtIds(c.db)) {
    // The step is added in UTC (timestamp + interval, IMMUTABLE): Citus refuses the STABLE
    // timestamptz + interval over a column in an UPDATE, and any STABLE function in a CASE.
    const moved = await sql<{ id: string }>`
      UPDATE alerts SET level = level + 1,
        escalate_at = CASE WHEN level + 1 < 2 THEN greatest(((escalate_at AT TIME ZONE 'UTC') + make_interval(secs => ${Math.max(streetAfterMs, 60_000) / 1000})) AT TIME ZONE 'UTC', ${now}) END
      WHERE district_id = ${districtId} AND state <> 'handled' AND escalate_at IS NOT NULL AND escalate_at <= ${now} AND level < 2
      RETURNING id`.execute(c.db);
    const ids = moved.rows.map((r) => r.id);
    if (ids.length) await notify(c, districtId, ids);
    escalated += ids.length;
  }
  return escalated;
}
