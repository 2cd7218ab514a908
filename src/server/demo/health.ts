/**
 * Demo key persons (重点人群) on top of the demo registry: a few hundred persons over
 * the demo grids with categories, statuses and measures placed over the last 30 days
 * by the rule table (see health-plan.ts), an isolation site with rooms and a
 * designated hospital, nucleic-acid tests, daily check-ins, daily zero reports and
 * alerts. The 30 days are replayed in order, each day's records written in batches
 * and the day's jobs run as the job queue runs them (the same functions), so alerts,
 * reports and counters are what the platform itself would have produced; each past
 * day is then closed with health_close_day(). Days are Asia/Shanghai days of `clock`.
 * The steps: health-plan.ts plans, health-places.ts makes the sites, health-day.ts
 * writes each day's records, health-reports.ts files the reports, health-alerts.ts
 * handles the alerts.
 */
import { sql } from 'kysely';
import { addDays, type Clock, shanghaiDay, systemClock } from '../../domain/clock.js';
import { type Config, loadConfig } from '../config.js';
import { DEMO_DISTRICT } from './areas.js';
import { loadRules } from '../modules/health/rules/index.js';
import type { Database } from '../db/connection.js';
import { AreaDirectory } from '../kernel/area-directory.js';
import { baseContext, type Context, inTransaction } from '../kernel/context.js';
import pino from 'pino';
import { closeDay, escalateDue, raiseEndings, raiseNotReported } from '../modules/health/alerts/index.js';
import { reportReminders } from '../modules/health/daily-reports/index.js';
import { handleAlerts } from './health-alerts.js';
import { releaseDay, type Seeding, writeDay } from './health-day.js';
import { createPlaces } from './health-places.js';
import { planHealth } from './health-plan.js';
import { at, type Candidate } from './health-plan-model.js';
import { communities, fileReports, planFilings } from './health-reports.js';
import { seeded } from './people.js';

/** 三盛都会城网格 of 东华村, 柏合街道: the grid the demo-grid account works in. */
export const SHOWCASE_GRID = '510112005201001';
const HISTORY_DAYS = 30;

export interface HealthDemoOptions {
  clock?: Clock;
  config?: Config;
  seed?: number;
  /** Key persons per grid (the showcase grid gets three more). */
  perGrid?: number;
}

export interface HealthDemo {
  persons: number;
  measures: number;
  released: number;
  checkins: number;
  tests: number;
  reports: number;
  alerts: number;
  days: number;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Up to 60 households a grid of the district, their members head first. The first 60
 * are numbered in one pass (Citus refuses a LIMIT in a lateral subquery that follows a
 * reference table, areas, row by row).
 */
async function candidates(db: Database, districtId: string): Promise<{ gridCode: string; persons: Candidate[] }[]> {
  const { rows } = await sql<{
    id: string;
    grid_id: string;
    grid_code: string;
    district_id: string;
    area_path: string;
    household_id: string;
    relationship: string;
  }>`
    WITH h AS (
      SELECT district_id, id, area_path, row_number() OVER (PARTITION BY district_id, area_path ORDER BY id) AS n
      FROM households WHERE district_id = ${districtId})
    SELECT p.id, p.grid_id, g.code AS grid_code, p.district_id, p.area_path, m.household_id, m.relationship
    FROM h
    JOIN areas g ON g.path = h.area_path AND g.district_id = h.district_id
    JOIN household_members m ON m.district_id = h.district_id AND m.household_id = h.id AND m.end_date IS NULL
    JOIN persons p ON p.district_id = m.district_id AND p.id = m.person_id AND p.merged_into IS NULL
    WHERE h.n <= 60 AND g.level = 'grid' AND g.retired_at IS NULL
    ORDER BY g.code, m.household_id, p.doc_number`.execute(db);
  const grids = new Map<string, Candidate[]>();
  for (const r of rows) {
    const c: Candidate = {
      id: r.id,
      gridId: r.grid_id,
      gridCode: r.grid_code,
      districtId: r.district_id,
      areaPath: r.area_path,
      householdId: r.household_id,
      relationship: r.relationship,
    };
    grids.set(r.grid_code, [...(grids.get(r.grid_code) ?? []), c]);
  }
  return [...grids.entries()].map(([gridCode, persons]) => ({ gridCode, persons }));
}

/** The most local demo account of these roles above an area (a grid worker for their grid, else community, else district). */
async function staffDirectory(db: Database) {
  const users = await db
    .selectFrom('users as u')
    .innerJoin('areas as a', 'a.id', 'u.area_id')
    .select(['u.id', 'u.role', 'a.path'])
    .where('u.disabled_at', 'is', null)
    .orderBy('u.username')
    .execute();
  return (path: string, roles: string[]): string | null =>
    users
      .filter((u) => roles.includes(u.role) && path.startsWith(u.path))
      .sort((a, b) => b.path.length - a.path.length)[0]?.id ?? null;
}

export async function seedHealthDemo(db: Database, opts: HealthDemoOptions = {}): Promise<HealthDemo | null> {
  const now = (opts.clock ?? systemClock).now();
  const config = opts.config ?? loadConfig({}, 'demo');
  const log = pino({ level: 'silent' });
  const areas = new AreaDirectory(db, log);
  /** A context of the platform's own (no actor) on `handle`, at the instant `when`. */
  const system = (handle: Database, when: Date): Context => ({
    ...baseContext({ db, clock: { now: () => when }, config, areas }, { actor: null, requestId: 'demo', log }),
    db: handle,
  });
  const today = shanghaiDay(now);
  const district = await db
    .selectFrom('areas')
    .select('id')
    .where('level', '=', 'district')
    .where('code', '=', DEMO_DISTRICT.code)
    .where('demo', '=', true)
    .executeTakeFirst();
  if (!district) return null;
  const rules = await loadRules(db, district.id);
  const firstRule = rules.map((x) => x.effectiveFrom).sort()[0];
  const from =
    firstRule && firstRule > addDays(today, -(HISTORY_DAYS - 1)) ? firstRule : addDays(today, -(HISTORY_DAYS - 1));
  const grids = await candidates(db, district.id);
  if (!firstRule || from > today || grids.length === 0) return null;
  const categories = await db
    .selectFrom('health_categories')
    .select(['key', 'effective_from as from', 'effective_until as until'])
    .where('district_id', '=', district.id)
    .execute();
  const r = seeded(opts.seed ?? 20200126);
  const plan = planHealth({
    today,
    now,
    from,
    rules,
    categories,
    grids,
    showcaseGrid: SHOWCASE_GRID,
    perGrid: opts.perGrid ?? 7,
    r,
  });
  const staff = await staffDirectory(db);
  const keeper = (p: Candidate) => staff(p.areaPath, ['grid_worker', 'community_staff', 'medical_officer']);
  const places = await createPlaces(db, plan, district.id);

  const byDay = <T>(xs: T[], day: (x: T) => string | null) => {
    const out = new Map<string, T[]>();
    for (const x of xs) {
      const d = day(x);
      if (d !== null) out.set(d, [...(out.get(d) ?? []), x]);
    }
    return out;
  };
  const s: Seeding = {
    db,
    now,
    config,
    r,
    plan,
    places,
    system,
    staff,
    keeper,
    on: {
      placed: byDay(plan.persons, (p) => p.day),
      starting: byDay(plan.measures, (m) => m.startDay),
      ending: byDay(plan.measures, (m) => m.end?.day ?? null),
      confirmed: byDay(plan.persons, (p) => p.confirmed?.day ?? null),
      tested: byDay(plan.tests, (t) => shanghaiDay(t.sampledAt)),
      checked: byDay(plan.checkins, (c) => c.day),
    },
  };
  const filers = await communities(db);
  let reports = 0;

  for (let day = from; day <= today; day = addDays(day, 1)) {
    const when = (hhmm: string) => at(day, minutes(hhmm));
    if (when(config.HEALTH_MORNING_AT) <= now) await raiseEndings(system(db, when(config.HEALTH_MORNING_AT)), day);
    await db.transaction().execute((tx) => writeDay(s, tx, day));
    if (when(config.HEALTH_CHECKIN_CUTOFF) <= now)
      await raiseNotReported(system(db, when(config.HEALTH_CHECKIN_CUTOFF)), day);

    // Daily reports: most before the releases of the afternoon, the rest after the reminder.
    const filings = planFilings(s, day, filers);
    const beforeReleases = filings.filter((f) => f.at < at(day, 900));
    const afterReleases = filings.filter((f) => f.at >= at(day, 900));
    reports += await fileReports(s, day, beforeReleases);
    await releaseDay(s, day);
    const remind = when(config.HEALTH_REPORT_REMIND_AT);
    if (remind <= now) await reportReminders(system(db, remind), day);
    reports += await fileReports(s, day, afterReleases);
  }

  await handleAlerts(db, district.id, now, r);
  // Unhandled alerts move up the ladder as the escalation job would have moved them.
  for (let i = 0; i < 2; i++) await inTransaction(system(db, now), (tx) => escalateDue(tx));
  for (let day = from; day < today; day = addDays(day, 1)) await closeDay(system(db, now), day);

  const alerts = await db
    .selectFrom('alerts')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('district_id', '=', district.id)
    .executeTakeFirstOrThrow();
  const result: HealthDemo = {
    persons: plan.persons.length,
    measures: plan.measures.length,
    released: plan.measures.filter((m) => m.end?.reason === 'released').length,
    checkins: plan.checkins.length,
    tests: plan.tests.length,
    reports,
    alerts: alerts.n,
    days: HISTORY_DAYS,
  };
  const first = grids[0]!.persons[0]!;
  await db
    .insertInto('audit_log')
    .values({
      at: now,
      action: 'demo.seed_health',
      details: JSON.stringify(result),
      district_id: first.districtId,
      area_id: first.districtId,
      area_path: `/${first.districtId}/`,
    })
    .execute();
  return result;
}
